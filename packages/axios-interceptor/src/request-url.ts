import { Axios, type InternalAxiosRequestConfig } from 'axios';

/** An axios with no defaults: its `getUri` resolves a config that axios has already merged, as is. */
const resolver = new Axios({});

/**
 * The URL axios will send `config` to: `baseURL` + `url` (an absolute `url` wins unless
 * `allowAbsoluteUrls` is false) + `params` through the `paramsSerializer`, by axios's own `getUri`.
 *
 * `config` is the merged config a request interceptor gets, so only the fields `getUri` reads are
 * passed, to an axios without defaults: calling the instance's `getUri(config)` would merge the
 * whole config and the instance's default headers once more (about 5x the cost, measured).
 */
export function requestUrl(config: InternalAxiosRequestConfig): string {
  return resolver.getUri({
    url: config.url,
    baseURL: config.baseURL,
    params: config.params,
    paramsSerializer: config.paramsSerializer,
    allowAbsoluteUrls: config.allowAbsoluteUrls,
  });
}

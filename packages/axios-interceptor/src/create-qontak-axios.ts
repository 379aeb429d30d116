import type { RequestAuthorizer } from '@qontak/auth-core';
import axios, { type AxiosInstance, type CreateAxiosDefaults } from 'axios';
import { attachQontakAuth } from './attach-qontak-auth';
import type { QontakAxiosOptions } from './qontak-axios-request-options';

/**
 * A new axios instance for the Qontak API: `axios.create({ baseURL: auth.baseUrl, ...config })`
 * with {@link attachQontakAuth} already attached, so `createQontakAxios(auth).get('/api/open/v1/health')`
 * is an authorized call. `config.baseURL`, when given, wins over `auth.baseUrl`.
 *
 * @param auth a `QontakAuth` (or any `RequestAuthorizer`).
 * @param config axios defaults of the instance.
 * @param options see {@link QontakAxiosOptions}.
 */
export function createQontakAxios(
  auth: RequestAuthorizer,
  config: CreateAxiosDefaults = {},
  options: QontakAxiosOptions = {},
): AxiosInstance {
  const instance = axios.create({ baseURL: auth.baseUrl, ...config });
  attachQontakAuth(instance, auth, options);
  return instance;
}

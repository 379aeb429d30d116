import type { QontakAuth, RequestAuthorizer } from '@qontak/auth-core';
import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { describe, expectTypeOf, it } from 'vitest';
import {
  attachQontakAuth,
  createQontakAxios,
  isQontakAxiosAuthError,
  type QontakAuthAttachment,
  type QontakAxiosRequestOptions,
} from '../index';

describe('types of @qontak/axios-interceptor', () => {
  it('declares the qontakAuth request option on every axios config', () => {
    expectTypeOf<AxiosRequestConfig['qontakAuth']>().toEqualTypeOf<
      false | QontakAxiosRequestOptions | undefined
    >();
    const config: AxiosRequestConfig = { qontakAuth: false };
    const withOptions: AxiosRequestConfig = { qontakAuth: { replayOnUnauthorized: false } };
    // @ts-expect-error only false or an options object
    const wrong: AxiosRequestConfig = { qontakAuth: true };
    expectTypeOf(config).toMatchTypeOf<AxiosRequestConfig>();
    expectTypeOf(withOptions).toMatchTypeOf<AxiosRequestConfig>();
    expectTypeOf(wrong).toMatchTypeOf<AxiosRequestConfig>();
  });

  it('takes any RequestAuthorizer (QontakAuth included) and the default or a created instance', () => {
    expectTypeOf(attachQontakAuth).parameter(1).toEqualTypeOf<RequestAuthorizer>();
    expectTypeOf<QontakAuth>().toMatchTypeOf<RequestAuthorizer>();
    expectTypeOf(axios).toMatchTypeOf<Parameters<typeof attachQontakAuth>[0]>();
    expectTypeOf(attachQontakAuth).returns.toEqualTypeOf<QontakAuthAttachment>();
    expectTypeOf(createQontakAxios).returns.toEqualTypeOf<AxiosInstance>();
  });

  it('narrows an unknown error to a QontakAuthError with the request config', () => {
    const error: unknown = undefined;
    if (isQontakAxiosAuthError(error)) {
      expectTypeOf(error.code).toEqualTypeOf<
        | 'invalid_grant'
        | 'invalid_client'
        | 'invalid_request'
        | 'unsupported_grant_type'
        | 'rate_limited'
        | 'server_error'
        | 'network_error'
        | 'timeout'
        | 'invalid_response'
        | 'config_error'
      >();
      expectTypeOf(error.config.url).toEqualTypeOf<string | undefined>();
    }
  });
});

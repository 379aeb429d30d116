import type { Agent } from 'node:http';
import axios, { type AxiosError, type AxiosInstance } from 'axios';
import { createAuthRefresh } from 'axios-auth-refresh';
import { passwordGrant } from './password-grant';

/**
 * `axios-auth-refresh` 5.0.2 set up as its README recommends: `createAuthRefresh(instance,
 * refreshAuthLogic)` (`createAuthRefreshInterceptor` is its deprecated alias), where the refresh
 * logic gets a new token, keeps it and sets it on the failed request; plus a request interceptor
 * that adds the kept token to every request. Default options (`statusCodes: [401]`,
 * `deduplicateRefresh: true`).
 */
export function createAxiosAuthRefreshClient(baseUrl: string, httpAgent: Agent): AxiosInstance {
  let token: string | undefined;
  const instance = axios.create({ baseURL: baseUrl, httpAgent });
  const refreshAuthLogic = async (failedRequest: AxiosError): Promise<void> => {
    token = await passwordGrant(baseUrl, httpAgent);
    failedRequest.response?.config.headers.set('Authorization', `Bearer ${token}`);
  };
  createAuthRefresh(instance, refreshAuthLogic);
  instance.interceptors.request.use((request) => {
    if (token !== undefined) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  });
  return instance;
}

import type { Agent } from 'node:http';
import axios, { type AxiosInstance } from 'axios';
import { passwordGrant } from './password-grant';

/**
 * The naive client many services start with: a request interceptor that gets a new token before
 * every request (no cache, no single flight).
 */
export function createHandWrittenClient(baseUrl: string, httpAgent: Agent): AxiosInstance {
  const instance = axios.create({ baseURL: baseUrl, httpAgent });
  instance.interceptors.request.use(async (config) => {
    config.headers.set('Authorization', `Bearer ${await passwordGrant(baseUrl, httpAgent)}`);
    return config;
  });
  return instance;
}

import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { RequestAuthorizer } from '@qontak/auth-core';
import { createQontakAxios } from '@qontak/axios-interceptor';
import type { AxiosInstance } from 'axios';

/**
 * The module's axios instance: `createQontakAxios(authorizer)` with keep-alive agents of its own, so that
 * {@link closeQontakHttp} can close its sockets on shutdown without touching Node's global agents.
 */
export function createQontakHttp(authorizer: RequestAuthorizer): AxiosInstance {
  return createQontakAxios(authorizer, {
    httpAgent: new HttpAgent({ keepAlive: true }),
    httpsAgent: new HttpsAgent({ keepAlive: true }),
  });
}

/** Destroys the sockets of an instance made by {@link createQontakHttp}. Never throws. */
export function closeQontakHttp(http: AxiosInstance): void {
  for (const agent of [http.defaults.httpAgent, http.defaults.httpsAgent]) {
    if (agent instanceof HttpAgent) agent.destroy();
  }
}

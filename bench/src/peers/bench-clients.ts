import type { Agent } from 'node:http';
import { createQontakAxios } from '@qontak/axios-interceptor';
import type { AxiosInstance } from 'axios';
import type { Goal } from '../figure';
import { newAuth } from '../qontak-auth-factory';
import { createAxiosAuthRefreshClient } from './axios-auth-refresh-client';
import { createHandWrittenClient } from './hand-written-interceptor';

/** An axios client on an empty token cache, and what must be closed after it. */
export interface BenchClient {
  client: AxiosInstance;
  close(): Promise<void>;
}

/** Ours: `createQontakAxios` over a fresh `QontakAuth`. */
export function oursClient(baseUrl: string, agent: Agent): BenchClient {
  const auth = newAuth(baseUrl);
  return { client: createQontakAxios(auth, { httpAgent: agent }), close: () => auth.close() };
}

/** The hand-written "get a token in every request" interceptor. */
export function handWrittenClient(baseUrl: string, agent: Agent): BenchClient {
  return { client: createHandWrittenClient(baseUrl, agent), close: async () => undefined };
}

/** `axios-auth-refresh` set up as its README shows. */
export function axiosAuthRefreshClient(baseUrl: string, agent: Agent): BenchClient {
  return { client: createAxiosAuthRefreshClient(baseUrl, agent), close: async () => undefined };
}

/** One client of a comparison: its labels, its goals (ours only), and how to make it. */
export interface BenchVariant {
  label: string;
  chartLabel: string;
  grantGoal?: Goal;
  failedGoal?: Goal;
  /** A client on an empty cache, and what must be closed after. */
  create(baseUrl: string, agent: Agent): BenchClient;
}

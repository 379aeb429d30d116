import { Agent } from 'node:http';
import { createQontakAxios } from '@qontak/axios-interceptor';
import { startEmulatorProcess } from '../emulator-process';
import type { Figure, ScenarioResult } from '../figure';
import { settledHeap } from '../heap';
import { runClosedLoop } from '../load';
import { HEALTH_PATH, newAuth } from '../qontak-auth-factory';

const REQUESTS = 100_000;
const WARMUP_REQUESTS = 10_000;
const CONCURRENCY = 64;
const GOAL_MB = 2;
const MB = 1024 * 1024;

/**
 * 7. Memory: heap growth over 100,000 requests through axios with our interceptor (against the
 * emulator in a child process, so only the client's heap is measured), and over 100,000
 * `authorizeRequest()` calls, after warm-up, with forced garbage collection before and after.
 */
export async function runMemory(): Promise<ScenarioResult> {
  const started = Date.now();
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') {
    return {
      id: 7,
      title: 'Memory',
      figures: [
        {
          name: `heap growth, ${REQUESTS} axios requests`,
          value: undefined,
          unit: 'MB',
          goal: { op: '<', target: GOAL_MB },
        },
      ],
      notes: [],
      error: 'global.gc is missing: run node with --expose-gc (pnpm bench does)',
      seconds: 0,
    };
  }
  const server = await startEmulatorProcess();
  const auth = newAuth(server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const client = createQontakAxios(auth, { httpAgent: agent });
    const url = `${server.url}${HEALTH_PATH}`;

    await runClosedLoop(WARMUP_REQUESTS, CONCURRENCY, () => client.get(HEALTH_PATH));
    const axiosBefore = await settledHeap(gc);
    const run = await runClosedLoop(REQUESTS, CONCURRENCY, () => client.get(HEALTH_PATH));
    const axiosAfter = await settledHeap(gc);

    for (let i = 0; i < WARMUP_REQUESTS; i++) await auth.authorizeRequest({ method: 'GET', url });
    const authorizeBefore = await settledHeap(gc);
    for (let i = 0; i < REQUESTS; i++) await auth.authorizeRequest({ method: 'GET', url });
    const authorizeAfter = await settledHeap(gc);

    const figures: Figure[] = [
      {
        name: `heap growth, ${REQUESTS.toLocaleString('en-US')} axios requests with the interceptor`,
        value: run.failed === 0 ? (axiosAfter - axiosBefore) / MB : Number.NaN,
        unit: 'MB',
        goal: { op: '<', target: GOAL_MB },
      },
      {
        name: `heap growth, ${REQUESTS.toLocaleString('en-US')} authorizeRequest() calls`,
        value: (authorizeAfter - authorizeBefore) / MB,
        unit: 'MB',
        goal: { op: '<', target: GOAL_MB },
      },
    ];
    return {
      id: 7,
      title: 'Memory',
      figures,
      notes: [
        `heapUsed after 3 forced GCs, before and after ${REQUESTS.toLocaleString('en-US')} requests (${CONCURRENCY} concurrent, keep-alive, emulator in a child process) that follow ${WARMUP_REQUESTS.toLocaleString('en-US')} warm-up requests; likewise for sequential authorizeRequest() calls. Axios run: ${run.ok} ok, ${run.failed} failed in ${(run.elapsedMs / 1000).toFixed(1)} s; heap ${(axiosBefore / MB).toFixed(2)} -> ${(axiosAfter / MB).toFixed(2)} MB.`,
      ],
      error: run.failed > 0 ? `${run.failed} requests failed (first: ${run.firstError})` : undefined,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await auth.close();
    agent.destroy();
    await server.close();
  }
}

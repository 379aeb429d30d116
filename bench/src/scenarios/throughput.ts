import { Agent } from 'node:http';
import { createQontakAxios } from '@qontak/axios-interceptor';
import { createQontakClient, type QontakPaths } from '@qontak/client';
import axios from 'axios';
import createClient from 'openapi-fetch';
import { startEmulatorProcess } from '../emulator-process';
import type { Figure, ScenarioResult } from '../figure';
import { runClosedLoop } from '../load';
import { HEALTH_PATH, newAuth } from '../qontak-auth-factory';
import { summarize } from '../stats';

const ROUNDS = 5;
const REQUESTS = 20_000;
const WARMUP_REQUESTS = 2_000;
const CONCURRENCY = 64;
/** Each side's requests of a round are sent in this many alternating chunks. */
const CHUNKS = 10;

interface Pair {
  label: string;
  ours: { name: string; call: () => Promise<unknown> };
  baseline: { name: string; call: () => Promise<unknown> };
  /** The least ratio ours / baseline (req/s) that meets the goal; none: reported for information. */
  goal?: number;
}

interface PairResult {
  /** Per round: ours / baseline, of requests per second of the client process's CPU time. */
  cpuRatios: number[];
  /** Per round: ours / baseline, of requests per second of wall time. */
  ratios: number[];
  oursRps: number[];
  baselineRps: number[];
  failed: number;
  firstError: string | undefined;
}

/** The client process's CPU time (user + system, every thread) since `since`, in µs. */
function cpuMicros(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return used.user + used.system;
}

async function measurePair(pair: Pair): Promise<PairResult> {
  await runClosedLoop(WARMUP_REQUESTS, CONCURRENCY, pair.ours.call);
  await runClosedLoop(WARMUP_REQUESTS, CONCURRENCY, pair.baseline.call);
  const result: PairResult = {
    cpuRatios: [],
    ratios: [],
    oursRps: [],
    baselineRps: [],
    failed: 0,
    firstError: undefined,
  };
  for (let round = 0; round < ROUNDS; round++) {
    const ok = { ours: 0, baseline: 0 };
    const elapsedMs = { ours: 0, baseline: 0 };
    const cpu = { ours: 0, baseline: 0 };
    // Interleave the two sides in chunks (ABBA order) so that load from elsewhere on a shared
    // machine, which comes and goes over seconds, weighs on both sides alike.
    for (let chunk = 0; chunk < CHUNKS; chunk++) {
      const order = chunk % 2 === 0 ? (['ours', 'baseline'] as const) : (['baseline', 'ours'] as const);
      for (const side of order) {
        const cpuBefore = process.cpuUsage();
        const run = await runClosedLoop(REQUESTS / CHUNKS, CONCURRENCY, pair[side].call);
        cpu[side] += cpuMicros(cpuBefore);
        result.failed += run.failed;
        result.firstError ??= run.firstError;
        ok[side] += run.ok;
        elapsedMs[side] += run.elapsedMs;
      }
    }
    const rps = {
      ours: (ok.ours / elapsedMs.ours) * 1000,
      baseline: (ok.baseline / elapsedMs.baseline) * 1000,
    };
    result.oursRps.push(rps.ours);
    result.baselineRps.push(rps.baseline);
    result.ratios.push(rps.ours / rps.baseline);
    result.cpuRatios.push(ok.ours / cpu.ours / (ok.baseline / cpu.baseline));
  }
  return result;
}

function pairFigures(pair: Pair, result: PairResult): Figure[] {
  const cpuRatio = summarize(result.cpuRatios);
  const ratio = summarize(result.ratios);
  const ours = summarize(result.oursRps);
  const baseline = summarize(result.baselineRps);
  const value = (spread: { median: number }) => (result.failed === 0 ? spread.median : Number.NaN);
  return [
    {
      name: `${pair.label}: ${pair.ours.name} / ${pair.baseline.name} (req/s)`,
      value: value(ratio),
      spread: ratio,
      unit: 'x',
      goal: pair.goal === undefined ? undefined : { op: '>=', target: pair.goal },
      chart: pair.goal === undefined ? undefined : 'ratio',
      chartLabel: `${pair.label}: ours / static header`,
    },
    {
      name: `${pair.label}: ${pair.ours.name} / ${pair.baseline.name} (requests per client CPU-second)`,
      value: value(cpuRatio),
      spread: cpuRatio,
      unit: 'x',
    },
    { name: `${pair.label}: ${pair.ours.name}`, value: ours.median, spread: ours, unit: 'req/s' },
    { name: `${pair.label}: ${pair.baseline.name}`, value: baseline.median, spread: baseline, unit: 'req/s' },
  ];
}

/**
 * 2. Throughput: axios with our interceptor against axios with a static `Authorization` header (the
 * same valid token), `auth.fetch` against plain `fetch` with that header, and the typed client's
 * `GET /v1/health` against that `fetch` and against `openapi-fetch` with that header, 64 concurrent,
 * against the emulator's health route running in a child process.
 */
export async function runThroughput(): Promise<ScenarioResult> {
  const started = Date.now();
  const server = await startEmulatorProcess();
  const auth = newAuth(server.url);
  const agents = [1, 2].map(() => new Agent({ keepAlive: true, maxSockets: CONCURRENCY }));
  try {
    const token = await auth.getAccessToken();
    const url = `${server.url}${HEALTH_PATH}`;
    const ours = createQontakAxios(auth, { httpAgent: agents[0] });
    const client = createQontakClient(auth);
    const plainClient = createClient<QontakPaths>({
      baseUrl: auth.apiBaseUrl,
      headers: { authorization: `Bearer ${token}` },
    });
    const plain = axios.create({
      baseURL: server.url,
      httpAgent: agents[1],
      headers: { Authorization: `Bearer ${token}` },
    });
    const checked = async (response: Promise<Response>): Promise<void> => {
      const res = await response;
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    };
    const typedClientCall = {
      name: "createQontakClient(auth).GET('/v1/health')",
      call: async () => {
        const { response } = await client.GET('/v1/health');
        if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      },
    };
    const pairs: Pair[] = [
      {
        label: 'axios',
        ours: { name: 'createQontakAxios(auth)', call: () => ours.get(HEALTH_PATH) },
        baseline: { name: 'axios + static header', call: () => plain.get(HEALTH_PATH) },
        goal: 0.97,
      },
      {
        label: 'fetch',
        ours: { name: 'auth.fetch()', call: () => checked(auth.fetch(HEALTH_PATH)) },
        baseline: {
          name: 'fetch + static header',
          call: () => checked(fetch(url, { headers: { authorization: `Bearer ${token}` } })),
        },
        goal: 0.97,
      },
      {
        label: 'typed client',
        ours: typedClientCall,
        baseline: {
          name: 'fetch + static header',
          call: () => checked(fetch(url, { headers: { authorization: `Bearer ${token}` } })),
        },
      },
      {
        label: 'typed client',
        ours: typedClientCall,
        baseline: {
          name: 'openapi-fetch + static header',
          call: async () => {
            const { response } = await plainClient.GET('/v1/health');
            if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
          },
        },
        goal: 0.97,
      },
    ];
    const figures: Figure[] = [];
    const notes: string[] = [];
    let failed = 0;
    for (const pair of pairs) {
      const result = await measurePair(pair);
      figures.push(...pairFigures(pair, result));
      failed += result.failed;
      if (result.failed > 0)
        notes.push(`${pair.label}: ${result.failed} requests failed (first: ${result.firstError}).`);
    }
    const stats = await server.stats();
    notes.unshift(
      `${ROUNDS} rounds x ${REQUESTS.toLocaleString('en-US')} requests per side (after ${WARMUP_REQUESTS.toLocaleString('en-US')} warm-up each), ${CONCURRENCY} concurrent, keep-alive; each side's requests are sent in ${CHUNKS} chunks alternating with the other side's (ABBA), so that varying load on the machine hits both alike; ratios are ours / baseline, median [min-max] over rounds. The goals are on req/s; requests per CPU-second of the client process (process.cpuUsage, user + system, around each chunk) are shown beside them, since that is what the client's code costs while req/s also moves with the emulator process and with other tenants of a shared 2-core machine. The typed client's goal is against openapi-fetch, the library it is built on, with the static header (what our transport, credentials, time limit and retries add, less the Request that openapi-fetch builds and fetch copies, which the typed client does not make for a call without a body or middleware); beside it, against fetch with the header (no goal: openapi-fetch's own cost is in it).`,
      `Server: the emulator's GET ${HEALTH_PATH} in its own process (one core for it, one for the client), so the client's cost is what is measured. It answered ${(stats.health[200] ?? 0).toLocaleString('en-US')} x 200 and ${(stats.health[401] ?? 0).toLocaleString('en-US')} x 401, after ${stats.grants.total} grant(s).`,
    );
    return {
      id: 2,
      title: 'Throughput',
      figures,
      notes,
      error: failed > 0 ? `${failed} requests failed` : undefined,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await auth.close();
    for (const agent of agents) agent.destroy();
    await server.close();
  }
}

import { startEmulator } from '@qontak/emulator';
import { Bench } from 'tinybench';
import type { ScenarioResult } from '../figure';
import { HEALTH_PATH, newAuth } from '../qontak-auth-factory';
import { summarize } from '../stats';

const ROUNDS = 5;
/** Calls per tinybench iteration: one awaited call is too short for the timer. */
const BATCH = 1_000;
const TASK_TIME_MS = 400;

/** The mean time of one call of a tinybench task, in ns. */
function nsPerCall(bench: Bench, name: string): number {
  const task = bench.tasks.find((t) => t.name === name);
  const result = task?.result;
  if (!result || !('latency' in result)) throw new Error(`tinybench task ${name} did not complete`);
  return (result.latency.mean * 1e6) / BATCH;
}

/**
 * 1. Hot path: a cached `auth.getAccessToken()` against `async () => CONSTANT`, and
 * `auth.authorizeRequest({ method, url })` for a Qontak URL, with tinybench, over several rounds.
 */
export async function runHotPath(): Promise<ScenarioResult> {
  const started = Date.now();
  const emulator = await startEmulator();
  const auth = newAuth(emulator.url);
  try {
    const CONSTANT = await auth.getAccessToken();
    const constant = async (): Promise<string> => CONSTANT;
    const url = `${emulator.url}${HEALTH_PATH}`;
    const ratios: number[] = [];
    const authorizeRatios: number[] = [];
    const constantNs: number[] = [];
    const tokenNs: number[] = [];
    const authorizeNs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const bench = new Bench({ time: TASK_TIME_MS, warmupTime: 100, iterations: 32 });
      const tasks: [string, () => Promise<void>][] = [
        [
          'constant',
          async () => {
            for (let i = 0; i < BATCH; i++) await constant();
          },
        ],
        [
          'getAccessToken',
          async () => {
            for (let i = 0; i < BATCH; i++) await auth.getAccessToken();
          },
        ],
        [
          'authorizeRequest',
          async () => {
            for (let i = 0; i < BATCH; i++) await auth.authorizeRequest({ method: 'GET', url });
          },
        ],
      ];
      // Reverse the order every other round, so that drift of the machine weighs on each task alike.
      for (const [name, fn] of round % 2 === 0 ? tasks : [...tasks].reverse()) bench.add(name, fn);
      await bench.run();
      const c = nsPerCall(bench, 'constant');
      const t = nsPerCall(bench, 'getAccessToken');
      const a = nsPerCall(bench, 'authorizeRequest');
      constantNs.push(c);
      tokenNs.push(t);
      authorizeNs.push(a);
      ratios.push(t / c);
      authorizeRatios.push(a / c);
    }
    const ratio = summarize(ratios);
    const authorizeRatio = summarize(authorizeRatios);
    const c = summarize(constantNs);
    const t = summarize(tokenNs);
    const a = summarize(authorizeNs);
    return {
      id: 1,
      title: 'Hot path',
      figures: [
        {
          name: 'cached getAccessToken() / async constant (time per call)',
          value: ratio.median,
          spread: ratio,
          unit: 'x',
          goal: { op: '<=', target: 1.5 },
        },
        { name: 'async () => CONSTANT, per call', value: c.median, spread: c, unit: 'ns' },
        { name: 'cached getAccessToken(), per call', value: t.median, spread: t, unit: 'ns' },
        {
          name: 'authorizeRequest({ url }) for a Qontak URL, per call',
          value: a.median,
          spread: a,
          unit: 'ns',
        },
        {
          name: 'authorizeRequest({ url }) / async constant (time per call)',
          value: authorizeRatio.median,
          spread: authorizeRatio,
          unit: 'x',
        },
      ],
      notes: [
        `tinybench ${ROUNDS} rounds; each task iteration awaits ${BATCH.toLocaleString('en-US')} calls (${TASK_TIME_MS} ms per task per round, task order reversed every other round), so timer overhead is amortized; figures are the mean time per call, median over rounds [min-max].`,
        'authorizeRequest parses the URL string and checks its origin and path (not the token endpoint) before returning the cached, frozen header object.',
      ],
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await auth.close();
    await emulator.close();
  }
}

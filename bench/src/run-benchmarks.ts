import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { withDeadline } from './deadline';
import type { ScenarioResult } from './figure';
import { goalTally, renderMarkdown, renderSvg, renderTable, type Machine } from './report';
import { runColdBurst } from './scenarios/cold-burst';
import { runFleet } from './scenarios/fleet';
import { runHotPath } from './scenarios/hot-path';
import { runMemory } from './scenarios/memory';
import { runRefreshUnderLoad } from './scenarios/refresh-under-load';
import { runRevocationStorm } from './scenarios/revocation-storm';
import { runRoomsPagination } from './scenarios/rooms-pagination';
import { runThroughput } from './scenarios/throughput';
import { runWebhooks } from './scenarios/webhooks';

interface Scenario {
  id: number;
  title: string;
  /** The longest this scenario may run before it is reported as failed, in ms. */
  budgetMs: number;
  run: () => Promise<ScenarioResult>;
}

const SCENARIOS: Scenario[] = [
  { id: 1, title: 'Hot path', budgetMs: 60_000, run: runHotPath },
  { id: 2, title: 'Throughput', budgetMs: 900_000, run: runThroughput },
  { id: 3, title: 'Cold burst', budgetMs: 200_000, run: runColdBurst },
  { id: 4, title: 'Revocation storm', budgetMs: 90_000, run: runRevocationStorm },
  { id: 5, title: 'Refresh under load', budgetMs: 150_000, run: runRefreshUnderLoad },
  { id: 6, title: 'Fleet', budgetMs: 120_000, run: runFleet },
  { id: 7, title: 'Memory', budgetMs: 120_000, run: runMemory },
  { id: 8, title: 'Webhooks', budgetMs: 180_000, run: runWebhooks },
  { id: 9, title: 'Rooms', budgetMs: 120_000, run: runRoomsPagination },
];

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGb: os.totalmem() / 1024 ** 3,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

/** `--only=1,3` runs only those scenarios (and writes no files); default: all, and the report files. */
function selected(): Scenario[] {
  const only = process.argv.find((arg) => arg.startsWith('--only='));
  if (!only) return SCENARIOS;
  const ids = new Set(only.slice('--only='.length).split(',').map(Number));
  return SCENARIOS.filter((scenario) => ids.has(scenario.id));
}

/**
 * Collects the heap (the bench runs with `--expose-gc`) and lets a second pass, so that a scenario
 * does not pay, in the middle of its measurement, for the garbage and the closing sockets of the one
 * before it (the cold burst leaves 10,000 requests' worth).
 */
async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await delay(1_000);
}

async function main(): Promise<number> {
  const scenarios = selected();
  const partial = scenarios.length !== SCENARIOS.length;
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    await settle();
    const started = Date.now();
    console.log(`\n> ${scenario.id}. ${scenario.title} (budget ${scenario.budgetMs / 1000} s)`);
    let result: ScenarioResult;
    try {
      result = await withDeadline(scenario.run(), scenario.budgetMs, `${scenario.id}. ${scenario.title}`);
    } catch (error) {
      result = {
        id: scenario.id,
        title: scenario.title,
        figures: [],
        notes: [],
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        seconds: (Date.now() - started) / 1000,
      };
    }
    console.log(renderTable([result]));
    if (result.error) console.log(`  error: ${result.error}`);
    console.log(`  (${result.seconds.toFixed(1)} s)`);
    results.push(result);
  }

  const host = machine();
  console.log(`\nAll figures (${host.cpu}, ${host.cores} cores, Node ${host.node}, ${host.date}):\n`);
  console.log(renderTable(results));
  const { met, missed } = goalTally(results);
  console.log(
    `\n${met} goals met, ${missed.length} missed${missed.length > 0 ? `:\n  - ${missed.join('\n  - ')}` : '.'}`,
  );
  if (!partial) {
    await writeFile(`${BENCH_DIR}RESULTS.md`, renderMarkdown(results, host));
    await writeFile(`${BENCH_DIR}results.svg`, renderSvg(results, host));
    console.log(`\nWrote ${BENCH_DIR}RESULTS.md and ${BENCH_DIR}results.svg`);
  }
  return results.some((result) => result.error) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

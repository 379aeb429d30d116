import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@qontak/emulator';
import newman from 'newman';
import type { NewmanRunStat, NewmanRunSummary } from 'newman';
import { startWebhookReceiver } from './postman-webhook-receiver';

/** The collection in the repository's `postman/` folder. */
export const POSTMAN_COLLECTION_PATH = fileURLToPath(
  new URL('../../../postman/qontak-open-api.postman_collection.json', import.meta.url),
);
/** Where the collection's files (`contacts.csv`) are read from: the collection's own folder. */
export const POSTMAN_WORKING_DIR = dirname(POSTMAN_COLLECTION_PATH);
/** The local environment in the repository's `postman/` folder. */
export const POSTMAN_ENVIRONMENT_PATH = fileURLToPath(
  new URL('../../../postman/qontak-local.postman_environment.json', import.meta.url),
);

/** Options of {@link runPostmanCollection}. */
export interface RunPostmanOptions {
  /** Run against this server instead of a freshly started emulator (which is the default). */
  baseUrl?: string | undefined;
  /** newman reporters. Default `['cli']`. */
  reporters?: string[] | undefined;
  /** Time limit of each request, in ms. Default 10_000. */
  timeoutRequestMs?: number | undefined;
}

/** Totals of one kind of thing newman ran. */
export interface PostmanCount {
  readonly total: number;
  readonly failed: number;
}

/** The outcome of a collection run, from newman's summary. */
export interface PostmanRunResult {
  /** True when every request of the collection ran, none errored and no assertion failed. */
  readonly ok: boolean;
  /** The server the collection ran against. */
  readonly baseUrl: string;
  /** How many requests the collection file holds. */
  readonly expectedItems: number;
  readonly items: PostmanCount;
  readonly requests: PostmanCount;
  readonly assertions: PostmanCount;
  readonly scripts: PostmanCount;
  /** One line per failure: `<request name>: <assertion or error>`. */
  readonly failures: readonly string[];
}

function count(stat: NewmanRunStat): PostmanCount {
  return { total: stat.total ?? 0, failed: stat.failed ?? 0 };
}

function countItems(node: unknown): number {
  if (typeof node !== 'object' || node === null) return 0;
  const { item, request } = node as { item?: unknown; request?: unknown };
  if (request !== undefined) return 1;
  return Array.isArray(item) ? item.reduce<number>((sum, child) => sum + countItems(child), 0) : 0;
}

function run(options: Parameters<typeof newman.run>[0]): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run(options, (error, summary) => (error ? reject(error) : resolve(summary)));
  });
}

/**
 * Runs `postman/qontak-open-api.postman_collection.json` with newman, with the local environment
 * and `baseUrl`, `gatewayBaseUrl` and `webhookUrl` overridden, reading the files it uploads from `postman/`:
 * by default against a fresh emulator (with its control API, and contact lists processed at once) on a free
 * loopback port, and with a bot's webhook route (`@qontak/webhooks`) on another,
 * both stopped afterwards. Resolves with the counts of newman's summary (`ok` is false when a request
 * errored, an assertion failed or a request did not run).
 * @throws when the collection or environment cannot be read, or newman cannot start.
 */
export async function runPostmanCollection(options: RunPostmanOptions = {}): Promise<PostmanRunResult> {
  const collection: unknown = JSON.parse(await readFile(POSTMAN_COLLECTION_PATH, 'utf8'));
  const expectedItems = countItems(collection);
  const emulator =
    options.baseUrl === undefined
      ? await startEmulator({ port: 0, controlApi: true, contactListProcessingMs: 0 })
      : undefined;
  const baseUrl = options.baseUrl ?? emulator!.url;
  const receiver = await startWebhookReceiver();
  try {
    const summary = await run({
      collection: collection as object,
      environment: POSTMAN_ENVIRONMENT_PATH,
      envVar: [
        { key: 'baseUrl', value: baseUrl },
        { key: 'gatewayBaseUrl', value: baseUrl },
        { key: 'webhookUrl', value: receiver.url },
      ],
      workingDir: POSTMAN_WORKING_DIR,
      reporters: options.reporters ?? ['cli'],
      timeoutRequest: options.timeoutRequestMs ?? 10_000,
    });
    const { stats } = summary.run;
    const items = count(stats.items);
    const requests = count(stats.requests);
    const assertions = count(stats.assertions);
    const scripts = count(stats.scripts);
    const failures = summary.run.failures.map(
      (failure) =>
        `${failure.source?.name ?? 'collection'}: ${failure.error.test ?? failure.error.name ?? 'error'}${failure.error.message ? ` (${failure.error.message})` : ''}`,
    );
    const ok =
      failures.length === 0 &&
      items.total === expectedItems &&
      items.failed === 0 &&
      requests.failed === 0 &&
      assertions.failed === 0 &&
      scripts.failed === 0 &&
      !summary.run.error;
    return { ok, baseUrl, expectedItems, items, requests, assertions, scripts, failures };
  } finally {
    await emulator?.close();
    await receiver.close();
  }
}

import { demoEnvironment, type EmulatorDemoScheme } from './demo-env';
import type { EmulatorFaults } from './faults/fault-injector';
import { FaultInjector } from './faults/fault-injector';
import type { EmulatorOptions } from './server/options';
import { resolveOptions } from './server/options';
import { startServer } from './server/server';
import { Catalog } from './state/catalog';
import type { EmulatorWebhooks, SentBotMessage, SentBroadcast } from './state/sent-records';
import { SentRecords } from './state/sent-records';
import type { EmulatorStats } from './state/stats';
import { StatsRecorder } from './state/stats';
import { TokenRegistry } from './state/token-registry';

/** A running emulator, returned by {@link startEmulator}. */
export interface QontakEmulator {
  /** Base URL without a trailing slash, e.g. `'http://127.0.0.1:45678'`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** Stops listening and destroys every open socket (keep-alive, hung requests); resolves when closed. Idempotent. */
  close(): Promise<void>;
  /** A snapshot copy of the counters. */
  stats(): EmulatorStats;
  /** Copies of the accepted direct broadcasts, oldest first (at most `maxRecords`). */
  sent(): SentBroadcast[];
  /** Copies of the accepted bot messages, oldest first (at most `maxRecords`). */
  botMessages(): SentBotMessage[];
  /** Copies of the message- and room-interactions webhook registrations (`null` until registered). */
  webhooks(): EmulatorWebhooks;
  /**
   * Forgets every issued token, counter, pending fault, sent broadcast, bot message and webhook
   * registration, and restores the static access tokens.
   */
  reset(): void;
  /** Revokes every issued access and refresh token and every static access token. */
  revokeAll(): void;
  /**
   * The environment variables that point `authFromEnv()` of `@qontak/auth-core` at this emulator with
   * one of its own credentials: `'password'` (`QONTAK_BASE_URL`, `QONTAK_USERNAME`, `QONTAK_PASSWORD`,
   * `QONTAK_CLIENT_ID`, `QONTAK_CLIENT_SECRET`), `'access-token'` (`QONTAK_BASE_URL`,
   * `QONTAK_ACCESS_TOKEN`) or `'mekari-hmac'` (`MEKARI_BASE_URL`, `MEKARI_CLIENT_ID`, `MEKARI_CLIENT_SECRET`).
   * @throws {RangeError} for an unknown scheme, or one the emulator has no credential of.
   */
  demoEnv(scheme: EmulatorDemoScheme): Record<string, string>;
  /** Fault injection, per route. */
  readonly faults: EmulatorFaults;
}

/**
 * Starts a local, Doorkeeper-faithful Qontak Chat API on `node:http` with no dependencies:
 * `POST /oauth/token` (password and refresh-token grants) and `POST /oauth/revoke`, and the Open API
 * operations of the README's table under `/api/open` with a bearer (issued or static access token) and
 * under `/qontak/chat` with the Mekari API gateway's HMAC signature.
 *
 * @param options see {@link EmulatorOptions}; every field has a default.
 * Bound to an address that is not loopback (e.g. `host: '0.0.0.0'`), it warns once per process on stderr
 * (`process.emitWarning`, code `QONTAK_EMULATOR_PUBLIC_BIND`): it then serves the public demo credentials
 * to whoever reaches it.
 * @returns the running emulator once it listens.
 * @throws {RangeError | TypeError} for invalid options, or `controlApi` on a host that is not loopback;
 *   rejects when the server cannot listen (e.g. `EADDRINUSE`).
 */
export async function startEmulator(options?: EmulatorOptions): Promise<QontakEmulator> {
  const resolved = resolveOptions(options);
  const stats = new StatsRecorder();
  const registry = new TokenRegistry(
    resolved.tokenTtlSeconds,
    resolved.refreshRotation,
    resolved.clock,
    resolved.accessTokens,
  );
  const records = new SentRecords(resolved.maxRecords);
  const catalog = new Catalog(resolved.templates, resolved.integrations);
  const faults = new FaultInjector();
  function reset(): void {
    registry.clear();
    stats.reset();
    faults.clear();
    records.clear();
  }
  const server = await startServer(
    { options: resolved, registry, stats, catalog, records },
    { registry, stats, records, faults, reset },
  );

  return {
    url: server.url,
    port: server.port,
    faults,
    close: () => server.close(),
    stats: () => stats.snapshot(),
    sent: () => records.sent(),
    botMessages: () => records.botMessages(),
    webhooks: () => records.webhooks(),
    reset,
    revokeAll() {
      registry.revokeAll();
    },
    demoEnv: (scheme) => demoEnvironment(scheme, server.url, resolved),
  };
}

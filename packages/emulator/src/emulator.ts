import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerApiRequest } from './api/dispatch';
import { answerControlRequest, isControlPath } from './control/dispatch';
import type { EmulatorControls } from './control/operations';
import { notFoundReply } from './api/envelope';
import type { ApiMatch } from './api/operations';
import { matchApiRequest } from './api/operations';
import { Catalog } from './state/catalog';
import { demoEnvironment, type EmulatorDemoScheme } from './demo-env';
import type { EmulatorContext } from './server/context';
import type { EmulatorOptions } from './server/options';
import { resolveOptions } from './server/options';
import type { EmulatorFaults, EmulatorRoute } from './faults/fault-injector';
import { FaultInjector } from './faults/fault-injector';
import { cannedFaultReply, isCannedFault, patchReply } from './faults/fault-replies';
import type { Reply } from './server/reply';
import { sendReply } from './server/reply';
import { drainBody } from './server/request-body';
import { isLoopbackAddress, warnPublicBind } from './server/loopback';
import { handleRevokeRequest } from './oauth/revoke-endpoint';
import type { EmulatorWebhooks, SentBotMessage, SentBroadcast } from './state/sent-records';
import { SentRecords } from './state/sent-records';
import type { EmulatorStats } from './state/stats';
import { StatsRecorder } from './state/stats';
import { TokenRegistry } from './state/token-registry';
import { handleTokenRequest } from './oauth/token-endpoint';

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
  /**
   * Copies of the accepted direct broadcasts, oldest first: each body as sent, with the broadcast `id` the API
   * answered and the `credential` kind that sent it (`'bearer'`, `'access-token'` or `'hmac'`, never the
   * credential itself).
   */
  sent(): SentBroadcast[];
  /** Copies of the accepted bot messages, oldest first (an uploaded file as its name, type and size). */
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

/** What a request asks for: an OAuth endpoint, or an Open API operation under one base path. */
type Target = { kind: 'oauth'; route: 'token' | 'revoke' } | ({ kind: 'api' } & ApiMatch);

const OAUTH_ROUTES: Record<string, 'token' | 'revoke'> = {
  '/oauth/token': 'token',
  '/oauth/revoke': 'revoke',
};

function targetOf(method: string | undefined, rawPathname: string): Target | undefined {
  const pathname = rawPathname.length > 1 ? rawPathname.replace(/\/+$/, '') : rawPathname;
  const oauth = OAUTH_ROUTES[pathname];
  if (oauth !== undefined) return method === 'POST' ? { kind: 'oauth', route: oauth } : undefined;
  const api = matchApiRequest(method, pathname);
  return api && { kind: 'api', ...api };
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts a local, Doorkeeper-faithful Qontak Chat API on `node:http` with no dependencies:
 * `POST /oauth/token` (password and refresh-token grants) and `POST /oauth/revoke`, and the Open API
 * operations (health, direct WhatsApp broadcast and its log, templates, integrations, bot message,
 * message/room interactions) under `/api/open` with a bearer (issued or static access token) and under
 * `/qontak/chat` with the Mekari API gateway's HMAC signature.
 *
 * @param options see {@link EmulatorOptions}; every field has a default (demo user, fulfillment client,
 *   demo access token, demo HMAC client, seeded templates and integrations, 7200 s tokens, a free port on
 *   127.0.0.1).
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
  const ctx: EmulatorContext = { options: resolved, registry, stats, catalog, records };
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function answer(target: Target, req: IncomingMessage, url: URL): Promise<Reply> {
    if (target.kind === 'api') return answerApiRequest(ctx, target, req, url);
    return target.route === 'token' ? handleTokenRequest(ctx, req, url) : handleRevokeRequest(ctx, req, url);
  }

  function reset(): void {
    registry.clear();
    stats.reset();
    faults.clear();
    records.clear();
  }
  const controls: EmulatorControls = { registry, stats, records, faults, reset };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    if (resolved.controlApi && isControlPath(url.pathname)) {
      sendReply(res, await answerControlRequest(controls, req, url));
      return;
    }
    stats.request();
    const target = targetOf(req.method, url.pathname);
    if (!target) {
      const drained = await drainBody(req, resolved.maxBodyBytes);
      sendReply(res, { ...notFoundReply(), closeConnection: !drained });
      return;
    }
    const route: EmulatorRoute = target.route;
    const fault = faults.take(route);
    if (fault) stats.faultServed();
    if (fault?.type === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.type === 'hang') {
      req.resume();
      return;
    }
    if (fault && isCannedFault(fault)) {
      const drained = await drainBody(req, resolved.maxBodyBytes);
      sendReply(res, { ...cannedFaultReply(fault, route), closeConnection: !drained });
      return;
    }
    if (fault?.type === 'latency') {
      await sleep(fault.ms);
      if (closed) return;
    }
    let reply = await answer(target, req, url);
    if (fault?.type === 'token-body') reply = patchReply(reply, fault);
    sendReply(res, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      sendReply(res, {
        status: 500,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        body: '500 Internal Server Error\n',
        closeConnection: true,
      });
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  if (resolved.controlApi && !isLoopbackAddress(address)) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw new RangeError(
      `@qontak/emulator: controlApi needs a loopback host (127.0.0.1, ::1 or localhost): whoever reaches it ` +
        `can reset, revoke and inject faults; got ${resolved.host} (${address})`,
    );
  }
  if (!isLoopbackAddress(address)) warnPublicBind(address, port);

  let closing: Promise<void> | undefined;
  const url = `http://${hostForUrl(resolved.host)}:${port}`;
  return {
    url,
    port,
    faults,
    close() {
      closing ??= new Promise<void>((resolve) => {
        closed = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
    stats: () => stats.snapshot(),
    sent: () => records.sent(),
    botMessages: () => records.botMessages(),
    webhooks: () => records.webhooks(),
    reset,
    revokeAll() {
      registry.revokeAll();
    },
    demoEnv: (scheme) => demoEnvironment(scheme, url, resolved),
  };
}

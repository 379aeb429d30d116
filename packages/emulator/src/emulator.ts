import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorContext } from './emulator-context';
import type { EmulatorOptions } from './emulator-options';
import { resolveOptions } from './emulator-options';
import type { EmulatorFaults, EmulatorRoute } from './fault-injector';
import { FaultInjector } from './fault-injector';
import { cannedFaultReply, isCannedFault, patchReply } from './fault-replies';
import { handleGatewayHealthRequest } from './gateway-health-endpoint';
import { handleHealthRequest } from './health-endpoint';
import type { Reply } from './reply';
import { notFoundReply, sendReply } from './reply';
import { drainBody } from './request-body';
import { handleRevokeRequest } from './revoke-endpoint';
import type { EmulatorStats } from './stats';
import { StatsRecorder } from './stats';
import { TokenRegistry } from './token-registry';
import { handleTokenRequest } from './token-endpoint';

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
  /** Forgets every issued token, counter and pending fault, and restores the static access tokens. */
  reset(): void;
  /** Revokes every issued access and refresh token and every static access token. */
  revokeAll(): void;
  /** Fault injection, per route. */
  readonly faults: EmulatorFaults;
}

const ROUTES: Record<string, { method: string; route: EmulatorRoute }> = {
  '/oauth/token': { method: 'POST', route: 'token' },
  '/oauth/revoke': { method: 'POST', route: 'revoke' },
  '/api/open/v1/health': { method: 'GET', route: 'health' },
  '/qontak/chat/v1/health': { method: 'GET', route: 'gateway-health' },
};

function routeOf(method: string | undefined, pathname: string): EmulatorRoute | undefined {
  const entry = ROUTES[pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname];
  return entry && entry.method === method ? entry.route : undefined;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts a local, Doorkeeper-faithful Qontak Chat API: `POST /oauth/token` (password and refresh-token
 * grants), `POST /oauth/revoke` and `GET /api/open/v1/health`, plus the Mekari API gateway's HMAC-signed
 * `GET /qontak/chat/v1/health`, on `node:http` with no dependencies.
 *
 * @param options see {@link EmulatorOptions}; every field has a default (demo user, fulfillment client,
 *   demo HMAC client, 7200 s tokens, a free port on 127.0.0.1).
 * @returns the running emulator once it listens.
 * @throws {RangeError | TypeError} for invalid options; rejects when the server cannot listen (e.g. `EADDRINUSE`).
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
  const faults = new FaultInjector();
  const ctx: EmulatorContext = { options: resolved, registry, stats };
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

  async function answer(route: EmulatorRoute, req: IncomingMessage, url: URL): Promise<Reply> {
    switch (route) {
      case 'token':
        return handleTokenRequest(ctx, req, url);
      case 'revoke':
        return handleRevokeRequest(ctx, req, url);
      case 'health':
        await drainBody(req, resolved.maxBodyBytes);
        return handleHealthRequest(ctx, req, url);
      case 'gateway-health':
        await drainBody(req, resolved.maxBodyBytes);
        return handleGatewayHealthRequest(ctx, req);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.request();
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const route = routeOf(req.method, url.pathname);
    if (!route) {
      const drained = await drainBody(req, resolved.maxBodyBytes);
      sendReply(res, { ...notFoundReply(), closeConnection: !drained });
      return;
    }
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
    let reply = await answer(route, req, url);
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
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl(resolved.host)}:${port}`,
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
    reset() {
      registry.clear();
      stats.reset();
      faults.clear();
    },
    revokeAll: () => registry.revokeAll(),
  };
}

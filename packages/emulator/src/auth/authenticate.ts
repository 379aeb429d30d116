import type { IncomingMessage } from 'node:http';
import { invalidTokenReply } from '../oauth/doorkeeper-errors';
import type { EmulatorContext } from '../server/context';
import { verifyHmacRequest } from './hmac-verifier';
import type { OrRefusal } from '../server/reply';
import { jsonReply } from '../server/reply';

/** The two base paths of the one Open API: Qontak's own (`/api/open`, bearer) and the Mekari gateway's (`/qontak/chat`, HMAC). */
export type ApiBase = 'open' | 'gateway';

/** Where each base path is mounted. */
export const API_BASE_PATHS: Readonly<Record<ApiBase, string>> = {
  open: '/api/open',
  gateway: '/qontak/chat',
};

/** Who called, once authenticated: the credential kind and what the health answer shows of it. */
export type ApiCaller =
  | { credential: 'bearer'; expiresIn: number }
  | { credential: 'access-token'; expiresIn: null }
  | { credential: 'hmac'; clientId: string };

/** The bearer token as Doorkeeper finds it: `Authorization: Bearer` (any case), else `access_token` / `bearer_token`. */
function bearerToken(req: IncomingMessage, url: URL): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (match?.[1]) return match[1];
  return url.searchParams.get('access_token') ?? url.searchParams.get('bearer_token') ?? undefined;
}

function authenticateBearer(ctx: EmulatorContext, req: IncomingMessage, url: URL): OrRefusal<ApiCaller> {
  const token = bearerToken(req, url);
  const result = token ? ctx.registry.authenticate(token) : ({ ok: false, reason: 'invalid' } as const);
  if (!result.ok) return { ok: false, reply: invalidTokenReply(result.reason) };
  return {
    ok: true,
    value:
      result.kind === 'bearer'
        ? { credential: 'bearer', expiresIn: result.expiresIn }
        : { credential: 'access-token', expiresIn: null },
  };
}

function authenticateHmac(ctx: EmulatorContext, req: IncomingMessage): OrRefusal<ApiCaller> {
  const result = verifyHmacRequest(req, ctx.options.hmacClients, ctx.options.clock());
  if (!result.ok) return { ok: false, reply: jsonReply(401, { message: result.message }) };
  return { ok: true, value: { credential: 'hmac', clientId: result.clientId } };
}

/**
 * Authenticates a request to the Open API the way its base path does: on `/api/open` a bearer token
 * (issued or static; otherwise Doorkeeper's empty 401 with a `WWW-Authenticate` challenge), on
 * `/qontak/chat` the Mekari gateway's HMAC signature (otherwise the gateway's 401 `{"message":"…"}`).
 */
export function authenticateApiRequest(
  ctx: EmulatorContext,
  base: ApiBase,
  req: IncomingMessage,
  url: URL,
): OrRefusal<ApiCaller> {
  return base === 'open' ? authenticateBearer(ctx, req, url) : authenticateHmac(ctx, req);
}

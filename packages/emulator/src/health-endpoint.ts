import type { IncomingMessage } from 'node:http';
import { invalidTokenReply } from './doorkeeper-errors';
import type { EmulatorContext } from './emulator-context';
import type { Reply } from './reply';
import { jsonReply } from './reply';

/** The bearer token as Doorkeeper finds it: `Authorization: Bearer` (any case), else `access_token` / `bearer_token`. */
function bearerToken(req: IncomingMessage, url: URL): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (match?.[1]) return match[1];
  return url.searchParams.get('access_token') ?? url.searchParams.get('bearer_token') ?? undefined;
}

/** `GET /api/open/v1/health`: 200 in Qontak's envelope for a live token, Doorkeeper's empty 401 otherwise. */
export function handleHealthRequest(ctx: EmulatorContext, req: IncomingMessage, url: URL): Reply {
  const token = bearerToken(req, url);
  const result = token ? ctx.registry.authenticate(token) : ({ ok: false, reason: 'invalid' } as const);
  const reply = result.ok
    ? jsonReply(200, {
        status: 'success',
        data: { status: 'ok', service: 'qontak-emulator', token_expires_in: result.expiresIn },
      })
    : invalidTokenReply(result.reason);
  ctx.stats.health(reply.status);
  return reply;
}

import type { IncomingMessage } from 'node:http';
import { tokenErrorReply, unauthorizedClientReply } from './doorkeeper-errors';
import type { EmulatorContext } from '../server/context';
import type { Reply } from '../server/reply';
import { jsonReply } from '../server/reply';
import { authenticateClient } from './client-authentication';
import { readParams } from './params';

/**
 * `POST /oauth/revoke` (RFC 7009, as Doorkeeper answers it): 200 `{}` for an unknown or missing token;
 * for an issued token, 200 `{}` after revoking its pair when the client that owns it authenticated; for a
 * static (dashboard) access token, 200 `{}` after revoking it when any known client authenticated;
 * otherwise 403 `unauthorized_client`.
 */
export async function handleRevokeRequest(
  ctx: EmulatorContext,
  req: IncomingMessage,
  url: URL,
): Promise<Reply> {
  const parsed = await readParams(req, url, ctx.options.maxBodyBytes);
  if (!parsed.ok) return { ...tokenErrorReply('invalid_request'), closeConnection: parsed.closeConnection };
  const { params } = parsed;

  const token = params['token'];
  const owner = token ? ctx.registry.ownerOf(token) : undefined;
  if (token && owner !== undefined) {
    const client = authenticateClient(ctx.options, req, params);
    if (client === undefined || (owner.kind === 'issued' && client.clientId !== owner.clientId)) {
      return unauthorizedClientReply();
    }
    ctx.registry.revoke(token);
  }
  ctx.stats.revocation();
  return jsonReply(200, {});
}

import type { IncomingMessage } from 'node:http';
import { DESCRIPTIONS, tokenErrorReply } from './doorkeeper-errors';
import type { EmulatorContext } from '../server/context';
import { authenticateClient } from '../server/context';
import type { Reply } from '../server/reply';
import { jsonReply } from '../server/reply';
import { readBasicCredentials, readParams } from '../server/request-body';

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
    const basic = readBasicCredentials(req.headers.authorization);
    const client = basic
      ? authenticateClient(ctx.options, basic.clientId, basic.clientSecret)
      : authenticateClient(ctx.options, params['client_id'], params['client_secret']);
    if (client === undefined || (owner.kind === 'issued' && client.clientId !== owner.clientId)) {
      return jsonReply(403, {
        error: 'unauthorized_client',
        error_description: DESCRIPTIONS.unauthorized_client,
      });
    }
    ctx.registry.revoke(token);
  }
  ctx.stats.revocation();
  return jsonReply(200, {});
}

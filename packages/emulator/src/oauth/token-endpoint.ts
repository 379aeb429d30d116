import type { IncomingMessage } from 'node:http';
import type { TokenErrorReply } from './doorkeeper-errors';
import { DESCRIPTIONS, missingParameter, NO_STORE_HEADERS, tokenErrorReply } from './doorkeeper-errors';
import type { EmulatorContext } from '../server/context';
import type { Reply } from '../server/reply';
import { jsonReply } from '../server/reply';
import { authenticateClient } from './client-authentication';
import { readParams } from './params';
import type { CountedGrantType } from '../state/stats';

const GRANT_PARAMS: Record<CountedGrantType, readonly string[]> = {
  password: ['username', 'password'],
  refresh_token: ['refresh_token'],
};

function isCountedGrantType(value: string): value is CountedGrantType {
  return value === 'password' || value === 'refresh_token';
}

/** `POST /oauth/token`: the password and refresh-token grants, with Doorkeeper's checks in Doorkeeper's order. */
export async function handleTokenRequest(
  ctx: EmulatorContext,
  req: IncomingMessage,
  url: URL,
): Promise<Reply> {
  const { stats } = ctx;
  const fail = (reply: TokenErrorReply, grantType?: CountedGrantType): Reply => {
    stats.tokenError(reply.json.error);
    if (grantType) stats.grant(grantType, false);
    return reply;
  };

  const parsed = await readParams(req, url, ctx.options.maxBodyBytes);
  if (!parsed.ok) {
    return { ...fail(tokenErrorReply('invalid_request')), closeConnection: parsed.closeConnection };
  }
  const { params } = parsed;

  const grantType = params['grant_type'];
  if (!grantType) return fail(tokenErrorReply('invalid_request', missingParameter('grant_type')));
  if (!isCountedGrantType(grantType)) return fail(tokenErrorReply('unsupported_grant_type'));

  const client = authenticateClient(ctx.options, req, params);
  if (!client) return fail(tokenErrorReply('invalid_client'), grantType);

  const missing = GRANT_PARAMS[grantType].find((name) => !params[name]);
  if (missing) return fail(tokenErrorReply('invalid_request', missingParameter(missing)), grantType);

  let body: Record<string, unknown> | undefined;
  if (grantType === 'password') {
    const user = ctx.options.users.find(
      (u) => u.username === params['username'] && u.password === params['password'],
    );
    body = user ? ctx.registry.issue(client.clientId, user.username) : undefined;
  } else {
    body = ctx.registry.refresh(params['refresh_token'] ?? '', client.clientId);
  }
  if (!body) return fail(tokenErrorReply('invalid_grant', DESCRIPTIONS.invalid_grant), grantType);

  stats.grant(grantType, true);
  return jsonReply(200, body, { ...NO_STORE_HEADERS });
}

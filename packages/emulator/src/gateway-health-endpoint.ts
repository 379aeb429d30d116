import type { IncomingMessage } from 'node:http';
import type { EmulatorContext } from './emulator-context';
import { verifyHmacRequest } from './hmac-verifier';
import type { Reply } from './reply';
import { jsonReply } from './reply';

/**
 * `GET /qontak/chat/v1/health`, the Qontak Chat API behind the Mekari API gateway: 200 in Qontak's
 * envelope for a request with a valid HMAC signature (see {@link verifyHmacRequest}), otherwise the
 * gateway's 401 `{"message":"…"}`.
 */
export function handleGatewayHealthRequest(ctx: EmulatorContext, req: IncomingMessage): Reply {
  const result = verifyHmacRequest(req, ctx.options.hmacClients, ctx.options.clock());
  const reply = result.ok
    ? jsonReply(200, {
        status: 'success',
        data: { status: 'ok', service: 'qontak-emulator', gateway: 'mekari', client_id: result.clientId },
      })
    : jsonReply(401, { message: result.message });
  ctx.stats.gatewayHealth(reply.status);
  return reply;
}

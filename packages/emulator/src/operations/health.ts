import type { ApiOperation } from '../api/operation';
import { successReply } from '../api/envelope';

/**
 * `GET /v1/health`: 200 in Qontak's envelope. With a bearer the data shows the token's seconds left
 * (`null` for a static access token); behind the gateway it shows the HMAC client id.
 */
export const healthOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/health$/,
  route: 'health',
  gatewayRoute: 'gateway-health',
  body: 'none',
  handle({ caller }) {
    return successReply(
      200,
      caller.credential === 'hmac'
        ? { status: 'ok', service: 'qontak-emulator', gateway: 'mekari', client_id: caller.clientId }
        : { status: 'ok', service: 'qontak-emulator', token_expires_in: caller.expiresIn },
    );
  },
};

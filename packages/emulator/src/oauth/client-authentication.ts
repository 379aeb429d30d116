import type { IncomingMessage } from 'node:http';
import type { EmulatorClient, ResolvedOptions } from '../server/options';

/** Client credentials sent with HTTP Basic (`Authorization: Basic base64(id:secret)`), like Doorkeeper's `from_basic`. */
function basicCredentials(
  header: string | undefined,
): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic\s+(.*)$/is.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1].trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { clientId: decoded, clientSecret: '' };
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

/**
 * The client a token or revoke request authenticated as: by HTTP Basic when the request has it, else by
 * `client_id` and `client_secret` among its parameters; `undefined` when no known client matches
 * (Doorkeeper's `invalid_client`).
 */
export function authenticateClient(
  options: ResolvedOptions,
  req: IncomingMessage,
  params: Readonly<Record<string, string>>,
): EmulatorClient | undefined {
  const basic = basicCredentials(req.headers.authorization);
  const clientId = basic ? basic.clientId : params['client_id'];
  const clientSecret = basic ? basic.clientSecret : params['client_secret'];
  if (!clientId || clientSecret === undefined) return undefined;
  return options.clients.find((c) => c.clientId === clientId && c.clientSecret === clientSecret);
}

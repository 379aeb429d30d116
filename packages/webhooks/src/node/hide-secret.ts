import type { IncomingMessage } from 'node:http';
import { SECRET_PARAMETER } from '../webhook-secret';

const REDACTED = '[redacted]';

/** A query parameter's name as `URLSearchParams` reads it, as far as ASCII goes (`qontak%5Fsecret` is `qontak_secret`). */
function parameterName(raw: string): string {
  return raw
    .replace(/\+/g, ' ')
    .replace(/%([0-7][0-9A-Fa-f])/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/**
 * `target` (a request target: path, query, maybe a fragment) with the value of every `qontak_secret`
 * parameter, however its name is spelled, replaced by `[redacted]`; the rest as it is.
 */
function withoutSecretParameter(target: string): string {
  const start = target.indexOf('?');
  if (start === -1) return target;
  const fragment = target.indexOf('#', start);
  const end = fragment === -1 ? target.length : fragment;
  const query = target
    .slice(start + 1, end)
    .split('&')
    .map((parameter) => {
      const equals = parameter.indexOf('=');
      const name = equals === -1 ? parameter : parameter.slice(0, equals);
      return parameterName(name) === SECRET_PARAMETER ? `${name}=${REDACTED}` : parameter;
    })
    .join('&');
  return `${target.slice(0, start + 1)}${query}${target.slice(end)}`;
}

/**
 * Takes the secret out of what an access logger reads of `req` once the answer is sent: `req.url`,
 * Express's `req.originalUrl`, and a parsed `req.query` (Express 4) keep `qontak_secret=[redacted]`.
 */
export function hideSecret(req: IncomingMessage): void {
  const fields = req as IncomingMessage & { originalUrl?: unknown; query?: unknown };
  if (typeof fields.url === 'string') fields.url = withoutSecretParameter(fields.url);
  if (typeof fields.originalUrl === 'string') fields.originalUrl = withoutSecretParameter(fields.originalUrl);
  const query = fields.query;
  if (typeof query === 'object' && query !== null && Object.hasOwn(query, SECRET_PARAMETER)) {
    (query as Record<string, unknown>)[SECRET_PARAMETER] = REDACTED;
  }
}

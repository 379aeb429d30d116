import type { IncomingMessage } from 'node:http';

/** Bytes discarded after the limit before the emulator gives up draining and closes the connection. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/** The outcome of reading a request's parameters. */
export type ParamsResult =
  | { ok: true; params: Record<string, string> }
  | {
      ok: false;
      reason: 'malformed' | 'unsupported-media-type' | 'too-large' | 'aborted';
      closeConnection: boolean;
    };

type RawResult =
  { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted'; closeConnection: boolean };

/**
 * Reads the whole body, keeping at most `maxBytes`. A larger body is drained (discarded) so the
 * connection can be reused; past {@link DRAIN_LIMIT_BYTES} more it stops and asks for the connection
 * to be closed. Never rejects.
 */
export function readRawBody(req: IncomingMessage, maxBytes: number): Promise<RawResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: RawResult): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.byteLength;
      if (size <= maxBytes) {
        chunks.push(chunk);
      } else {
        chunks.length = 0;
        if (size > maxBytes + DRAIN_LIMIT_BYTES) {
          settle({ ok: false, reason: 'too-large', closeConnection: true });
          req.resume();
        }
      }
    };
    req.on('data', onData);
    req.once('end', () => {
      settle(
        size > maxBytes
          ? { ok: false, reason: 'too-large', closeConnection: false }
          : { ok: true, body: Buffer.concat(chunks) },
      );
    });
    req.once('error', () => settle({ ok: false, reason: 'aborted', closeConnection: true }));
    req.once('close', () => settle({ ok: false, reason: 'aborted', closeConnection: true }));
  });
}

/** Reads and discards the body (bounded like {@link readRawBody}). */
export async function drainBody(req: IncomingMessage, maxBytes: number): Promise<boolean> {
  const result = await readRawBody(req, maxBytes);
  return result.ok || result.reason === 'too-large';
}

/** The media type of a `Content-Type` header, lower-cased, without parameters (`''` when absent). */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * The request's parameters as Rails would see them: the query string merged with a JSON
 * (`application/json`) or form (`application/x-www-form-urlencoded`) body, the body winning.
 * JSON strings, numbers and booleans become strings; other values are ignored.
 */
export async function readParams(req: IncomingMessage, url: URL, maxBytes: number): Promise<ParamsResult> {
  const raw = await readRawBody(req, maxBytes);
  if (!raw.ok) return raw;
  const params: Record<string, string> = {};
  for (const [key, value] of url.searchParams) params[key] = value;
  if (raw.body.byteLength === 0) return { ok: true, params };

  const type = mediaType(req.headers['content-type']);
  const text = raw.body.toString('utf8');
  if (isJsonMediaType(type)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'malformed', closeConnection: false };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { ok: false, reason: 'malformed', closeConnection: false };
    }
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        params[key] = String(value);
      }
    }
    return { ok: true, params };
  }
  if (type === 'application/x-www-form-urlencoded') {
    for (const [key, value] of new URLSearchParams(text)) params[key] = value;
    return { ok: true, params };
  }
  return { ok: false, reason: 'unsupported-media-type', closeConnection: false };
}

/** Client credentials sent with HTTP Basic (`Authorization: Basic base64(id:secret)`), like Doorkeeper's `from_basic`. */
export function readBasicCredentials(
  header: string | undefined,
): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic\s+(.*)$/is.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1].trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { clientId: decoded, clientSecret: '' };
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

import type { IncomingMessage } from 'node:http';
import type { Reply } from './reply';

/** Bytes discarded after the limit before the emulator gives up draining and closes the connection. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

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

/**
 * `reply` (or what `reply()` answers, called once the body is read), once the body is read and discarded,
 * bounded like {@link readRawBody}; it asks for the connection to be closed when the body could not be drained.
 */
export async function afterDraining(
  req: IncomingMessage,
  maxBytes: number,
  reply: Reply | (() => Reply),
): Promise<Reply> {
  const result = await readRawBody(req, maxBytes);
  const answer = typeof reply === 'function' ? reply() : reply;
  const drained = result.ok || result.reason === 'too-large';
  return drained ? answer : { ...answer, closeConnection: true };
}

/** The media type of a `Content-Type` header, lower-cased, without parameters (`''` when absent). */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

/** True for `application/json` and `application/*+json` media types. */
export function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

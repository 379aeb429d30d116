import { abortReason } from './abortable';

/** What {@link readBoundedText} read: the text, or `undefined` when the body was larger than allowed. */
interface BoundedText {
  /** The body as UTF-8 text; `undefined` when it exceeded the limit (the rest was not read). */
  readonly text: string | undefined;
}

const ignore = (): undefined => undefined;

/**
 * Reads `response`'s body, at most `maxBytes` of it. A larger body (by its declared `Content-Length`,
 * or as it arrives, counted after any content decoding) is cancelled at once, so that a server cannot
 * make the client download or buffer more than `maxBytes`; the result is then `undefined`. When
 * `signal` aborts, the body is cancelled and the read rejects with the signal's reason at once, even
 * if the transport does not watch the signal.
 * @throws the signal's reason when it aborts; otherwise what reading the body throws (a broken connection).
 */
export async function readBoundedBody(
  response: Response,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const body = response.body;
  if (signal?.aborted) {
    await body?.cancel(abortReason(signal)).catch(ignore);
    throw abortReason(signal);
  }
  if (body === null) return new Uint8Array(0);
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await body.cancel().catch(ignore);
    return undefined;
  }
  const reader = body.getReader();
  const onAbort = () => void reader.cancel(abortReason(signal!)).catch(ignore);
  signal?.addEventListener('abort', onAbort, { once: true });
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal?.aborted) throw abortReason(signal);
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(ignore);
        return undefined;
      }
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(ignore);
    throw signal?.aborted ? abortReason(signal) : error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/**
 * Reads `response`'s body as UTF-8 text, at most `maxBytes` of it (see {@link readBoundedBody}); the
 * result's `text` is `undefined` when the body was larger.
 * @throws what reading the body throws (an aborted or broken connection).
 */
export async function readBoundedText(response: Response, maxBytes: number): Promise<BoundedText> {
  const bytes = await readBoundedBody(response, maxBytes);
  if (bytes === undefined) return { text: undefined };
  return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') };
}

import type { BodyDeadlines } from './body-deadlines';

/** What {@link readBoundedBody} read. */
type BoundedBody =
  | { readonly kind: 'read'; readonly bytes: Uint8Array }
  /** Larger than allowed (declared by `Content-Length`, or as it arrived): the rest was not read. */
  | { readonly kind: 'too_large' }
  /** Not all there in time: the rest was not read. */
  | { readonly kind: 'timeout' };

function discard(stream: ReadableStream<Uint8Array> | { cancel(): Promise<void> } | null): void {
  stream?.cancel().catch(() => undefined);
}

/**
 * Reads `request`'s body, at most `maxBytes` of it and within the time limit of `deadlines`. A body
 * whose `Content-Length` is over the limit is refused before a byte is read; one that grows over it is
 * cancelled at once, one that has not ended in time when `deadlines` ticks, so that a sender can make
 * the handler neither hold more than `maxBytes` nor wait much longer than the time limit.
 * @throws what reading the body throws (a broken connection).
 */
export async function readBoundedBody(
  request: Request,
  maxBytes: number,
  deadlines: BodyDeadlines,
): Promise<BoundedBody> {
  const body = request.body;
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) {
    discard(body);
    return { kind: 'too_large' };
  }
  if (body === null) return { kind: 'read', bytes: new Uint8Array(0) };
  const reader = body.getReader();
  // When the time runs out, cancelling the stream ends the pending read.
  const watch = deadlines.watch(reader);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const next = await reader.read();
      if (watch.expired) return { kind: 'timeout' };
      if (next.done) break;
      size += next.value.byteLength;
      if (size > maxBytes) {
        discard(reader);
        return { kind: 'too_large' };
      }
      chunks.push(next.value);
    }
  } finally {
    deadlines.end(watch);
  }
  if (chunks.length === 1) return { kind: 'read', bytes: chunks[0]! };
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { kind: 'read', bytes };
}

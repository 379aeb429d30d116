/** What {@link readBoundedText} read: the text, or `undefined` when the body was larger than allowed. */
export interface BoundedText {
  /** The body as UTF-8 text; `undefined` when it exceeded the limit (the rest was not read). */
  readonly text: string | undefined;
}

/**
 * Reads `response`'s body as UTF-8 text, at most `maxBytes` of it. A larger body (by its declared
 * `Content-Length`, or as it arrives) is cancelled at once, so that a server cannot make the client
 * download or buffer more than `maxBytes`; the result's `text` is then `undefined`.
 * @throws what reading the body throws (an aborted or broken connection).
 */
export async function readBoundedText(response: Response, maxBytes: number): Promise<BoundedText> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const body = response.body;
  if (body === null) return { text: '' };
  if (declared > maxBytes) {
    await body.cancel().catch(() => undefined);
    return { text: undefined };
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { text: undefined };
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}

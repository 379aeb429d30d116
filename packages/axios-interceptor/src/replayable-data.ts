/**
 * Whether a request body can be sent a second time: not a Node stream, a web `ReadableStream` or
 * an async iterable (each can be read once).
 */
export function isReplayableData(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return true;
  if (typeof (data as { pipe?: unknown }).pipe === 'function') return false;
  if (typeof ReadableStream !== 'undefined' && data instanceof ReadableStream) return false;
  return !(Symbol.asyncIterator in data);
}

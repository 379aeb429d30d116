import { once } from 'node:events';
import { request } from 'node:http';

/** A JSON answer of the handler. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

/** POSTs `body` (JSON-encoded unless a string or bytes) to `url` with `fetch`, as `application/json` unless told. */
export async function post(
  url: string,
  body: unknown,
  init: { method?: string; contentType?: string } = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method: init.method ?? 'POST',
    headers: { 'content-type': init.contentType ?? 'application/json' },
    body:
      typeof body === 'string'
        ? body
        : body instanceof Uint8Array
          ? new Uint8Array(body)
          : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: JSON.parse(text) as Record<string, unknown>,
  };
}

/**
 * POSTs a JSON body of `totalBytes` (`{"text":"aaa…"}`) in 64 KiB chunks, chunked or with its
 * `Content-Length`, and stops sending as soon as the answer arrives; resolves to the answer's status.
 */
export async function postLargeBody(
  url: string,
  totalBytes: number,
  options: { declareLength: boolean },
): Promise<number> {
  const outgoing = request(url, {
    method: 'POST',
    agent: false,
    headers: {
      'content-type': 'application/json',
      ...(options.declareLength ? { 'content-length': String(totalBytes) } : {}),
    },
  });
  let answered = false;
  const answer = new Promise<number>((resolve, reject) => {
    outgoing.on('response', (incoming) => {
      answered = true;
      incoming.resume();
      resolve(incoming.statusCode ?? 0);
    });
    outgoing.on('error', (error) => {
      if (!answered) reject(error);
    });
  });
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const head = Buffer.from('{"text":"');
  let sent = 0;
  outgoing.write(head);
  sent += head.byteLength;
  while (!answered && sent < totalBytes - 2) {
    const piece = chunk.subarray(0, Math.min(chunk.byteLength, totalBytes - 2 - sent));
    sent += piece.byteLength;
    if (!outgoing.write(piece)) await Promise.race([once(outgoing, 'drain'), answer]);
  }
  if (!answered) outgoing.end('"}');
  try {
    return await answer;
  } finally {
    outgoing.destroy();
  }
}

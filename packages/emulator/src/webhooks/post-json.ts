import { request as httpRequest } from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What one POST came to: the receiver's status, or why there is none. */
export type PostResult =
  { readonly status: number } | { readonly error: 'timeout' | 'refused' | 'network_error' };

/** One POST in flight: its result (never rejects), and how to stop it (its result is then never used). */
export interface PostInFlight {
  readonly result: Promise<PostResult>;
  abort(): void;
}

/** The most answer bytes read before the connection is closed: only the status counts. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs `body` as `application/json` to `url` (http or https) on a connection of its own, closed after
 * the answer, and never follows a redirect. The result is the answer's status once its body (read up
 * to 64 KiB, discarded) ended; `timeout` when the whole exchange takes longer than `timeoutMs`,
 * `refused` when nothing listens, `network_error` for any other failure of the connection.
 */
export function postJson(url: URL, body: Buffer, timeoutMs: number): PostInFlight {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  let req: ClientRequest;
  try {
    req = send(url, {
      method: 'POST',
      agent: false,
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': String(body.byteLength),
        'User-Agent': 'qontak-emulator',
        Connection: 'close',
      },
    });
  } catch {
    return { result: Promise.resolve({ error: 'network_error' }), abort: () => undefined };
  }
  let settle: (result: PostResult) => void = () => undefined;
  const result = new Promise<PostResult>((resolve) => {
    settle = resolve;
  });
  const finish = (outcome: PostResult): void => {
    clearTimeout(timer);
    settle(outcome);
    req.destroy();
  };
  const timer = setTimeout(() => finish({ error: 'timeout' }), timeoutMs);
  req.on('response', (res: IncomingMessage) => {
    const status = res.statusCode ?? 0;
    let read = 0;
    res.on('data', (chunk: Buffer) => {
      read += chunk.byteLength;
      if (read > MAX_ANSWER_BYTES) finish({ status });
    });
    res.on('end', () => finish({ status }));
    res.on('error', () => finish({ status }));
  });
  req.on('error', (error: NodeJS.ErrnoException) => {
    finish({ error: error.code === 'ECONNREFUSED' ? 'refused' : 'network_error' });
  });
  req.end(body);
  return { result, abort: () => finish({ error: 'network_error' }) };
}

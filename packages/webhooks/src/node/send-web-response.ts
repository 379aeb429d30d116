import type { IncomingMessage, ServerResponse } from 'node:http';

/** Resolves once `res` can take more (`drain`) or will take nothing more (`close`). */
function writable(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Writes `response` to `res`: its status, its headers (beside those set before, e.g. by Express), its
 * body as it streams. A request whose body was not read to its end (the handler refused it unread) is
 * answered with `Connection: close`, so that the rest is never read. A response already sent, or a
 * connection gone, gets nothing more.
 */
export async function sendWebResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: Response,
): Promise<void> {
  if (res.headersSent || res.destroyed) {
    await response.body?.cancel();
    return;
  }
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!req.complete) res.setHeader('connection', 'close');
  if (response.body === null) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      if (!res.write(next.value)) await writable(res);
      if (res.destroyed) {
        await reader.cancel();
        return;
      }
    }
  } finally {
    reader.releaseLock();
  }
  res.end();
}

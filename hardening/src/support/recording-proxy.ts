import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer } from 'qontak-test-support';
import { readTokens } from './token-endpoint-probe';

/** A running {@link startRecordingProxy}. */
export interface RecordingProxy {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every access and refresh token the token endpoint issued through the proxy. */
  readonly tokens: Set<string>;
  close(): Promise<void>;
}

const HOP_HEADERS = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'content-encoding',
]);

/**
 * A real `node:http` reverse proxy to `target` (e.g. the emulator) that remembers the access and
 * refresh tokens of every 200 answer of `POST /oauth/token`: how a test learns the tokens another
 * process (the demo) was given.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const tokens = new Set<string>();
  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (!HOP_HEADERS.has(name) && typeof value === 'string') headers.set(name, value);
      }
      const upstream = await fetch(`${target}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        body: body.length > 0 ? body : undefined,
        redirect: 'manual',
      });
      const answer = Buffer.from(await upstream.arrayBuffer());
      if ((req.url ?? '').startsWith('/oauth/token') && upstream.status === 200) {
        const { accessToken, refreshToken } = readTokens(answer.toString('utf8'));
        if (accessToken !== undefined) tokens.add(accessToken);
        if (refreshToken !== undefined) tokens.add(refreshToken);
      }
      const out: Record<string, string> = {};
      upstream.headers.forEach((value, name) => {
        if (!HOP_HEADERS.has(name)) out[name] = value;
      });
      res.writeHead(upstream.status, out);
      res.end(answer);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tokens,
    close: () => closeServer(server),
  };
}

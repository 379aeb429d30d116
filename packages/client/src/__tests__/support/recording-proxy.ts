import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeAfterTest } from './close-after-test';

/** One request a {@link RecordingProxy} forwarded: its method, path (and query) as it arrived, and its credentials. */
export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** The `Authorization` header it carried, if any. */
  readonly authorization: string | undefined;
}

/** A real `node:http` server in front of another one (the emulator): it records every request and forwards it as it came. */
export interface RecordingProxy {
  /** `http://127.0.0.1:<port>`: give it to the authorizer as its `baseUrl`. */
  readonly url: string;
  /** Every request it received, in order. */
  readonly requests: ProxiedRequest[];
}

/** Starts a recording proxy in front of `target` (an origin), closed after the test. */
export async function recordingProxy(target: string): Promise<RecordingProxy> {
  const requests: ProxiedRequest[] = [];
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization,
    });
    const out = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeAfterTest(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

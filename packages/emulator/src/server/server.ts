import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerApiRequest } from '../api/dispatch';
import { notFoundReply } from '../api/envelope';
import { matchApiRequest } from '../api/operations';
import { answerControlRequest, isControlPath } from '../control/dispatch';
import type { EmulatorControls } from '../control/operations';
import type { EmulatorRoute } from '../faults/fault-injector';
import { FaultStep } from '../faults/fault-step';
import { matchOAuthRequest } from '../oauth/endpoints';
import { isUploadedFileRequest, uploadedFileReply } from '../operations/files/uploaded-file';
import type { EmulatorContext } from './context';
import { hostForUrl, isLoopbackAddress, warnPublicBind } from './hosts';
import type { Reply } from './reply';
import { sendReply, statusPageReply } from './reply';
import { afterDraining } from './request-body';

/** The emulator's HTTP server, listening. */
interface EmulatorServer {
  /** Base URL without a trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Stops listening, ends latency faults and destroys every open socket; resolves when closed. Idempotent. */
  close(): Promise<void>;
}

/** What a request asks for: the route its faults and stats go under, and how it is answered. */
interface Target {
  readonly route: EmulatorRoute;
  answer(): Promise<Reply>;
}

function targetOf(ctx: EmulatorContext, req: IncomingMessage, url: URL): Target | undefined {
  const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const oauth = matchOAuthRequest(req.method, pathname);
  if (oauth) return { route: oauth.route, answer: () => oauth.handle(ctx, req, url) };
  const api = matchApiRequest(req.method, pathname);
  if (api) return { route: api.route, answer: () => answerApiRequest(ctx, api, req, url) };
  if (!isUploadedFileRequest(req.method, pathname)) return undefined;
  return {
    route: 'uploaded-file',
    answer: () => afterDraining(req, ctx.options.maxBodyBytes, () => uploadedFileReply(ctx, pathname)),
  };
}

/**
 * Listens on the options' host and port, and answers each request: the control API when it is on, else an
 * OAuth endpoint, an Open API operation or an uploaded file after the fault step, else 404 in Qontak's envelope; a 500
 * `text/plain` when answering throws.
 * @throws {RangeError} for `controlApi` on a host that is not loopback (after closing the server); rejects
 *   when the server cannot listen (e.g. `EADDRINUSE`).
 */
export async function startServer(ctx: EmulatorContext, controls: EmulatorControls): Promise<EmulatorServer> {
  const { options, stats } = ctx;
  const faultStep = new FaultStep(controls.faults, stats, options.maxBodyBytes, options.clock);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    if (options.controlApi && isControlPath(url.pathname)) {
      sendReply(res, await answerControlRequest(controls, req, url));
      return;
    }
    stats.request();
    const target = targetOf(ctx, req, url);
    if (!target) {
      sendReply(res, await afterDraining(req, options.maxBodyBytes, notFoundReply()));
      return;
    }
    const fault = await faultStep.run(target.route, req, res);
    if (fault.served) return;
    sendReply(res, fault.patch(await target.answer()));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      sendReply(res, { ...statusPageReply(500), closeConnection: true });
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  if (options.controlApi && !isLoopbackAddress(address)) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw new RangeError(
      `@qontak/emulator: controlApi needs a loopback host (127.0.0.1, ::1 or localhost): whoever reaches it ` +
        `can reset, revoke and inject faults; got ${options.host} (${address})`,
    );
  }
  if (!isLoopbackAddress(address)) warnPublicBind(address, port);

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl(options.host)}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        faultStep.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

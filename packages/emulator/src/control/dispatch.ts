import type { IncomingMessage } from 'node:http';
import { CONTROL_ROUTES, controlError, type ControlMethod, type EmulatorControls } from './operations';
import { echoed } from '../server/echoed-value';
import { isLoopbackHostname } from '../server/hosts';
import { parseJsonBody } from '../server/json';
import type { Reply } from '../server/reply';
import { afterDraining, mediaType, readRawBody } from '../server/request-body';

/** Where the control API lives: a path prefix Qontak's API never uses. */
export const CONTROL_PATH_PREFIX = '/_emulator';

/** The largest control request body: control requests are small. */
const MAX_CONTROL_BODY_BYTES = 64 * 1024;

/** Whether `pathname` is under {@link CONTROL_PATH_PREFIX}. */
export function isControlPath(pathname: string): boolean {
  return pathname === CONTROL_PATH_PREFIX || pathname.startsWith(`${CONTROL_PATH_PREFIX}/`);
}

/**
 * Whether a `Host` header names this machine by a loopback name (`localhost`, `127.x.x.x`, `[::1]`): a
 * page in a browser that rebinds its own domain to 127.0.0.1 still sends its domain.
 */
function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  return isLoopbackHostname(hostname);
}

/**
 * Answers a request to the control API (see the README's "Control API"): only for a loopback `Host`
 * (403), a known path (404) and method (405 with `Allow`); a POST or DELETE must be `application/json`
 * (415: a browser cannot send that to another origin without a CORS preflight, which is never granted),
 * at most 64 KiB (413), valid JSON (400); an empty body reads as `{}`.
 */
export async function answerControlRequest(
  controls: EmulatorControls,
  req: IncomingMessage,
  url: URL,
): Promise<Reply> {
  const afterDrained = (reply: Reply) => afterDraining(req, MAX_CONTROL_BODY_BYTES, reply);
  if (!isLoopbackHost(req.headers.host)) {
    return afterDrained(
      controlError(
        403,
        'forbidden',
        'the control API answers requests to localhost, 127.0.0.1 or [::1] only',
      ),
    );
  }
  const path = url.pathname.slice(CONTROL_PATH_PREFIX.length).replace(/\/+$/, '');
  const route = Object.hasOwn(CONTROL_ROUTES, path) ? CONTROL_ROUTES[path] : undefined;
  if (route === undefined) {
    return afterDrained(controlError(404, 'not_found', `no control operation at ${echoed(url.pathname)}`));
  }
  const method = (req.method ?? 'GET') as ControlMethod;
  const handler = Object.hasOwn(route, method) ? route[method] : undefined;
  if (handler === undefined) {
    const allow = Object.keys(route).join(', ');
    return afterDrained(
      controlError(405, 'method_not_allowed', `${CONTROL_PATH_PREFIX}${path} takes ${allow}`, {
        Allow: allow,
      }),
    );
  }
  if (method === 'GET') return afterDrained(await handler(controls, undefined));
  if (mediaType(req.headers['content-type']) !== 'application/json') {
    return afterDrained(controlError(415, 'unsupported_media_type', 'send Content-Type: application/json'));
  }
  const raw = await readRawBody(req, MAX_CONTROL_BODY_BYTES);
  if (!raw.ok) {
    const reply =
      raw.reason === 'too-large'
        ? controlError(
            413,
            'payload_too_large',
            `a control request body is at most ${MAX_CONTROL_BODY_BYTES} bytes`,
          )
        : controlError(400, 'bad_request', 'the request body could not be read');
    return { ...reply, closeConnection: raw.closeConnection };
  }
  const body = parseJsonBody(raw.body);
  if (body === undefined) return controlError(400, 'malformed_json', 'the request body is not valid JSON');
  return handler(controls, body.value);
}

import {
  authFromEnv,
  isQontakAuthError,
  QONTAK_CREDENTIAL_VARIABLES,
  QontakAuthErrorCode,
  type RequestAuthorizer,
} from '@qontak/auth-core';
import { createQontakAxios } from '@qontak/axios-interceptor';
import { createQontakClient, QontakApiError, QontakApiErrorCode } from '@qontak/client';
import { startEmulator, type EmulatorDemoScheme } from '@qontak/emulator';
import axios from 'axios';
import { directBroadcastBody } from 'qontak-example-shared';
import { SCHEME_TITLES } from './demo-credentials';
import { describeFailure, type DemoFailureCode } from './describe-failure';
import { previewCredentials } from './preview-credentials';
import { EMULATOR_MESSAGE, type TemplateMessage } from './template-message';

/** The environment variables the demo reads. */
export type DemoEnv = Readonly<Record<string, string | undefined>>;

/** Options of {@link runDemo}. */
export interface RunDemoOptions {
  /** Where the credential variables are read. Default `process.env`. */
  env?: DemoEnv | undefined;
  /** The credential the embedded emulator is used with when none is set. Default `'password'`. */
  scheme?: EmulatorDemoScheme | undefined;
  /** Time limit of each request (token and health), in ms. Default 5_000. */
  timeoutMs?: number | undefined;
  /**
   * The template message to send. Without it a real server gets none, and the embedded emulator gets
   * the seeded `order_shipped` template for a demo number.
   */
  send?: TemplateMessage | undefined;
}

/** The template message the demo sent, and its delivery log. */
export interface DemoBroadcast {
  /** The broadcast's id (`data.id` of the answer). */
  readonly id: string;
  /** The recipient's number. */
  readonly to: string;
  /** The template's id. */
  readonly templateId: string;
  /** The delivery log's entries' statuses (`pending`, `sent`, `delivered`, ...). */
  readonly log: readonly string[];
}

/** A successful demo run: how the request was authorized (previewed, never whole) and the health answer. */
export interface DemoSuccess {
  readonly ok: true;
  /** The server talked to. */
  readonly baseUrl: string;
  /** Whether that server is the embedded emulator (no credentials were set). */
  readonly emulator: boolean;
  /** The auth in use, as its own safe description (`toJSON`: secrets `[redacted]`). */
  readonly auth: unknown;
  /** The headers the health request was authorized with, each secret previewed (`Bearer WPuW…rbU`). */
  readonly credentials: Readonly<Record<string, string>>;
  readonly health: {
    /** The URL of the health check (`auth.healthUrl`). */
    readonly url: string;
    /** Its HTTP status. */
    readonly status: number;
    /** Its body (parsed JSON when it was JSON). */
    readonly body: unknown;
  };
  /** The template message sent (always on the embedded emulator; on a real server only when asked), or `null`. */
  readonly broadcast: DemoBroadcast | null;
}

/** A failed demo run: a code and one line naming the cause and what to do. */
export interface DemoFailure {
  readonly ok: false;
  readonly error: {
    readonly code: DemoFailureCode;
    /** One line from {@link describeFailure}; never holds a secret. */
    readonly message: string;
  };
}

/** What {@link runDemo} returns; `JSON.stringify` of it is the `--json` output. */
export type DemoResult = DemoSuccess | DemoFailure;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/** Whether `env` holds any credential (non-blank): then the demo talks to the server it configures. */
export function hasCredentials(env: DemoEnv): boolean {
  return QONTAK_CREDENTIAL_VARIABLES.some((name) => (env[name] ?? '').trim() !== '');
}

/**
 * The whole demo: picks the server (the embedded emulator on a free loopback port, with the demo
 * credential of `scheme`, when no credential variable is set; otherwise what `authFromEnv` builds),
 * authorizes `GET <healthUrl>` and calls it through `createQontakAxios`, closes everything it opened,
 * and returns the outcome. Nothing in it depends on which scheme it holds. Never throws: every failure
 * becomes a {@link DemoFailure}.
 */
export async function runDemo(options: RunDemoOptions = {}): Promise<DemoResult> {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const settings = {
    timeoutMs,
    retry: { attempts: 2, baseDelayMs: 200, maxDelayMs: 1_000, maxElapsedMs: timeoutMs * 2 },
  };
  const embedded = !hasCredentials(env);
  let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
  let auth: RequestAuthorizer | undefined;
  let baseUrl: string | undefined;
  try {
    if (embedded) emulator = await startEmulator({ port: 0 });
    auth = authFromEnv(emulator ? emulator.demoEnv(options.scheme ?? 'password') : env, settings);
    baseUrl = auth.baseUrl;

    const credentials = previewCredentials(
      await auth.authorizeRequest({ method: 'GET', url: auth.healthUrl }),
    );
    const http = createQontakAxios(auth, { timeout: timeoutMs, validateStatus: () => true });
    const response = await http.get<unknown>(auth.healthUrl);
    if (response.status < 200 || response.status >= 300) {
      const code: DemoFailureCode =
        response.status === 401
          ? 'health_unauthorized'
          : response.status >= 500
            ? QontakAuthErrorCode.ServerError
            : 'health_failed';
      return failure(code, {
        baseUrl,
        emulator: embedded,
        status: response.status,
        healthUrl: auth.healthUrl,
      });
    }
    const message = options.send ?? (embedded ? EMULATOR_MESSAGE : undefined);
    const broadcast = message === undefined ? null : await sendTemplateMessage(auth, message, timeoutMs);
    if (broadcast !== null && 'failed' in broadcast) {
      return failure('broadcast_failed', {
        baseUrl,
        emulator: embedded,
        status: broadcast.status,
        detail: broadcast.failed,
      });
    }
    return {
      ok: true,
      baseUrl,
      emulator: embedded,
      auth: JSON.parse(JSON.stringify(auth)) as unknown,
      credentials,
      health: { url: auth.healthUrl, status: response.status, body: response.data },
      broadcast,
    };
  } catch (error) {
    return failureFromError(error, baseUrl, embedded);
  } finally {
    await auth?.close();
    await emulator?.close();
  }
}

/**
 * Sends `message` with the typed client (`POST /v1/broadcasts/whatsapp/direct`), its params checked
 * against its template (`GET /v1/templates/{id}/whatsapp`), and reads its delivery log, each call given at most `timeoutMs`;
 * what does not fit the template, or the Qontak error's messages, when it is refused.
 */
async function sendTemplateMessage(
  auth: RequestAuthorizer,
  message: TemplateMessage,
  timeoutMs: number,
): Promise<DemoBroadcast | { failed: string; status?: number }> {
  const qontak = createQontakClient(auth);
  let body;
  try {
    const template = await qontak.GET('/v1/templates/{id}/whatsapp', {
      params: { path: { id: message.templateId } },
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = directBroadcastBody({ ...message, name: message.toName }, template.data?.data);
  } catch (error) {
    if (!(error instanceof QontakApiError) || error.code !== QontakApiErrorCode.TemplateMismatch) throw error;
    return { failed: error.message };
  }
  const sent = await qontak.POST('/v1/broadcasts/whatsapp/direct', {
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (sent.data === undefined) {
    const messages = typeof sent.error === 'object' && 'error' in sent.error ? sent.error.error.messages : [];
    const reason = messages.join('; ').slice(0, 300);
    return { failed: reason || `HTTP ${sent.response.status}`, status: sent.response.status };
  }
  const id = sent.data.data.id;
  const log = await qontak.GET('/v1/broadcasts/{id}/whatsapp/log', {
    params: { path: { id } },
    signal: AbortSignal.timeout(timeoutMs),
  });
  return {
    id,
    to: message.to,
    templateId: message.templateId,
    log: (log.data?.data ?? []).map((entry) => String(entry.status)),
  };
}

/** How the embedded emulator was used, in one line, for the human output. */
export function embeddedLine(scheme: EmulatorDemoScheme, url: string): string {
  return (
    `No credentials set: started the embedded Qontak emulator at ${url}, used with ${SCHEME_TITLES[scheme]} ` +
    '(set QONTAK_ACCESS_TOKEN, QONTAK_USERNAME and QONTAK_PASSWORD, or MEKARI_CLIENT_ID and MEKARI_CLIENT_SECRET to use the real Qontak; --scheme picks another credential).'
  );
}

function failure(code: DemoFailureCode, context: Parameters<typeof describeFailure>[1]): DemoFailure {
  return { ok: false, error: { code, message: describeFailure(code, context) } };
}

/** Maps what the core or axios threw to a failure code; only secret-free fields are read. */
function failureFromError(error: unknown, baseUrl: string | undefined, emulator: boolean): DemoFailure {
  if (isQontakAuthError(error)) {
    return failure(error.code, { baseUrl, emulator, status: error.status, detail: error.message });
  }
  if (axios.isAxiosError(error)) {
    const code = error.code ?? '';
    if (NETWORK_CODES.has(code)) return failure(QontakAuthErrorCode.NetworkError, { baseUrl, emulator });
    if (TIMEOUT_CODES.has(code)) return failure(QontakAuthErrorCode.Timeout, { baseUrl, emulator });
    return failure('health_failed', { baseUrl, emulator, status: error.response?.status });
  }
  const detail = error instanceof Error ? error.name : typeof error;
  return failure('unexpected', { baseUrl, emulator, detail });
}

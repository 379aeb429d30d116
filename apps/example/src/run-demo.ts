import { isQontakAuthError, QONTAK_HEALTH_PATH, QontakAuth, QontakAuthErrorCode } from '@qontak/auth-core';
import type { QontakAuthEnv, QontakAuthOptions } from '@qontak/auth-core';
import { createQontakAxios } from '@qontak/axios-interceptor';
import {
  DEMO_PASSWORD,
  DEMO_USERNAME,
  FULFILLMENT_CLIENT_ID,
  FULFILLMENT_CLIENT_SECRET,
  startEmulator,
} from '@qontak/emulator';
import axios from 'axios';
import { describeFailure, type DemoFailureCode } from './describe-failure';
import { shortenToken } from './shorten-token';

/** Options of {@link runDemo}. */
export interface RunDemoOptions {
  /** Where `QONTAK_*` variables are read. Default `process.env`. */
  env?: QontakAuthEnv | undefined;
  /** Time limit of each request (token and health), in ms. Default 5_000. */
  timeoutMs?: number | undefined;
}

/** A successful demo run: the token obtained (previewed, never whole) and the health answer. */
export interface DemoSuccess {
  readonly ok: true;
  /** The server talked to. */
  readonly baseUrl: string;
  /** Whether that server is the embedded emulator (no credentials were set). */
  readonly emulator: boolean;
  readonly token: {
    /** Always `Bearer`. */
    readonly type: string;
    /** When the token expires, ISO 8601. */
    readonly expiresAt: string;
    /** The first 4 and last 3 characters, e.g. `WPuW…rbU`. */
    readonly preview: string;
  };
  readonly health: {
    /** HTTP status of `GET /api/open/v1/health`. */
    readonly status: number;
    /** Its body (parsed JSON when it was JSON). */
    readonly body: unknown;
  };
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

const CREDENTIAL_VARIABLES = ['QONTAK_USERNAME', 'QONTAK_PASSWORD'] as const;
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

/** Whether `env` asks for a real server: `QONTAK_USERNAME` or `QONTAK_PASSWORD` is set (non-blank). */
export function hasCredentials(env: QontakAuthEnv): boolean {
  return CREDENTIAL_VARIABLES.some((name) => (env[name] ?? '').trim() !== '');
}

/**
 * The whole demo: picks the server (the embedded emulator on a free loopback port when neither
 * `QONTAK_USERNAME` nor `QONTAK_PASSWORD` is set, otherwise `QontakAuth.fromEnv`), obtains a token,
 * calls `GET /api/open/v1/health` through `createQontakAxios`, closes everything it opened, and
 * returns the outcome. Never throws: every failure becomes a {@link DemoFailure}.
 */
export async function runDemo(options: RunDemoOptions = {}): Promise<DemoResult> {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const limits: Partial<QontakAuthOptions> = {
    timeoutMs,
    retry: { attempts: 2, baseDelayMs: 200, maxDelayMs: 1_000, maxElapsedMs: timeoutMs * 2 },
  };
  const embedded = !hasCredentials(env);
  let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
  let auth: QontakAuth | undefined;
  let baseUrl: string | undefined;
  try {
    if (embedded) {
      emulator = await startEmulator({ port: 0 });
      auth = new QontakAuth({
        ...limits,
        baseUrl: emulator.url,
        username: DEMO_USERNAME,
        password: DEMO_PASSWORD,
        clientId: FULFILLMENT_CLIENT_ID,
        clientSecret: FULFILLMENT_CLIENT_SECRET,
      });
    } else {
      auth = QontakAuth.fromEnv(env, limits);
    }
    baseUrl = auth.baseUrl;

    const token = await auth.getToken();
    const http = createQontakAxios(auth, { timeout: timeoutMs, validateStatus: () => true });
    const response = await http.get<unknown>(QONTAK_HEALTH_PATH);
    if (response.status < 200 || response.status >= 300) {
      const code: DemoFailureCode =
        response.status === 401
          ? 'health_unauthorized'
          : response.status >= 500
            ? QontakAuthErrorCode.ServerError
            : 'health_failed';
      return failure(code, { baseUrl, emulator: embedded, status: response.status });
    }
    return {
      ok: true,
      baseUrl,
      emulator: embedded,
      token: {
        type: token.tokenType,
        expiresAt: new Date(token.expiresAt).toISOString(),
        preview: shortenToken(token.accessToken),
      },
      health: { status: response.status, body: response.data },
    };
  } catch (error) {
    return failureFromError(error, baseUrl, embedded);
  } finally {
    await auth?.close();
    await emulator?.close();
  }
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

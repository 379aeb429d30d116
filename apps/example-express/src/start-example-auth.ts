import { authFromEnv, type RequestAuthorizer } from '@qontak/auth-core';
import { startEmulator, type QontakEmulator } from '@qontak/emulator';
import { CREDENTIAL_VARIABLES, demoCredential, type ExampleScheme } from './example-schemes';

/** The credentials the example runs with, and the embedded emulator when there is one. */
export interface ExampleAuth {
  auth: RequestAuthorizer;
  /** The embedded emulator, when no credential was set; close it after `auth`. */
  emulator: QontakEmulator | undefined;
  /** One line saying where Qontak is and which credential is used (never a secret). */
  description: string;
}

/**
 * Qontak itself when the environment holds a credential (`authFromEnv()`: `QONTAK_ACCESS_TOKEN`, or
 * `QONTAK_USERNAME` + `QONTAK_PASSWORD`, or `MEKARI_CLIENT_ID` + `MEKARI_CLIENT_SECRET`); otherwise an
 * embedded emulator, with the demo credential of `scheme` read by the same `authFromEnv()`.
 * @throws {QontakAuthError} `config_error` when the credential set is incomplete, ambiguous or invalid.
 */
export async function startExampleAuth(env: NodeJS.ProcessEnv, scheme: ExampleScheme): Promise<ExampleAuth> {
  if (CREDENTIAL_VARIABLES.some((name) => (env[name] ?? '').trim() !== '')) {
    const auth = authFromEnv(env);
    return { auth, emulator: undefined, description: `using Qontak at ${auth.apiBaseUrl}` };
  }
  const emulator = await startEmulator();
  const demo = demoCredential(scheme);
  return {
    auth: authFromEnv(demo.env(emulator.url)),
    emulator,
    description: `no Qontak credential set: using the embedded Qontak emulator at ${emulator.url} with ${demo.holds} (--scheme ${scheme})`,
  };
}

import { QONTAK_CREDENTIAL_VARIABLES, authFromEnv, type RequestAuthorizer } from '@qontak/auth-core';
import {
  DEMO_CHANNEL_INTEGRATION_ID,
  DEMO_TEMPLATE_ID,
  startEmulator,
  type EmulatorDemoScheme,
  type QontakEmulator,
} from '@qontak/emulator';
import type { MessageDefaults } from 'qontak-example-shared';

/** The credentials the example runs with, and the embedded emulator when there is one. */
export interface ExampleAuth {
  auth: RequestAuthorizer;
  /** The embedded emulator, when no credential was set; close it after `auth`. */
  emulator: QontakEmulator | undefined;
  /**
   * On the embedded emulator, its demo template (`order_shipped`, two placeholders, English) and
   * channel, for `POST /qontak/messages`; `undefined` against Qontak itself.
   */
  messageDefaults: MessageDefaults | undefined;
  /** One line saying where Qontak is and which credential is used (never a secret). */
  description: string;
}

/**
 * Qontak itself when the environment holds any of `QONTAK_CREDENTIAL_VARIABLES` (`authFromEnv()`:
 * `QONTAK_ACCESS_TOKEN`, or `QONTAK_USERNAME` + `QONTAK_PASSWORD`, or `MEKARI_CLIENT_ID` +
 * `MEKARI_CLIENT_SECRET`); otherwise an embedded emulator, with its demo credential of `scheme`
 * (`emulator.demoEnv(scheme)`) read by the same `authFromEnv()`.
 * @throws {QontakAuthError} `config_error` when the credential set is incomplete, ambiguous or invalid.
 */
export async function startExampleAuth(
  env: NodeJS.ProcessEnv,
  scheme: EmulatorDemoScheme,
): Promise<ExampleAuth> {
  if (QONTAK_CREDENTIAL_VARIABLES.some((name) => (env[name] ?? '').trim() !== '')) {
    const auth = authFromEnv(env);
    return {
      auth,
      emulator: undefined,
      messageDefaults: undefined,
      description: `using Qontak at ${auth.apiBaseUrl}`,
    };
  }
  const emulator = await startEmulator();
  return {
    auth: authFromEnv(emulator.demoEnv(scheme)),
    emulator,
    messageDefaults: { templateId: DEMO_TEMPLATE_ID, channelId: DEMO_CHANNEL_INTEGRATION_ID, language: 'en' },
    description: `no Qontak credential set: using the embedded Qontak emulator at ${emulator.url} with its demo credential (--scheme ${scheme})`,
  };
}

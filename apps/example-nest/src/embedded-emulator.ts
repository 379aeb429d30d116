import { QONTAK_CREDENTIAL_VARIABLES } from '@qontak/auth-core';
import {
  DEMO_CHANNEL_INTEGRATION_ID,
  DEMO_TEMPLATE_ID,
  EMULATOR_DEMO_SCHEMES,
  startEmulator,
  type EmulatorDemoScheme,
  type QontakEmulator,
} from '@qontak/emulator';
import type { MessageDefaults } from 'qontak-example-shared';

/** The embedded emulator the app runs on when no credential is set. */
export interface EmbeddedEmulator {
  emulator: QontakEmulator;
  /** The kind of demo credential the app uses on it. */
  scheme: EmulatorDemoScheme;
  /** The emulator's demo template (`order_shipped`, two placeholders, English) and channel. */
  messageDefaults: MessageDefaults;
}

function isDemoScheme(name: string): name is EmulatorDemoScheme {
  return (EMULATOR_DEMO_SCHEMES as readonly string[]).includes(name);
}

/**
 * When `env` holds none of `QONTAK_CREDENTIAL_VARIABLES`: starts an embedded Qontak emulator and puts
 * into `env` the variables of its demo credential of the scheme `QONTAK_EMULATOR_SCHEME` names
 * (`password`, the default; `access-token`; `mekari-hmac`), from `emulator.demoEnv(scheme)`. Returns
 * the emulator, or `undefined` (and starts nothing) when a credential is set.
 * @throws {Error} when `QONTAK_EMULATOR_SCHEME` names no scheme.
 */
export async function useEmbeddedEmulator(env: NodeJS.ProcessEnv): Promise<EmbeddedEmulator | undefined> {
  if (QONTAK_CREDENTIAL_VARIABLES.some((name) => (env[name] ?? '').trim() !== '')) return undefined;
  const scheme = env['QONTAK_EMULATOR_SCHEME'] || 'password';
  if (!isDemoScheme(scheme)) {
    throw new Error(`QONTAK_EMULATOR_SCHEME must be one of ${EMULATOR_DEMO_SCHEMES.join(', ')}.`);
  }
  const emulator = await startEmulator();
  Object.assign(env, emulator.demoEnv(scheme));
  return {
    emulator,
    scheme,
    messageDefaults: { templateId: DEMO_TEMPLATE_ID, channelId: DEMO_CHANNEL_INTEGRATION_ID, language: 'en' },
  };
}

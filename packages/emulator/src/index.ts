export { startEmulator } from './emulator';
export type { QontakEmulator } from './emulator';
export type {
  EmulatorClient,
  EmulatorHmacClient,
  EmulatorOptions,
  EmulatorUser,
  RefreshRotation,
} from './emulator-options';
export type { EmulatorFault, EmulatorFaults, EmulatorRoute } from './fault-injector';
export type { EmulatorStats, GrantCount } from './stats';
export type { EmulatorCredentialKind } from './credential-kind';
export {
  DEMO_ACCESS_TOKEN,
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  FULFILLMENT_CLIENT_ID,
  FULFILLMENT_CLIENT_SECRET,
  HMAC_CLOCK_SKEW_SECONDS,
} from './defaults';

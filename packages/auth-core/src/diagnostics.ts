/**
 * `@qontak/auth-core/diagnostics`: the names of the `node:diagnostics_channel` channels the toolkit
 * publishes on (grants, 401 invalidations, credential cooldowns) and the types of their messages, for
 * metrics and tracing (OpenTelemetry, an APM agent) without a dependency on any vendor.
 */
export { QONTAK_CHANNELS } from './logging/diagnostic-channels';
export type {
  QontakCooldownEvent,
  QontakGrantEvent,
  QontakInvalidateEvent,
} from './logging/diagnostic-channels';

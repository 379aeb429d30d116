import diagnosticsChannel from 'node:diagnostics_channel';
import type { Meter } from '@opentelemetry/api';
import {
  QONTAK_CHANNELS,
  type QontakCooldownEvent,
  type QontakGrantEvent,
  type QontakInvalidateEvent,
} from '@qontak/auth-core/diagnostics';

/**
 * Records the toolkit's grants, 401 invalidations and credential cooldowns as OpenTelemetry metrics
 * on `meter`: `qontak.auth.grants` (a counter), `qontak.auth.grant.duration` (a histogram, ms),
 * `qontak.auth.invalidations` and `qontak.auth.cooldowns` (counters). Returns what stops it.
 */
export function recordQontakMetrics(meter: Meter): () => void {
  const grants = meter.createCounter('qontak.auth.grants', { description: 'Qontak token grants' });
  const duration = meter.createHistogram('qontak.auth.grant.duration', {
    description: 'Qontak token grant duration, retries included',
    unit: 'ms',
  });
  const invalidations = meter.createCounter('qontak.auth.invalidations', { description: 'Qontak 401s' });
  const cooldowns = meter.createCounter('qontak.auth.cooldowns', {
    description: 'Rejected Qontak credentials',
  });

  const onGrant = (message: unknown) => {
    const grant = message as QontakGrantEvent;
    const attributes = {
      'grant.type': grant.grantType,
      outcome: grant.outcome,
      'error.code': grant.errorCode ?? '',
    };
    grants.add(1, attributes);
    duration.record(grant.durationMs, attributes);
  };
  const onInvalidate = (message: unknown) => {
    const event = message as QontakInvalidateEvent;
    invalidations.add(1, { scheme: event.scheme, outcome: event.outcome });
  };
  const onCooldown = (message: unknown) => {
    cooldowns.add(1, { 'error.code': (message as QontakCooldownEvent).errorCode });
  };
  diagnosticsChannel.subscribe(QONTAK_CHANNELS.grant, onGrant);
  diagnosticsChannel.subscribe(QONTAK_CHANNELS.invalidate, onInvalidate);
  diagnosticsChannel.subscribe(QONTAK_CHANNELS.cooldown, onCooldown);
  return () => {
    diagnosticsChannel.unsubscribe(QONTAK_CHANNELS.grant, onGrant);
    diagnosticsChannel.unsubscribe(QONTAK_CHANNELS.invalidate, onInvalidate);
    diagnosticsChannel.unsubscribe(QONTAK_CHANNELS.cooldown, onCooldown);
  };
}

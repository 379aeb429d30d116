import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { authFromEnv, QontakAuth } from '@qontak/auth-core';
import { describe, expect, it } from 'vitest';
import { recordQontakMetrics } from '../otel-metrics';
import { emulator } from './support';

/** A reader the test collects from when it wants. */
class TestReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** The data points of metric `name`, as `{ attributes, value }`. */
function points(metrics: ResourceMetrics, name: string): Array<{ attributes: unknown; value: unknown }> {
  return metrics.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .filter((metric) => metric.descriptor.name === name)
    .flatMap((metric) =>
      metric.dataPoints.map((point) => ({ attributes: point.attributes, value: point.value })),
    );
}

describe('OpenTelemetry metrics from the diagnostics channels', () => {
  it('counts grants by type and outcome, times them, and counts 401s and cooldowns', async () => {
    const reader = new TestReader();
    const provider = new MeterProvider({ readers: [reader] });
    const stop = recordQontakMetrics(provider.getMeter('qontak'));
    try {
      const server = await emulator();
      const auth = authFromEnv(server.demoEnv('password'));
      const token = await (auth as QontakAuth).getAccessToken();
      await auth.handleUnauthorized({ authorization: `Bearer ${token}` });
      await auth.ready();
      const wrong = new QontakAuth({ baseUrl: server.url, username: 'demo@example.com', password: 'wrong' });
      await wrong.ready().catch(() => undefined);
      await Promise.all([auth.close(), wrong.close()]);

      const { resourceMetrics } = await reader.collect();
      expect(points(resourceMetrics, 'qontak.auth.grants')).toEqual(
        expect.arrayContaining([
          { attributes: { 'grant.type': 'password', outcome: 'success', 'error.code': '' }, value: 2 },
          {
            attributes: { 'grant.type': 'password', outcome: 'failure', 'error.code': 'invalid_grant' },
            value: 1,
          },
        ]),
      );
      const durations = points(resourceMetrics, 'qontak.auth.grant.duration');
      expect(durations.map((point) => (point.value as { count: number }).count).sort()).toEqual([1, 2]);
      expect(points(resourceMetrics, 'qontak.auth.invalidations')).toEqual([
        { attributes: { scheme: 'password', outcome: 'dropped' }, value: 1 },
      ]);
      expect(points(resourceMetrics, 'qontak.auth.cooldowns')).toEqual([
        { attributes: { 'error.code': 'invalid_grant' }, value: 1 },
      ]);
    } finally {
      stop();
      await provider.shutdown();
    }
  });
});

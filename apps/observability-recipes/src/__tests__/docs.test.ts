import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(new URL('../../../../docs/observability.md', import.meta.url), 'utf8');

describe('docs/observability.md', () => {
  it.each(['otel-metrics.ts', 'pino-logger.ts', 'nest-logger.ts'])('shows %s as it is', (file) => {
    const source = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8').trimEnd();
    expect(doc).toContain(source);
  });
});

// Fails when src/generated/qontak-open-api.ts is not what openapi-typescript makes of the spec today.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'qontak-openapi-'));
const fresh = join(dir, 'qontak-open-api.ts');
try {
  execFileSync('openapi-typescript', ['../../openapi/qontak-open-api.yaml', '-o', fresh], { stdio: 'pipe' });
  if (readFileSync(fresh, 'utf8') !== readFileSync('src/generated/qontak-open-api.ts', 'utf8')) {
    console.error('src/generated/qontak-open-api.ts is stale: run `pnpm generate` and commit the result.');
    process.exit(1);
  }
  console.log('generated OpenAPI types are up to date');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

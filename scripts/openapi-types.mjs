// The TypeScript types of openapi/qontak-open-api.yaml, made by openapi-typescript, for the packages
// that use them (run from the package's folder):
//   node ../../scripts/openapi-types.mjs generate <out file> [--binary-as-blob]   writes them
//   node ../../scripts/openapi-types.mjs check <out file> [--binary-as-blob]      fails when <out file> is stale
// --binary-as-blob types `format: binary` fields (multipart uploads) as `Blob` instead of `string`.
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import ts from 'typescript';

const [mode, out, ...flags] = process.argv.slice(2);
if ((mode !== 'generate' && mode !== 'check') || !out) {
  console.error('usage: openapi-types.mjs generate|check <out file> [--binary-as-blob]');
  process.exit(2);
}
const BLOB = ts.factory.createTypeReferenceNode('Blob');
const ast = await openapiTS(new URL('../openapi/qontak-open-api.yaml', import.meta.url), {
  transform: flags.includes('--binary-as-blob')
    ? (schema) => (schema.format === 'binary' ? BLOB : undefined)
    : undefined,
});
const fresh = COMMENT_HEADER + astToString(ast);
if (mode === 'generate') {
  writeFileSync(out, fresh);
  console.log(`${out}: written`);
} else if (readFileSync(out, 'utf8') !== fresh) {
  console.error(`${out} is stale: run \`pnpm generate\` and commit the result.`);
  process.exit(1);
} else {
  console.log(`${out}: generated OpenAPI types are up to date`);
}

// The TypeScript types of openapi/qontak-open-api.yaml, made by openapi-typescript, for the packages
// that use them (run from the package's folder):
//   node ../../scripts/openapi-types.mjs generate <out file> --paths <prefix> [--binary-as-blob]   writes them
//   node ../../scripts/openapi-types.mjs check <out file> --paths <prefix> [--binary-as-blob]      fails when <out file> is stale
// --paths keeps the operations whose path starts with <prefix> (`/oauth/` for the core, `/v1/` for the
// client) and the components they reach, so each package holds the part of the contract it uses.
// --binary-as-blob types `format: binary` fields (multipart uploads) as `Blob` instead of `string`.
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import ts from 'typescript';
import { parse } from 'yaml';

const USAGE = 'usage: openapi-types.mjs generate|check <out file> --paths <prefix> [--binary-as-blob]';
const [mode, out, ...flags] = process.argv.slice(2);
const prefix = flags[flags.indexOf('--paths') + 1];
if (
  (mode !== 'generate' && mode !== 'check') ||
  !out ||
  !flags.includes('--paths') ||
  !prefix?.startsWith('/')
) {
  console.error(USAGE);
  process.exit(2);
}

/** Every `$ref` to a local component below `node`, as `[kind, name]`. */
function* localRefs(node) {
  if (Array.isArray(node)) {
    for (const item of node) yield* localRefs(item);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      const match =
        key === '$ref' && typeof value === 'string' && /^#\/components\/([^/]+)\/([^/]+)$/.exec(value);
      if (match) yield [match[1], match[2]];
      else yield* localRefs(value);
    }
  }
}

/** `document` with only the paths under `pathPrefix` and the components they reach, transitively. */
function pruned(document, pathPrefix) {
  const paths = Object.fromEntries(
    Object.entries(document.paths).filter(([path]) => path.startsWith(pathPrefix)),
  );
  if (Object.keys(paths).length === 0) throw new Error(`no path of the document starts with ${pathPrefix}`);
  const components = {};
  const pending = [...localRefs(paths)];
  while (pending.length > 0) {
    const [kind, name] = pending.pop();
    if (components[kind]?.[name] !== undefined) continue;
    const component = document.components?.[kind]?.[name];
    if (component === undefined)
      throw new Error(`#/components/${kind}/${name} is referenced but not defined`);
    (components[kind] ??= {})[name] = component;
    pending.push(...localRefs(component));
  }
  const { securitySchemes } = document.components ?? {};
  return { ...document, paths, components: { ...components, ...(securitySchemes && { securitySchemes }) } };
}

const source = new URL('../openapi/qontak-open-api.yaml', import.meta.url);
const BLOB = ts.factory.createTypeReferenceNode('Blob');
const ast = await openapiTS(pruned(parse(readFileSync(source, 'utf8')), prefix), {
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

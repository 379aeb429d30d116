// The TypeScript types of openapi/qontak-open-api.yaml, made by openapi-typescript, for the packages
// that use them (run from the package's folder):
//   node ../../scripts/openapi-types.mjs generate <out file> [--paths <prefix>]... [--webhooks [--webhook-validators <file>]] [--binary-as-blob]   writes them
//   node ../../scripts/openapi-types.mjs check <out file> [same flags]                                                                            fails when a file is stale
// --paths keeps the operations whose path starts with <prefix> (`/oauth/` for the core, `/v1/` for the
// client; repeated, any of the prefixes) and the components they reach, so each package holds the part
// of the contract it uses. --webhooks keeps the document's `webhooks` (what Qontak POSTs to a receiver)
// and the components they reach; without it they are left out. --webhook-validators also writes, to
// <file>, a validator of each JSON Schema the webhooks reach (webhook-validators.mjs), for a receiver
// to check a payload against the same document its types come from.
// --binary-as-blob types `format: binary` fields (multipart uploads) as `Blob` instead of `string`.
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import ts from 'typescript';
import { parse } from 'yaml';
import { webhookValidatorsModule } from './webhook-validators.mjs';

const USAGE =
  'usage: openapi-types.mjs generate|check <out file> [--paths <prefix>]... [--webhooks [--webhook-validators <file>]] [--binary-as-blob]';
const [mode, out, ...flags] = process.argv.slice(2);
const valueOf = (flag) => (flags.includes(flag) ? flags[flags.indexOf(flag) + 1] : undefined);
const prefixes = flags.flatMap((flag, index) => (flag === '--paths' ? [flags[index + 1]] : []));
const keepWebhooks = flags.includes('--webhooks');
const validatorsOut = valueOf('--webhook-validators');
if (
  (mode !== 'generate' && mode !== 'check') ||
  !out ||
  (prefixes.length === 0 && !keepWebhooks) ||
  !prefixes.every((prefix) => prefix?.startsWith('/')) ||
  (flags.includes('--webhook-validators') &&
    (!keepWebhooks || !validatorsOut || validatorsOut.startsWith('--')))
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

/** The components of `document` that `roots` reach, transitively, by kind and name. */
function reachedComponents(document, roots) {
  const components = {};
  const pending = [...localRefs(roots)];
  while (pending.length > 0) {
    const [kind, name] = pending.pop();
    if (components[kind]?.[name] !== undefined) continue;
    const component = document.components?.[kind]?.[name];
    if (component === undefined)
      throw new Error(`#/components/${kind}/${name} is referenced but not defined`);
    (components[kind] ??= {})[name] = component;
    pending.push(...localRefs(component));
  }
  return components;
}

/** The document's webhooks, or an error when it has none. */
function webhooksOf(document) {
  if (document.webhooks === undefined || Object.keys(document.webhooks).length === 0)
    throw new Error('the document has no webhooks');
  return document.webhooks;
}

/**
 * `document` with only the paths under one of `pathPrefixes`, its webhooks when `withWebhooks` (none
 * otherwise), and the components they reach, transitively.
 */
function pruned(document, pathPrefixes, withWebhooks) {
  const paths = Object.fromEntries(
    Object.entries(document.paths).filter(([path]) => pathPrefixes.some((prefix) => path.startsWith(prefix))),
  );
  for (const prefix of pathPrefixes) {
    if (!Object.keys(paths).some((path) => path.startsWith(prefix)))
      throw new Error(`no path of the document starts with ${prefix}`);
  }
  const { webhooks: _webhooks, ...rest } = document;
  const webhooks = withWebhooks ? webhooksOf(document) : undefined;
  const components = reachedComponents(document, [paths, webhooks ?? {}]);
  const { securitySchemes } = document.components ?? {};
  return {
    ...rest,
    paths,
    ...(webhooks && { webhooks }),
    components: { ...components, ...(securitySchemes && { securitySchemes }) },
  };
}

/** What a validator reads of a schema: the keywords below, recursively; no descriptions, examples or formats. */
const VALIDATION_KEYWORDS = [
  'type',
  'const',
  'enum',
  'required',
  'properties',
  'items',
  'allOf',
  'oneOf',
  'anyOf',
  '$ref',
];

function validationOnly(schema) {
  if (schema === null || typeof schema !== 'object') return schema;
  const kept = {};
  for (const keyword of VALIDATION_KEYWORDS) {
    const value = schema[keyword];
    if (value === undefined) continue;
    if (keyword === 'properties')
      kept.properties = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [name, validationOnly(property)]),
      );
    else if (keyword === 'items') kept.items = validationOnly(value);
    else if (keyword === 'allOf' || keyword === 'oneOf' || keyword === 'anyOf')
      kept[keyword] = value.map(validationOnly);
    else kept[keyword] = value;
  }
  return kept;
}

/** The JSON Schemas (validation keywords only) that the document's webhooks reach, by component name. */
function webhookSchemas(document) {
  const { schemas = {} } = reachedComponents(document, webhooksOf(document));
  return Object.fromEntries(Object.keys(schemas).map((name) => [name, validationOnly(schemas[name])]));
}

const source = new URL('../openapi/qontak-open-api.yaml', import.meta.url);
const document = parse(readFileSync(source, 'utf8'));
const BLOB = ts.factory.createTypeReferenceNode('Blob');
const ast = await openapiTS(pruned(document, prefixes, keepWebhooks), {
  transform: flags.includes('--binary-as-blob')
    ? (schema) => (schema.format === 'binary' ? BLOB : undefined)
    : undefined,
});
const outputs = [[out, COMMENT_HEADER + astToString(ast), 'generated OpenAPI types']];
if (validatorsOut) {
  outputs.push([
    validatorsOut,
    webhookValidatorsModule(webhookSchemas(document)),
    'generated webhook validators',
  ]);
}
for (const [file, fresh, what] of outputs) {
  if (mode === 'generate') {
    writeFileSync(file, fresh);
    console.log(`${file}: written`);
  } else if (readFileSync(file, 'utf8') !== fresh) {
    console.error(`${file} is stale: run \`pnpm generate\` and commit the result.`);
    process.exit(1);
  } else {
    console.log(`${file}: ${what} are up to date`);
  }
}

/**
 * The subset of JSON Schema that the webhook schemas of the OpenAPI document use (what
 * `scripts/openapi-types.mjs --webhook-schemas` keeps): `type`, `const`, `enum`, `required`,
 * `properties`, `items`, `allOf`, `oneOf`/`anyOf` (one must match) and local `$ref`s; `true`/`false`.
 */
export type JsonSchema =
  | boolean
  | {
      readonly type?: string | readonly string[];
      readonly const?: unknown;
      readonly enum?: readonly unknown[];
      readonly required?: readonly string[];
      readonly properties?: { readonly [name: string]: JsonSchema };
      readonly items?: JsonSchema;
      readonly allOf?: readonly JsonSchema[];
      readonly oneOf?: readonly JsonSchema[];
      readonly anyOf?: readonly JsonSchema[];
      readonly $ref?: string;
    };

const REF_PREFIX = '#/components/schemas/';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'null':
      return value === null;
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    default:
      return false;
  }
}

function at(path: string, name: string | number): string {
  return typeof name === 'number' ? `${path}[${name}]` : path === '' ? name : `${path}.${name}`;
}

/**
 * Where `value` first departs from `schema` (each `$ref` looked up in `schemas`), said in a few words
 * with the path of the field (`room.id is not a string`); `undefined` when it conforms. Says nothing
 * of a field's value, only where it is.
 */
export function schemaMismatch(
  value: unknown,
  schema: JsonSchema,
  schemas: { readonly [name: string]: JsonSchema },
  path = '',
): string | undefined {
  const where = path === '' ? 'the body' : path;
  if (schema === true) return undefined;
  if (schema === false) return `${where} is not allowed`;
  if (schema.$ref !== undefined) {
    const target = schema.$ref.startsWith(REF_PREFIX)
      ? schemas[schema.$ref.slice(REF_PREFIX.length)]
      : undefined;
    if (target === undefined) return `${where} has no schema ${schema.$ref}`;
    const mismatch = schemaMismatch(value, target, schemas, path);
    if (mismatch !== undefined) return mismatch;
  }
  for (const part of schema.allOf ?? []) {
    const mismatch = schemaMismatch(value, part, schemas, path);
    if (mismatch !== undefined) return mismatch;
  }
  for (const alternatives of [schema.oneOf, schema.anyOf]) {
    if (alternatives === undefined) continue;
    const mismatches = alternatives.map((alternative) => schemaMismatch(value, alternative, schemas, path));
    if (mismatches.every((mismatch) => mismatch !== undefined))
      return mismatches[0] ?? `${where} matches nothing`;
  }
  if (schema.type !== undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!types.some((type) => hasType(value, type))) return `${where} is not ${types.join(' or ')}`;
  }
  if ('const' in schema && value !== schema.const) return `${where} is not ${JSON.stringify(schema.const)}`;
  if (schema.enum !== undefined && !schema.enum.includes(value)) return `${where} is not one of its values`;
  if (isObject(value)) {
    for (const name of schema.required ?? []) {
      if (!Object.hasOwn(value, name)) return `${at(path, name)} is missing`;
    }
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      if (!Object.hasOwn(value, name)) continue;
      const mismatch = schemaMismatch(value[name], property, schemas, at(path, name));
      if (mismatch !== undefined) return mismatch;
    }
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    for (const [index, item] of value.entries()) {
      const mismatch = schemaMismatch(item, schema.items, schemas, at(path, index));
      if (mismatch !== undefined) return mismatch;
    }
  }
  return undefined;
}

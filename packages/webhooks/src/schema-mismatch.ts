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

type Schemas = { readonly [name: string]: JsonSchema };

/**
 * A compiled schema: where `value` first departs from it, or `undefined`. The value is field `name` of
 * the one at path `parent` (`''` for the body), or, without a `name`, the one at `parent` itself: a
 * path is spelled out only for a mismatch, not for each field that conforms.
 */
type Check = (value: unknown, parent: string, name?: string | number) => string | undefined;

const REF_PREFIX = '#/components/schemas/';

/** Each schema object already compiled, by the schemas its `$ref`s are looked up in. */
const compiled = new WeakMap<Schemas, WeakMap<object, Check>>();

const conforms: Check = () => undefined;

function at(path: string, name: string | number | undefined): string {
  if (name === undefined) return path;
  return typeof name === 'number' ? `${path}[${name}]` : path === '' ? name : `${path}.${name}`;
}

/** How a mismatch names the value: its path, or `the body`. */
function where(parent: string, name: string | number | undefined): string {
  const path = at(parent, name);
  return path === '' ? 'the body' : path;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a value is of a JSON Schema `type`. */
const TYPE_TESTS: { readonly [type: string]: (value: unknown) => boolean } = {
  string: (value) => typeof value === 'string',
  boolean: (value) => typeof value === 'boolean',
  integer: (value) => Number.isInteger(value),
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  null: (value) => value === null,
  object: isObject,
  array: (value) => Array.isArray(value),
};

/** The test of one `type` keyword (a type or several). */
function typeTest(type: string | readonly string[]): (value: unknown) => boolean {
  const tests = (typeof type === 'string' ? [type] : type).map((name) =>
    Object.hasOwn(TYPE_TESTS, name) ? TYPE_TESTS[name]! : () => false,
  );
  if (tests.length === 1) return tests[0]!;
  return (value) => {
    for (const test of tests) if (test(value)) return true;
    return false;
  };
}

/** The checks in `checks`, in order: the first mismatch. */
function allOf(checks: readonly Check[]): Check {
  if (checks.length === 0) return conforms;
  if (checks.length === 1) return checks[0]!;
  return (value, parent, name) => {
    for (const check of checks) {
      const mismatch = check(value, parent, name);
      if (mismatch !== undefined) return mismatch;
    }
    return undefined;
  };
}

/** `undefined` when `value` matches one of `alternatives`; else the first one's mismatch. */
function oneOf(alternatives: readonly Check[]): Check {
  return (value, parent, name) => {
    let first: string | undefined;
    for (const alternative of alternatives) {
      const mismatch = alternative(value, parent, name);
      if (mismatch === undefined) return undefined;
      first ??= mismatch;
    }
    return first ?? `${where(parent, name)} matches nothing`;
  };
}

/**
 * `schema` as a function, compiled once per schema object: a check runs on every delivery, and walking
 * the schema's keywords each time cost more than parsing the JSON. Each `$ref` is compiled when first
 * met, so that schemas may refer to each other.
 */
function compile(schema: JsonSchema, schemas: Schemas): Check {
  if (schema === true) return conforms;
  if (schema === false) return (_value, parent, name) => `${where(parent, name)} is not allowed`;
  let cache = compiled.get(schemas);
  if (cache === undefined) compiled.set(schemas, (cache = new WeakMap()));
  const known = cache.get(schema);
  if (known !== undefined) return known;
  const checks: Check[] = [];
  const ref = schema.$ref;
  if (ref !== undefined) {
    const name = ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : undefined;
    const target = name !== undefined && Object.hasOwn(schemas, name) ? schemas[name] : undefined;
    if (target === undefined) {
      checks.push((_value, parent, name) => `${where(parent, name)} has no schema ${ref}`);
    } else {
      let check: Check | undefined;
      checks.push((value, parent, name) => (check ??= compile(target, schemas))(value, parent, name));
    }
  }
  for (const part of schema.allOf ?? []) checks.push(compile(part, schemas));
  for (const alternatives of [schema.oneOf, schema.anyOf]) {
    if (alternatives !== undefined) checks.push(oneOf(alternatives.map((one) => compile(one, schemas))));
  }
  if (schema.type !== undefined) {
    const test = typeTest(schema.type);
    const expected = typeof schema.type === 'string' ? schema.type : schema.type.join(' or ');
    checks.push((value, parent, name) =>
      test(value) ? undefined : `${where(parent, name)} is not ${expected}`,
    );
  }
  if ('const' in schema) {
    const constant = schema.const;
    const expected = JSON.stringify(constant);
    checks.push((value, parent, name) =>
      value === constant ? undefined : `${where(parent, name)} is not ${expected}`,
    );
  }
  const choices = schema.enum;
  if (choices !== undefined) {
    checks.push((value, parent, name) =>
      choices.includes(value) ? undefined : `${where(parent, name)} is not one of its values`,
    );
  }
  const required = schema.required ?? [];
  // A JSON value is never `undefined`: one read tells a present field, except for a name objects inherit.
  const properties = Object.entries(schema.properties ?? {}).map(([field, property]) => ({
    field,
    check: compile(property, schemas),
    inherited: field in Object.prototype,
  }));
  if (required.length > 0 || properties.length > 0) {
    checks.push((value, parent, name) => {
      if (!isObject(value)) return undefined;
      const path = at(parent, name);
      for (const field of required) if (!Object.hasOwn(value, field)) return `${at(path, field)} is missing`;
      for (const property of properties) {
        const fieldValue = value[property.field];
        if (fieldValue === undefined || (property.inherited && !Object.hasOwn(value, property.field)))
          continue;
        const mismatch = property.check(fieldValue, path, property.field);
        if (mismatch !== undefined) return mismatch;
      }
      return undefined;
    });
  }
  if (schema.items !== undefined) {
    const items = compile(schema.items, schemas);
    checks.push((value, parent, name) => {
      if (!Array.isArray(value)) return undefined;
      const path = at(parent, name);
      for (let index = 0; index < value.length; index += 1) {
        const mismatch = items(value[index], path, index);
        if (mismatch !== undefined) return mismatch;
      }
      return undefined;
    });
  }
  const check = allOf(checks);
  cache.set(schema, check);
  return check;
}

/**
 * Where `value` first departs from `schema` (each `$ref` looked up in `schemas`), said in a few words
 * with the path of the field (`room.id is not a string`); `undefined` when it conforms. Says nothing
 * of a field's value, only where it is.
 */
export function schemaMismatch(
  value: unknown,
  schema: JsonSchema,
  schemas: Schemas,
  path = '',
): string | undefined {
  return compile(schema, schemas)(value, path);
}

// Writes the validators of the webhook payloads: for each JSON Schema the document's webhooks reach, a
// TypeScript function that says where a value first departs from it (`room.id is not string`), or
// `undefined`. Generated code reads each field by its literal name, so every read site sees one field
// of one shape; a validator that walks the schemas at run time reads them all through one site, and
// cost a webhook receiver more than parsing the JSON. Used by openapi-types.mjs (`--webhook-validators`).
//
// The keywords read are those `validationOnly` keeps: `type`, `const`, `enum`, `required`,
// `properties`, `items`, `allOf`, `oneOf`/`anyOf` (one must match) and local `$ref`s; `true`/`false`.
// Each schema's keywords are checked in that order; a mismatch names the path of the value, never the
// value itself.

const REF_PREFIX = '#/components/schemas/';

/** The test of one JSON Schema type on the value named `value`, as a JS expression. */
const TYPE_TESTS = {
  string: (value) => `typeof ${value} === 'string'`,
  boolean: (value) => `typeof ${value} === 'boolean'`,
  integer: (value) => `Number.isInteger(${value})`,
  number: (value) => `(typeof ${value} === 'number' && Number.isFinite(${value}))`,
  null: (value) => `${value} === null`,
  object: (value) => `isObject(${value})`,
  array: (value) => `Array.isArray(${value})`,
};

/** A JS string literal. */
const literal = (text) => JSON.stringify(text);

/** The name of the function that checks the component `name`. */
const checkName = (name) => `check${name.replace(/[^A-Za-z0-9_$]/g, '_')}`;

/**
 * Makes the module from `schemas`, the components by name (validation keywords only): a validator per
 * component, exported together as `webhookValidators` under the component's name.
 */
export function webhookValidatorsModule(schemas) {
  const functions = [];
  const constants = [];
  let counter = 0;
  const fresh = (prefix) => `${prefix}${counter++}`;

  /** `return <mismatch>;` for the value at the path expression `path`. */
  const fail = (path, says) => `return \`\${where(${path})} ${says}\`;`;

  /** A function of its own for `schema` (the alternatives of a oneOf), returning its name. */
  function hoisted(schema) {
    if (typeof schema === 'object' && schema.$ref !== undefined && Object.keys(schema).length === 1) {
      return refTarget(schema.$ref);
    }
    const name = fresh('alternative');
    functions.push(functionOf(name, schema, 'one of the alternatives of a schema'));
    return name;
  }

  function refTarget(ref) {
    const name = ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : undefined;
    if (name === undefined || !Object.hasOwn(schemas, name)) throw new Error(`no schema ${ref}`);
    return checkName(name);
  }

  /**
   * The statements that check the value named `value` (its path: the expression `path`) against
   * `schema`, each returning the first mismatch.
   */
  function statements(schema, value, path) {
    if (schema === true) return [];
    if (schema === false) return [fail(path, 'is not allowed')];
    const lines = [];
    if (schema.$ref !== undefined) {
      const mismatch = fresh('mismatch');
      lines.push(
        `const ${mismatch} = ${refTarget(schema.$ref)}(${value}, ${path});`,
        `if (${mismatch} !== undefined) return ${mismatch};`,
      );
    }
    for (const part of schema.allOf ?? []) lines.push(...statements(part, value, path));
    for (const alternatives of [schema.oneOf, schema.anyOf]) {
      if (alternatives === undefined) continue;
      if (alternatives.length === 0) {
        lines.push(fail(path, 'matches nothing'));
        continue;
      }
      const [first, ...others] = alternatives.map(hoisted);
      const mismatch = fresh('mismatch');
      lines.push(
        `const ${mismatch} = ${first}(${value}, ${path});`,
        `if (${[`${mismatch} !== undefined`, ...others.map((other) => `${other}(${value}, ${path}) !== undefined`)].join(' && ')}) return ${mismatch};`,
      );
    }
    if (schema.type !== undefined) {
      const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
      const tests = types.map((type) =>
        Object.hasOwn(TYPE_TESTS, type) ? TYPE_TESTS[type](value) : 'false',
      );
      lines.push(`if (!(${tests.join(' || ')})) ${fail(path, `is not ${types.join(' or ')}`)}`);
    }
    if ('const' in schema) {
      const constant = schema.const;
      const says = `is not ${JSON.stringify(constant).replace(/[`\\$]/g, '\\$&')}`;
      // An object or array constant is never the same value as a parsed one (checked by identity).
      if (typeof constant === 'object' && constant !== null) lines.push(fail(path, says));
      else lines.push(`if (${value} !== ${JSON.stringify(constant)}) ${fail(path, says)}`);
    }
    if (schema.enum !== undefined) {
      const choices = fresh('CHOICES');
      constants.push(`const ${choices}: readonly unknown[] = ${JSON.stringify(schema.enum)};`);
      lines.push(`if (!${choices}.includes(${value})) ${fail(path, 'is not one of its values')}`);
    }
    const required = schema.required ?? [];
    const properties = Object.entries(schema.properties ?? {});
    if (required.length > 0 || properties.length > 0) {
      const inner = [];
      for (const field of required) {
        inner.push(
          `if (!Object.hasOwn(${value}, ${literal(field)})) ${fail(`at(${path}, ${literal(field)})`, 'is missing')}`,
        );
      }
      for (const [field, property] of properties) {
        const fieldValue = fresh('field');
        const checks = statements(property, fieldValue, `at(${path}, ${literal(field)})`);
        if (checks.length === 0) continue;
        // A JSON value is never `undefined`: one read tells a present field, except for a name objects inherit.
        const present =
          field in Object.prototype
            ? `${fieldValue} !== undefined && Object.hasOwn(${value}, ${literal(field)})`
            : `${fieldValue} !== undefined`;
        inner.push(
          `const ${fieldValue} = ${value}[${literal(field)}];`,
          `if (${present}) {`,
          ...indent(checks),
          '}',
        );
      }
      if (inner.length > 0) lines.push(`if (isObject(${value})) {`, ...indent(inner), '}');
    }
    if (schema.items !== undefined) {
      const index = fresh('index');
      const item = fresh('item');
      const checks = statements(schema.items, item, `\`\${${path}}[\${${index}}]\``);
      if (checks.length > 0) {
        lines.push(
          `if (Array.isArray(${value})) {`,
          `  for (let ${index} = 0; ${index} < ${value}.length; ${index} += 1) {`,
          `    const ${item}: unknown = ${value}[${index}];`,
          ...indent(indent(checks)),
          '  }',
          '}',
        );
      }
    }
    return lines;
  }

  function functionOf(name, schema, what) {
    return [
      `/** Where \`value\` (at \`path\`) first departs from ${what}, or \`undefined\`. */`,
      `function ${name}(value: unknown, path: string): string | undefined {`,
      ...indent(statements(schema, 'value', 'path')),
      '  return undefined;',
      '}',
    ].join('\n');
  }

  const names = Object.keys(schemas).sort();
  for (const name of names) functions.push(functionOf(checkName(name), schemas[name], `the schema ${name}`));
  const table = names.map((name) => `  ${name}: (value: unknown) => ${checkName(name)}(value, ''),`);
  return [
    '// This file was generated by scripts/openapi-types.mjs from openapi/qontak-open-api.yaml: for each',
    '// JSON Schema that what Qontak POSTs to a webhook receiver reaches (`#/components/schemas/...`), a',
    '// function saying where a value first departs from it. Do not make direct changes to the file.',
    '',
    "/** The path of field `name` of the value at `path` (`''` for the body). */",
    'function at(path: string, name: string): string {',
    "  return path === '' ? name : `${path}.${name}`;",
    '}',
    '',
    '/** How a mismatch names the value at `path`. */',
    'function where(path: string): string {',
    "  return path === '' ? 'the body' : path;",
    '}',
    '',
    'function isObject(value: unknown): value is Record<string, unknown> {',
    "  return typeof value === 'object' && value !== null && !Array.isArray(value);",
    '}',
    '',
    ...constants,
    ...(constants.length > 0 ? [''] : []),
    functions.join('\n\n'),
    '',
    '/**',
    ' * The check of each schema, by component name: where a value first departs from it, said in a few',
    ' * words with the path of the field (`room.id is not string`, `status is missing`), or `undefined`',
    ' * when it conforms. Never says what a value holds.',
    ' */',
    'export const webhookValidators = {',
    ...table,
    '} as const;',
    '',
  ].join('\n');
}

function indent(lines) {
  return lines.map((line) => `  ${line}`);
}

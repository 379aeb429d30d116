import { echoed } from '../server/echoed-value';
import type { JsonObject } from '../server/json';
import { isJsonObject, NOT_A_JSON_OBJECT } from '../server/json';

/** A request body as an operation's validation found it: what it stands for, or one message per problem. */
export type Checked<T> = { ok: true; value: T } | { ok: false; messages: string[] };

/** The most messages one refused request body is answered with; the rest are counted in a last one. */
const MAX_FIELD_ERRORS = 20;

/**
 * The messages of a refused request body, one per missing or bad field, in the order found: the first
 * {@link MAX_FIELD_ERRORS}, then `and <n> more errors`, so that the answer stays small whatever the body.
 */
export class FieldErrors {
  readonly #messages: string[] = [];
  #count = 0;

  add(message: string): void {
    this.#count += 1;
    if (this.#messages.length < MAX_FIELD_ERRORS) this.#messages.push(message);
  }

  /** How many problems were found (also those past the first {@link MAX_FIELD_ERRORS}). */
  get count(): number {
    return this.#count;
  }

  get empty(): boolean {
    return this.#count === 0;
  }

  /** The messages to answer with. */
  get messages(): string[] {
    const more = this.#count - this.#messages.length;
    return more > 0 ? [...this.#messages, `and ${more} more errors`] : [...this.#messages];
  }
}

/** The message that names a field the operation does not take: `<prefix><key> is not a permitted field` (a long key shortened). */
export function notPermitted(key: string, prefix = ''): string {
  return `${prefix}${echoed(key)} is not a permitted field`;
}

/** Names each key of `object` not in `allowed` (see {@link notPermitted}). */
export function checkKnownKeys(
  object: JsonObject,
  allowed: readonly string[],
  prefix: string,
  errors: FieldErrors,
): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) errors.add(notPermitted(key, prefix));
  }
}

/**
 * A required string field: `<path> is required` when absent, null or blank, `<path> must be a string` for
 * another type. Returns the string when it is one and not blank.
 */
export function requiredString(
  object: JsonObject,
  key: string,
  path: string,
  errors: FieldErrors,
): string | undefined {
  const value = object[key];
  if (typeof value === 'string' && value.trim() === '') {
    errors.add(`${path} is required`);
    return undefined;
  }
  return presentString(object, key, path, errors);
}

/** A string field that must be present but may be empty: `<path> is required` / `<path> must be a string`. */
export function presentString(
  object: JsonObject,
  key: string,
  path: string,
  errors: FieldErrors,
): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) errors.add(`${path} is required`);
  else if (typeof value !== 'string') errors.add(`${path} must be a string`);
  else return value;
  return undefined;
}

/** An optional boolean field: `<path> must be a boolean` for another type; `undefined` when absent. */
export function optionalBoolean(
  object: JsonObject,
  key: string,
  path: string,
  errors: FieldErrors,
): boolean | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') {
    errors.add(`${path} must be a boolean`);
    return undefined;
  }
  return value;
}

/** True for an absolute `http:` or `https:` URL. */
export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A body made of required strings only: an object with each of `keys` a non-blank string (see
 * {@link requiredString}) and no other field. Every problem is named.
 */
export function requiredStrings<K extends string>(
  body: unknown,
  keys: readonly K[],
): Checked<Record<K, string>> {
  if (!isJsonObject(body)) return { ok: false, messages: [NOT_A_JSON_OBJECT] };
  const errors = new FieldErrors();
  checkKnownKeys(body, keys, '', errors);
  const value: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const string = requiredString(body, key, key, errors);
    if (string !== undefined) value[key] = string;
  }
  return errors.empty
    ? { ok: true, value: value as Record<K, string> }
    : { ok: false, messages: errors.messages };
}

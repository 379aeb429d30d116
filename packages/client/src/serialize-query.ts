import { formValue } from './form-value';

/** `name=value`, both percent-encoded. */
function pair(name: string, value: unknown): string {
  return `${encodeURIComponent(name)}=${encodeURIComponent(formValue(value, `Qontak client: the query parameter ${name}`))}`;
}

/**
 * The typed client's query serializer, `openapi-fetch`'s default form with every name encoded as well
 * as every value (a name from `req.query` such as `x#` or `a&limit=1000` cannot cut or extend the
 * query): `undefined` and `null` are left out, an array repeats its name (`tags=a&tags=b`), an object
 * becomes `name[key]=value` pairs.
 * @throws {TypeError} for a value (or an item or member) with no faithful text form: a function, a
 *   symbol, a non-finite number, or an object or array inside an array or object.
 */
export function serializeQuery(query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) parts.push(pair(name, item));
    } else if (typeof value === 'object') {
      for (const [key, member] of Object.entries(value)) {
        if (member !== undefined && member !== null) parts.push(pair(`${name}[${key}]`, member));
      }
    } else {
      parts.push(pair(name, value));
    }
  }
  return parts.join('&');
}

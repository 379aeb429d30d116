/**
 * The text of one URL or form value, for the values that have one faithful text form: a string, a
 * finite number, a bigint or a boolean. `what` names the value in the error (never the value itself,
 * which may come from an attacker or hold a secret).
 * @throws {TypeError} for anything else: an object or array, a function (whose source code would be
 *   sent), a symbol, `NaN` or an infinite number.
 */
export function formValue(value: unknown, what: string): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'bigint':
    case 'boolean':
      return String(value);
    case 'number':
      if (Number.isFinite(value)) return String(value);
      throw new TypeError(`${what} is ${String(value)}; it must be a finite number.`);
    default:
      throw new TypeError(
        `${what} is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}; it must be a string, a number, a bigint or a boolean.`,
      );
  }
}

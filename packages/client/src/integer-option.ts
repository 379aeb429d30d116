/**
 * `value`, an integer option from 1 to `max`, or `fallback` when it is `undefined`.
 * @throws {RangeError} naming `owner` and `name` for anything else.
 */
export function integerOption(
  value: number | undefined,
  fallback: number,
  max: number,
  owner: string,
  name: string,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`${owner}: ${name} must be an integer from 1 to ${max}.`);
  }
  return value;
}

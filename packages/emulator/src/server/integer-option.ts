/** Node's longest timer, in milliseconds: a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * `value`, when it is an integer from `min` (0 or 1) to `max` (unbounded when absent).
 * @throws {RangeError} naming the option `name` and the range otherwise.
 */
export function integerOption(name: string, value: number, min: 0 | 1, max?: number): number {
  if (Number.isInteger(value) && value >= min && (max === undefined || value <= max)) return value;
  const range =
    max !== undefined
      ? `an integer from ${min} to ${max}`
      : min === 0
        ? 'a non-negative integer'
        : 'a positive integer';
  throw new RangeError(`@qontak/emulator: ${name} must be ${range}, got ${String(value)}`);
}

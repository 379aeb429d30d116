import { configError } from '../errors/config-error';

/** Node's longest timer, in ms (2^31 - 1): a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/** The range a duration option may take, in ms. */
export interface DurationRange {
  /** Default 0. */
  min?: number;
  /** Default 2147483647, Node's longest timer (a longer one fires after 1 ms). */
  max?: number;
  /** Whether only whole ms are accepted. Default false. */
  whole?: boolean;
}

/**
 * `owner`'s duration option `field`, checked: `fallback` when `value` is undefined.
 * @throws {QontakAuthError} `config_error` naming `owner` and `field` (never the value) when `value` is
 *   not a number of ms within `range`.
 */
export function durationOption(
  owner: string,
  field: string,
  value: number | undefined,
  fallback: number,
  { min = 0, max = MAX_TIMER_MS, whole = false }: DurationRange = {},
): number {
  if (value === undefined) return fallback;
  const valid = typeof value === 'number' && (whole ? Number.isInteger(value) : Number.isFinite(value));
  if (!valid || value < min || value > max) {
    throw configError(
      owner,
      `${field} must be a ${whole ? 'whole ' : ''}number of ms from ${min} to ${max}.`,
    );
  }
  return value;
}

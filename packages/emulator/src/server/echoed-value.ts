/** The most characters of a value the emulator quotes back in an error message. */
const MAX_ECHOED_CHARACTERS = 64;

/**
 * `value` as an error message may quote it: its first 64 characters, then `…` when there were more, so
 * that an error answer never grows with what the request sent.
 */
export function echoed(value: unknown): string {
  const text = String(value);
  return text.length > MAX_ECHOED_CHARACTERS ? `${text.slice(0, MAX_ECHOED_CHARACTERS)}…` : text;
}

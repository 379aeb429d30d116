/** Shortest token that {@link shortenToken} shows any characters of; shorter ones become `…`. */
const MIN_SHOWN_LENGTH = 16;

/**
 * A preview of a token that is safe to print: its first 4 and last 3 characters around `…`
 * (e.g. `WPuW…rbU`). A token shorter than 16 characters is shown as `…` alone, so a preview
 * never reveals most of a secret. Never throws.
 */
export function shortenToken(token: string): string {
  if (token.length < MIN_SHOWN_LENGTH) return '…';
  return `${token.slice(0, 4)}…${token.slice(-3)}`;
}

import { escapeControlCharacters } from './control-characters';

/** What every secret is shown as in logs, `util.inspect`, `JSON.stringify` and error messages. */
export const REDACTED = '[redacted]';

/** The symbol `node:util` looks up for a custom `inspect`; read through `Symbol.for` so the core imports nothing. */
export const inspectSymbol: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

/** The spellings a server may echo `secret` in: as sent, percent-encoded (either hex case), form-encoded, JSON-escaped. */
function spellings(secret: string): string[] {
  const percent = encodeURIComponent(secret);
  return [
    secret,
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
  ];
}

/**
 * `text` (something a server sent: an `error_description`, an error message) with every occurrence of
 * each of `secrets` replaced by {@link REDACTED}, in any spelling a server echoing a request might
 * use, and then with its control characters escaped (`escapeControlCharacters`). Empty secrets are
 * ignored.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let result = text;
  const forms = new Set<string>();
  for (const secret of secrets) if (secret) for (const form of spellings(secret)) forms.add(form);
  // Longest first, so that a secret inside another is not left half-replaced.
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    result = result.split(form).join(REDACTED);
  }
  return escapeControlCharacters(result);
}

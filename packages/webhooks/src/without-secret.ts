/** The shortest run of a secret's characters that counts as a leak of it. */
const MIN_LEAKED_RUN = 8;

const REDACTED = '[redacted]';
const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;

/**
 * `text` with every run of at least {@link MIN_LEAKED_RUN} characters of `secret` replaced by
 * `[redacted]`: the whole secret, any part of it (a URL cut short), in either spelling a URL gives it
 * (its characters as they are, or percent-encoded, `%41` for `A`). For what others wrote (an error's
 * message, Qontak's answer) before it is logged or thrown.
 */
export function withoutSecret(text: string, secret: string): string {
  if (text.length < MIN_LEAKED_RUN || secret.length < MIN_LEAKED_RUN) return text;
  // The text as a URL decoder reads it: each character, with where it starts and ends in `text`.
  const chars: string[] = [];
  const starts: number[] = [];
  for (let index = 0; index < text.length;) {
    starts.push(index);
    const pair = text.slice(index + 1, index + 3);
    if (text[index] === '%' && HEX_PAIR.test(pair)) {
      chars.push(String.fromCharCode(Number.parseInt(pair, 16)));
      index += 3;
    } else {
      chars.push(text[index]!);
      index += 1;
    }
  }
  starts.push(text.length);
  const runs = new Set<string>();
  for (let start = 0; start + MIN_LEAKED_RUN <= secret.length; start += 1) {
    runs.add(secret.slice(start, start + MIN_LEAKED_RUN));
  }
  const leaked = new Array<boolean>(chars.length).fill(false);
  let found = false;
  for (let start = 0; start + MIN_LEAKED_RUN <= chars.length; start += 1) {
    if (runs.has(chars.slice(start, start + MIN_LEAKED_RUN).join(''))) {
      leaked.fill(true, start, start + MIN_LEAKED_RUN);
      found = true;
    }
  }
  if (!found) return text;
  let result = '';
  for (let index = 0; index < chars.length;) {
    if (!leaked[index]) {
      result += text.slice(starts[index], starts[index + 1]);
      index += 1;
      continue;
    }
    while (index < chars.length && leaked[index]) index += 1;
    result += REDACTED;
  }
  return result;
}

/**
 * What can forge a log line or hide text in a terminal: C0 controls (CR, LF, ESC, ...), DEL, C1
 * controls (NEL, ...), the Unicode line and paragraph separators, and the bidirectional controls.
 */
const CONTROL_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is matched here.
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(character: string): string {
  return SHORT_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `text` on one line: each control character written as its escape (`\n`, `\r`, `\t`, else `\uXXXX`),
 * so that text a server sent cannot start a new log line or rewrite a terminal. Text without one is
 * returned as it is; escaping twice changes nothing more.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, escapeOne);
}

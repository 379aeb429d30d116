/** Percent-escapes decoded one level, byte by byte (a malformed escape stays as it is). */
function decodeOnce(path: string): string {
  return path.replace(/%([0-9a-f]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** How many levels of percent-encoding are undone: `%256F` is `%6F` is `o`. */
const DECODE_LEVELS = 4;

/** Percent-escapes decoded the way a lenient server may: again and again (`%252e` is `%2e` is `.`). */
function percentDecoded(text: string): string {
  let decoded = text;
  for (let level = 0; level < DECODE_LEVELS; level++) {
    const next = decodeOnce(decoded);
    if (next === decoded) break;
    decoded = next;
  }
  return decoded;
}

/** One decoded path segment as a lenient server may read it: `;parameters`, whitespace and control characters dropped. */
function lenientSegment(raw: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here.
  return (raw.split(';', 1)[0] ?? '').replace(/[\x00-\x20\x7f]/g, '');
}

/**
 * A path the way a lenient server may read it, to decide whether it names a protected endpoint:
 * percent-escapes decoded (repeatedly), lower case, backslashes as slashes, `;parameters` dropped from
 * each segment, whitespace and control characters dropped, empty and `.` segments dropped and `..`
 * applied. `/%6FAuth;x//Token` and `/oauth%2Ftoken` both become `/oauth/token`.
 */
export function normalizedPath(pathname: string): string {
  const segments: string[] = [];
  for (const raw of percentDecoded(pathname).replace(/\\/g, '/').toLowerCase().split('/')) {
    const segment = lenientSegment(raw);
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/**
 * Whether `text`, put in a path as one segment, stays exactly one segment however a lenient server
 * reads it (as {@link normalizedPath} does): percent-decoded at any depth it holds no `/` or `\`, and
 * is neither empty (nor only whitespace) nor `.` or `..`. `%2e%2e`, `%252E`, `a%2Fb` and `..;x` are
 * not plain segments.
 */
export function isPlainPathSegment(text: string): boolean {
  const decoded = percentDecoded(text);
  if (decoded.includes('/') || decoded.includes('\\')) return false;
  const segment = lenientSegment(decoded);
  return segment !== '' && segment !== '.' && segment !== '..';
}

/** The deepest level of an error body that is kept (the envelope's `messages` is at level 3). */
const MAX_DEPTH = 6;
/** The most members of one object or items of one array that are kept. */
const MAX_ENTRIES = 50;
/** The most values (strings, numbers, objects, ...) kept of one body in all. */
const MAX_VALUES = 500;
/** The longest string kept, in characters. */
const MAX_KEPT_STRING = 1_000;
/** Extra characters redacted past a cut, so that a credential that straddles the cut is redacted whole. */
const REDACTION_MARGIN = 4_096;
/** What stands for a part of the body that was not kept. */
const OMITTED = '[…]';

/** The first `max` characters of `text`, redacted by `redact`, with `…` when it was cut. */
export function excerpt(text: string, max: number, redact: (text: string) => string): string {
  const kept = redact(text.slice(0, max + REDACTION_MARGIN));
  return text.length > max || kept.length > max ? `${kept.slice(0, max)}…` : kept;
}

/**
 * A bounded copy of an error body (`openapi-fetch`'s parsed JSON, or the text of a page that is not
 * JSON): strings redacted by `redact` and cut at {@link MAX_KEPT_STRING} characters, at most
 * {@link MAX_ENTRIES} members per object or array, {@link MAX_DEPTH} levels and {@link MAX_VALUES}
 * values in all; what is left out is `'[…]'`. Functions, symbols and other values JSON has not are
 * dropped. Never recurses deeper than {@link MAX_DEPTH}.
 */
export function keptErrorBody(body: unknown, redact: (text: string) => string): unknown {
  let budget = MAX_VALUES;
  const keep = (value: unknown, depth: number): unknown => {
    if (budget-- <= 0) return OMITTED;
    if (typeof value === 'string') return excerpt(value, MAX_KEPT_STRING, redact);
    if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
    if (typeof value !== 'object') return undefined;
    if (depth >= MAX_DEPTH) return OMITTED;
    if (Array.isArray(value)) {
      const items = value.slice(0, MAX_ENTRIES).map((item) => keep(item, depth + 1));
      return value.length > MAX_ENTRIES ? [...items, OMITTED] : items;
    }
    const kept: Record<string, unknown> = {};
    let members = 0;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (members++ >= MAX_ENTRIES) {
        kept[OMITTED] = OMITTED;
        break;
      }
      const member = keep((value as Record<string, unknown>)[key], depth + 1);
      if (member === undefined) continue;
      // defineProperty, not assignment: a member named `__proto__` stays a member.
      Object.defineProperty(kept, excerpt(key, MAX_KEPT_STRING, redact), {
        value: member,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return kept;
  };
  return keep(body, 0);
}

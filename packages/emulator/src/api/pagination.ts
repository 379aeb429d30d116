import { errorEnvelopeReply, successReply } from './envelope';
import type { OrRefusal, Reply } from '../server/reply';

/** Items per page when `limit` is not given. */
const DEFAULT_PAGE_LIMIT = 10;

/** The largest accepted `limit`. */
const MAX_PAGE_LIMIT = 100;

/** Where a page starts and how long it is. */
interface Page {
  offset: number;
  limit: number;
}

const DIGITS = /^[0-9]{1,15}$/;

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number | undefined {
  const match = /^offset:([0-9]{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * The page a list request asks for: `offset` (items to skip, a non-negative integer, default 0), `limit`
 * (1 to {@link MAX_PAGE_LIMIT}, default {@link DEFAULT_PAGE_LIMIT}), or a `cursor` from an earlier page's
 * `meta.pagination.cursor` in place of `offset`. Refuses with a 422 envelope naming each bad parameter.
 */
function readPage(url: URL): OrRefusal<Page> {
  const messages: string[] = [];
  const params = url.searchParams;
  let offset = 0;
  const cursor = params.get('cursor');
  const rawOffset = params.get('offset');
  if (cursor !== null) {
    const decoded = decodeCursor(cursor);
    if (decoded === undefined) messages.push('cursor is not a cursor this API issued');
    else offset = decoded;
  } else if (rawOffset !== null) {
    if (DIGITS.test(rawOffset)) offset = Number(rawOffset);
    else messages.push('offset must be a non-negative integer');
  }
  let limit = DEFAULT_PAGE_LIMIT;
  const rawLimit = params.get('limit');
  if (rawLimit !== null) {
    const n = DIGITS.test(rawLimit) ? Number(rawLimit) : Number.NaN;
    if (n >= 1 && n <= MAX_PAGE_LIMIT) limit = n;
    else messages.push(`limit must be an integer from 1 to ${MAX_PAGE_LIMIT}`);
  }
  if (messages.length > 0) return { ok: false, reply: errorEnvelopeReply(422, messages) };
  return { ok: true, value: { offset, limit } };
}

/**
 * One page of `items` in the success envelope, with
 * `meta.pagination = { limit, offset, total, cursor: { next, prev } }` (cursors are `null` at either end).
 */
function pageReply<T>(items: readonly T[], page: Page, render: (item: T) => unknown): Reply {
  const { offset, limit } = page;
  const total = items.length;
  return successReply(200, items.slice(offset, offset + limit).map(render), {
    pagination: {
      limit,
      offset,
      total,
      cursor: {
        next: offset + limit < total ? encodeCursor(offset + limit) : null,
        prev: offset > 0 ? encodeCursor(Math.max(0, offset - limit)) : null,
      },
    },
  });
}

/**
 * The answer of a list operation: the page the request asks for (see {@link readPage}) of the items `list()`
 * returns, each rendered by `render` (only those of the page; default: as they are), or the 422 naming each
 * bad page parameter. `list` runs only for a valid page, and may answer a reply instead of items (e.g. a
 * 404 for an unknown parent).
 */
export function listReply<T>(
  url: URL,
  list: () => readonly T[] | Reply,
  render: (item: T) => unknown = (item) => item,
): Reply {
  const page = readPage(url);
  if (!page.ok) return page.reply;
  const items = list();
  return Array.isArray(items) ? pageReply(items as readonly T[], page.value, render) : (items as Reply);
}

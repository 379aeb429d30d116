import { integerOption } from './integer-option';
import { QontakApiError } from './qontak-api-error';
import type { QontakClient } from './qontak-client';
import type { QontakPaths } from './qontak-paths';

/** The list operations `paginate` walks: each takes `offset` and `limit` and answers `{ data: [...], meta: { pagination } }`. */
export type QontakListPath =
  | '/v1/templates/whatsapp'
  | '/v1/integrations'
  | '/v1/broadcasts/{id}/whatsapp/log'
  | '/v1/broadcasts/whatsapp'
  | '/v1/contacts/contact_lists'
  | '/v1/rooms'
  | '/v1/rooms/{id}/agents/assignable'
  | '/v1/users';

type ListOperation<P extends QontakListPath> = QontakPaths[P]['get'];
type ListAnswer<P extends QontakListPath> = ListOperation<P>['responses'][200]['content']['application/json'];

/** One item of the list at `P`: a template, an integration, a log entry, a broadcast, a contact list, a room, a user. */
export type QontakListItem<P extends QontakListPath> = ListAnswer<P>['data'][number];

/** The parameters of the list at `P`, without the paging ones (`offset`, `limit`, `cursor`). */
export type QontakListParams<P extends QontakListPath> = Omit<ListOperation<P>['parameters'], 'query'> & {
  query?: Omit<NonNullable<ListOperation<P>['parameters']['query']>, 'offset' | 'limit' | 'cursor'>;
};

/** Options of {@link paginate}. */
export interface PaginateOptions<P extends QontakListPath> {
  /** The list's parameters: `path` (e.g. the broadcast `id`) and filters in `query` (e.g. `target_channel`). */
  params?: QontakListParams<P> | undefined;
  /** Items asked for per page (`limit`), 1 to 100. Default 50. */
  pageSize?: number | undefined;
  /** The most items yielded in all, 1 to 100_000: the walk stops there. Default 1_000. */
  maxItems?: number | undefined;
  /** Stops the walk: the current request is aborted and the iterator throws the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** The loosest shape of a list answer: enough to walk it. */
interface ListPage {
  data?: unknown[];
  meta?: { pagination?: { total?: number } };
}

/** The query parameters that page a list: `paginate` sets `offset` and `limit`, and leaves out a `cursor` (it would take the place of `offset`, and every page would be the same). */
const PAGING_PARAMETERS: ReadonlySet<string> = new Set(['offset', 'limit', 'cursor']);

/**
 * Walks one of Qontak's `offset`/`limit` lists page by page and yields its items, stopping at the end
 * of the list (a short page, or `meta.pagination.total` reached) or at `maxItems`, whichever comes
 * first: the number of requests is bounded by `maxItems / pageSize + 1`. A `cursor` among
 * `params.query` is left out: the walk pages by `offset`.
 *
 * @example
 * for await (const template of paginate(client, '/v1/templates/whatsapp', { maxItems: 200 })) console.log(template.name);
 * @throws {QontakApiError} `http_error` when Qontak answers a page with an error status; `timeout` or
 *   `response_too_large` when a page is slower or larger than the client allows.
 * @throws {QontakAuthError} when no credentials can be had.
 * @throws {RangeError} for a `pageSize` or `maxItems` out of range.
 */
export async function* paginate<P extends QontakListPath>(
  client: QontakClient,
  path: P,
  options: PaginateOptions<P> = {},
): AsyncGenerator<QontakListItem<P>, void, undefined> {
  const pageSize = integerOption(options.pageSize, 50, 100, 'paginate', 'pageSize');
  const maxItems = integerOption(options.maxItems, 1_000, 100_000, 'paginate', 'maxItems');
  const params = (options.params ?? {}) as { path?: object; query?: object };
  const filters = Object.fromEntries(
    Object.entries(params.query ?? {}).filter(([name]) => !PAGING_PARAMETERS.has(name)),
  );
  const get = client.GET as unknown as (
    path: string,
    init: object,
  ) => Promise<{ data?: ListPage; error?: unknown; response: Response }>;
  let yielded = 0;
  for (let offset = 0; yielded < maxItems;) {
    const limit = Math.min(pageSize, maxItems - yielded);
    const { data, error, response } = await get(path, {
      params: { ...params, query: { ...filters, offset, limit } },
      signal: options.signal,
    });
    if (error !== undefined || data === undefined)
      throw QontakApiError.fromAnswer(`GET ${path}`, response, error);
    const items = Array.isArray(data.data) ? data.data : [];
    for (const item of items) {
      yield item as QontakListItem<P>;
      if (++yielded >= maxItems) return;
    }
    offset += items.length;
    const total = data.meta?.pagination?.total;
    if (items.length < limit || (typeof total === 'number' && offset >= total)) return;
  }
}

import type { ApiOperation } from '../../api/operation';
import { listReply } from '../../api/pagination';
import { contactListWire } from './contact-list-wire';

/**
 * `GET /v1/contacts/contact_lists`: the contact lists, newest first, paginated like every list; `query`
 * keeps those whose name holds it (any case).
 */
export const contactListsOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/contacts\/contact_lists$/,
  route: 'contact-lists',
  body: 'none',
  handle({ ctx, url }) {
    return listReply(url, () => {
      const now = ctx.options.clock();
      const query = url.searchParams.get('query')?.toLowerCase() ?? '';
      return ctx.contactLists
        .newestFirst()
        .filter((list) => list.name.toLowerCase().includes(query))
        .map((list) => contactListWire(list, now));
    });
  },
};

import { notFoundReply, successReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { contactListWire } from './contact-list-wire';

/** `GET /v1/contacts/contact_lists/{id}`: the list with its `progress`; 404 in the envelope for an unknown id. */
export const contactListOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/contacts\/contact_lists\/([^/]+)$/,
  route: 'contact-list',
  body: 'none',
  handle({ ctx, params }) {
    const list = ctx.contactLists.get(params[0] ?? '');
    if (list === undefined) return notFoundReply('Contact list not found');
    return successReply(200, contactListWire(list, ctx.options.clock()));
  },
};

import { notFoundReply, successReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { templateWire } from './catalog-wire';

/** `GET /v1/templates/{id}/whatsapp`: one template of the catalog, or 404. */
export const templateOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/templates\/([^/]+)\/whatsapp$/,
  route: 'template',
  body: 'none',
  handle({ ctx, params }) {
    const template = ctx.catalog.template(params[0] ?? '');
    return template === undefined
      ? notFoundReply('Template not found')
      : successReply(200, templateWire(template));
  },
};

import type { ApiOperation } from '../../api/operation';
import { templateWire } from './catalog-wire';
import { listReply } from '../../api/pagination';

/** `GET /v1/templates/whatsapp`: the catalog's templates, one page (`offset` / `limit` / `cursor`). */
export const templatesOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/templates\/whatsapp$/,
  route: 'templates',
  body: 'none',
  handle({ ctx, url }) {
    return listReply(url, () => ctx.catalog.templates().map(templateWire));
  },
};

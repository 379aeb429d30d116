import type { ApiOperation } from '../../api/operation';
import { templateWire } from './catalog-wire';
import { pageReply, readPage } from '../../api/pagination';

/** `GET /v1/templates/whatsapp`: the catalog's templates, one page (`offset` / `limit` / `cursor`). */
export const templatesOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/templates\/whatsapp$/,
  route: 'templates',
  body: 'none',
  handle({ ctx, url }) {
    const page = readPage(url);
    if (!page.ok) return page.reply;
    return pageReply(ctx.catalog.templates().map(templateWire), page.page);
  },
};

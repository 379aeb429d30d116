import { notFoundReply, successReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { integrationWire } from './catalog-wire';

/** `GET /v1/integrations/{id}`: one channel integration of the catalog, or 404. */
export const integrationOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/integrations\/([^/]+)$/,
  route: 'integration',
  body: 'none',
  handle({ ctx, params }) {
    const integration = ctx.catalog.integration(params[0] ?? '');
    return integration === undefined
      ? notFoundReply('Integration not found')
      : successReply(200, integrationWire(integration));
  },
};

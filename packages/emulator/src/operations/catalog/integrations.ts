import type { ApiOperation } from '../../api/operation';
import { integrationWire } from './catalog-wire';
import { listReply } from '../../api/pagination';

/**
 * `GET /v1/integrations`: the catalog's channel integrations, only those of `target_channel` when given
 * (e.g. `wa_cloud`), one page (`offset` / `limit` / `cursor`).
 */
export const integrationsOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/integrations$/,
  route: 'integrations',
  body: 'none',
  handle({ ctx, url }) {
    const channel = url.searchParams.get('target_channel') ?? undefined;
    return listReply(url, () => ctx.catalog.integrations(channel).map(integrationWire));
  },
};

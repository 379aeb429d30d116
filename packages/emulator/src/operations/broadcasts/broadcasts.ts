import { errorEnvelopeReply } from '../../api/envelope';
import type { ApiOperation } from '../../api/operation';
import { listReply } from '../../api/pagination';
import { allBroadcastViews } from './broadcast-views';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `GET /v1/broadcasts/whatsapp`: the broadcasts of both kinds, newest first, paginated like every list,
 * kept when they match every filter given: `query` (in the name, any case), `start_date` and `end_date`
 * (`YYYY-MM-DD`, the UTC day of `created_at`, both ends included), `execute_types[]` (a direct broadcast
 * is `immediately`) and `target_channel[]` (each also without its `[]`). A date that is not one is a 422; other parameters are ignored.
 */
export const broadcastsOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/broadcasts\/whatsapp$/,
  route: 'broadcasts',
  body: 'none',
  handle({ ctx, url }) {
    return listReply(url, () => {
      const params = url.searchParams;
      const bad = ['start_date', 'end_date'].filter((name) => {
        const value = params.get(name);
        return value !== null && !(DATE.test(value) && !Number.isNaN(Date.parse(value)));
      });
      if (bad.length > 0)
        return errorEnvelopeReply(
          422,
          bad.map((name) => `${name} must be a date (YYYY-MM-DD)`),
        );
      const query = params.get('query')?.toLowerCase() ?? '';
      const start = params.get('start_date') ?? '';
      const end = params.get('end_date') ?? '9999-12-31';
      const executeTypes = [...params.getAll('execute_types[]'), ...params.getAll('execute_types')];
      const channels = [...params.getAll('target_channel[]'), ...params.getAll('target_channel')];
      return allBroadcastViews(ctx)
        .filter((view) => {
          const day = new Date(view.createdAtMs).toISOString().slice(0, 10);
          return (
            view.name.toLowerCase().includes(query) &&
            day >= start &&
            day <= end &&
            (executeTypes.length === 0 || executeTypes.includes(view.executeType)) &&
            (channels.length === 0 || channels.includes(view.targetChannel))
          );
        })
        .map((view) => view.wire);
    });
  },
};

import type { ApiOperation } from '../../api/operation';
import { listReply } from '../../api/pagination';
import { SEED_USERS } from '../../state/seed-users';
import { readUserFilter } from './user-filters';
import { userWire } from './user-wire';

/** `GET /v1/users`: the seeded users, filtered (see {@link readUserFilter}), one page. */
export const usersOperation: ApiOperation = {
  method: 'GET',
  path: /^\/v1\/users$/,
  route: 'users',
  body: 'none',
  handle({ url }) {
    const filter = readUserFilter(url);
    if (!filter.ok) return filter.reply;
    return listReply(url, () => SEED_USERS.filter(filter.value), userWire);
  },
};

import { errorEnvelopeReply } from '../../api/envelope';
import { FieldErrors } from '../../api/field-checks';
import type { OrRefusal } from '../../server/reply';
import type { SeedUser } from '../../state/seed-users';

const ROLES = ['agent', 'supervisor'];
const BOOLEANS: Record<string, boolean> = { true: true, false: false };

/**
 * The users a users list's query keeps: `query` (in the name or email), `role` (agent, supervisor) and
 * `is_online` (true, false); `order_by`, `order_direction`, `is_counted` and `cursor_direction` are read
 * and ignored. A 422 names each bad parameter.
 */
export function readUserFilter(url: URL): OrRefusal<(user: SeedUser) => boolean> {
  const params = url.searchParams;
  const errors = new FieldErrors();
  const query = params.get('query')?.trim().toLowerCase() ?? '';
  const role = params.get('role');
  if (role !== null && !ROLES.includes(role)) errors.add(`role must be one of ${ROLES.join(', ')}`);
  const rawOnline = params.get('is_online');
  const online = rawOnline === null ? undefined : BOOLEANS[rawOnline];
  if (rawOnline !== null && online === undefined) errors.add('is_online must be true or false');
  if (!errors.empty) return { ok: false, reply: errorEnvelopeReply(422, errors.messages) };
  return {
    ok: true,
    value: (user) =>
      (query === '' ||
        user.fullName.toLowerCase().includes(query) ||
        user.email.toLowerCase().includes(query)) &&
      (role === null || user.role === role) &&
      (online === undefined || user.isOnline === online),
  };
}

import { WHATSAPP_CHANNELS } from '../../state/catalog';
import type { SeedUser } from '../../state/seed-users';
import { DEMO_ORGANIZATION_ID } from '../../state/seed-catalog';

/** A user as Qontak renders it (`GET /v1/users`, a room's assignable agents). */
export function userWire(user: SeedUser): Record<string, unknown> {
  return {
    id: user.id,
    full_name: user.fullName,
    email: user.email,
    role: user.role,
    is_online: user.isOnline,
    organization_id: DEMO_ORGANIZATION_ID,
    channels: WHATSAPP_CHANNELS.map((channel) => ({ target_channel: channel })),
  };
}

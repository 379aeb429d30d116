import type { EmulatorContext } from '../server/context';
import { echoed } from '../server/echoed-value';
import type { EmulatorWebhookTrigger } from './webhook-delivery';

/**
 * Resolves room `roomId` (`status: resolved`, `resolved_at` now) and delivers `room_resolved` when
 * registered.
 * @throws {RangeError} for a room the emulator does not know (or no longer keeps), or one already resolved.
 */
export function resolveRoom(ctx: EmulatorContext, roomId: string): EmulatorWebhookTrigger {
  const room = ctx.rooms.resolve(String(roomId), ctx.options.clock());
  if (room === 'unknown') throw new RangeError(`@qontak/emulator: no room ${echoed(roomId)}`);
  if (room === 'already_resolved') {
    throw new RangeError(`@qontak/emulator: room ${echoed(roomId)} is already resolved`);
  }
  return { delivery: ctx.outbox.roomResolved(room) };
}

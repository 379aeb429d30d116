import type { EmulatorContext } from '../server/context';
import { echoed } from '../server/echoed-value';
import type { RoomRecord } from '../state/rooms';
import type { EmulatorWebhookOutcome, EmulatorWebhookTrigger } from './webhook-delivery';

/**
 * Resolves room `roomId` (`status: resolved`, `resolved_at` now, `resolved_by_id` the user `by` when
 * given) and delivers `room_resolved` when registered: the room and the delivery, `'unknown'` for a room
 * the emulator does not know (or no longer keeps), `'already_resolved'` for one that is resolved.
 */
export function resolveKeptRoom(
  ctx: EmulatorContext,
  roomId: string,
  by?: string,
): { room: RoomRecord; delivery: Promise<EmulatorWebhookOutcome> } | 'unknown' | 'already_resolved' {
  const room = ctx.rooms.resolve(roomId, ctx.options.clock(), by);
  if (typeof room === 'string') return room;
  return { room, delivery: ctx.outbox.roomResolved(room) };
}

/**
 * Resolves room `roomId` (`status: resolved`, `resolved_at` now) and delivers `room_resolved` when
 * registered.
 * @throws {RangeError} for a room the emulator does not know (or no longer keeps), or one already resolved.
 */
export function resolveRoom(ctx: EmulatorContext, roomId: string): EmulatorWebhookTrigger {
  const resolved = resolveKeptRoom(ctx, String(roomId));
  if (resolved === 'unknown') throw new RangeError(`@qontak/emulator: no room ${echoed(roomId)}`);
  if (resolved === 'already_resolved') {
    throw new RangeError(`@qontak/emulator: room ${echoed(roomId)} is already resolved`);
  }
  return { delivery: resolved.delivery };
}

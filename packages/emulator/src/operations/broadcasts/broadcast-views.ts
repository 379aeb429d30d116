import type { ApiCall } from '../../api/operation';
import { broadcastWire, listBroadcastWire, statusCount } from './broadcast-wire';

/** A broadcast of either kind, as the list and the detail render it, with what the list filters on. */
interface BroadcastView {
  readonly createdAtMs: number;
  readonly name: string;
  readonly executeType: string;
  readonly targetChannel: string;
  readonly wire: Record<string, unknown>;
}

/** The direct broadcast or the broadcast to a contact list `id`, rendered at the emulator's now. */
export function broadcastView(ctx: ApiCall['ctx'], id: string): BroadcastView | undefined {
  const now = ctx.options.clock();
  const timings = ctx.options.statusTimings;
  const direct = ctx.records.broadcast(id);
  const list = direct === undefined ? ctx.listBroadcasts.get(id) : undefined;
  const request = direct?.request ?? list?.request;
  const template = request && ctx.catalog.template(request.message_template_id);
  const integration = request && ctx.catalog.integration(request.channel_integration_id);
  if (template === undefined || integration === undefined) return undefined;
  const common = { targetChannel: integration.targetChannel };
  if (direct !== undefined) {
    const wire = broadcastWire(direct, template, integration, statusCount([direct], now, timings));
    return {
      ...common,
      createdAtMs: direct.createdAtMs,
      name: direct.request.to_name,
      executeType: 'immediately',
      wire,
    };
  }
  if (list === undefined) return undefined;
  return {
    ...common,
    createdAtMs: list.createdAtMs,
    name: list.request.name,
    executeType: list.request.execute_type,
    wire: listBroadcastWire(list, template, integration, now, timings),
  };
}

/** Every broadcast kept, of both kinds, newest first. */
export function allBroadcastViews(ctx: ApiCall['ctx']): BroadcastView[] {
  const ids = [...ctx.records.broadcasts(), ...ctx.listBroadcasts.values()]
    .sort((a, b) => b.createdAtMs - a.createdAtMs)
    .map((record) => record.id);
  return ids.flatMap((id) => broadcastView(ctx, id) ?? []);
}

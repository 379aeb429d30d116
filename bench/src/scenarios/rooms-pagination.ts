import { createQontakClient, paginate } from '@qontak/client';
import { startEmulatorProcess } from '../emulator-process';
import type { Figure, ScenarioResult } from '../figure';
import { settledHeap } from '../heap';
import { newAuth } from '../qontak-auth-factory';

const ROOMS = 10_000;
const PAGE_SIZE = 100;
/** The walk's settled heap is measured this often (in rooms), the iterator suspended in between. */
const SAMPLE_EVERY = 1_000;
const GOAL_MB = 2;
const MB = 1024 * 1024;

/**
 * 9. Rooms: `paginate(client, '/v1/rooms')` over the 10,000 rooms the emulator (in a child process)
 * seeds, in pages of 100: the most heap the walk holds (after forced GC, measured every 1,000 rooms
 * while the iterator waits) above the heap before it, against the heap of the same rooms kept in an
 * array (what collecting the list would cost).
 */
export async function runRoomsPagination(): Promise<ScenarioResult> {
  const started = Date.now();
  const gc = (globalThis as { gc?: () => void }).gc;
  const heapFigure: Figure = {
    name: `heap held while paginate() walks ${ROOMS.toLocaleString('en-US')} rooms (pages of ${PAGE_SIZE})`,
    value: undefined,
    unit: 'MB',
    goal: { op: '<', target: GOAL_MB },
  };
  if (typeof gc !== 'function') {
    return {
      id: 9,
      title: 'Rooms',
      figures: [heapFigure],
      notes: [],
      error: 'global.gc is missing: run node with --expose-gc (pnpm bench does)',
      seconds: 0,
    };
  }
  const server = await startEmulatorProcess({ maxRecords: ROOMS, seedRooms: ROOMS });
  const auth = newAuth(server.url);
  try {
    const client = createQontakClient(auth);
    const walk = () => paginate(client, '/v1/rooms', { pageSize: PAGE_SIZE, maxItems: ROOMS });
    for await (const _room of walk()) {
      // A first walk warms the client and the JIT up.
    }

    const before = await settledHeap(gc);
    let seen = 0;
    let peak = before;
    const ids = new Set<string>();
    for await (const room of walk()) {
      seen += 1;
      if (seen <= 3 || seen > ROOMS - 3) ids.add(room.id);
      if (seen % SAMPLE_EVERY === 0) peak = Math.max(peak, await settledHeap(gc));
    }
    const elapsedMs = Date.now() - started;

    const kept: unknown[] = [];
    const keptBefore = await settledHeap(gc);
    for await (const room of walk()) kept.push(room);
    const keptAfter = await settledHeap(gc);

    heapFigure.value = seen === ROOMS && ids.size === 6 ? (peak - before) / MB : Number.NaN;
    const figures: Figure[] = [
      heapFigure,
      {
        name: `heap of the same ${ROOMS.toLocaleString('en-US')} rooms kept in an array (baseline)`,
        value: (keptAfter - keptBefore) / MB,
        unit: 'MB',
      },
    ];
    const stats = await server.stats();
    return {
      id: 9,
      title: 'Rooms',
      figures,
      notes: [
        `heapUsed after 3 forced GCs, before the walk and every ${SAMPLE_EVERY.toLocaleString('en-US')} rooms during it (the iterator suspended), after a warm-up walk; the emulator in a child process with seedRooms: ${ROOMS}. ${seen} rooms yielded (${kept.length} kept in the baseline run), ${(stats.operations['rooms']?.[200] ?? 0).toLocaleString('en-US')} pages answered 200 over the 3 walks; heap ${(before / MB).toFixed(2)} -> peak ${(peak / MB).toFixed(2)} MB; scenario time so far ${(elapsedMs / 1000).toFixed(1)} s.`,
      ],
      error: seen === ROOMS ? undefined : `the walk yielded ${seen} rooms, expected ${ROOMS}`,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await auth.close();
    await server.close();
  }
}

// The emulator in its own process, so that a client's cost is measured on a core of its own.
// Started by ../emulator-process.ts with fork(); options come as JSON in argv[2].
// Messages: parent -> { type: 'stats' } | { type: 'close' }; child -> { type: 'ready', url } | { type: 'stats', stats }.
import { startEmulator } from '@qontak/emulator';

const options = JSON.parse(process.argv[2] ?? '{}');
const emulator = await startEmulator(options);

process.on('message', async (message) => {
  if (message?.type === 'stats') {
    process.send?.({ type: 'stats', stats: emulator.stats() });
  } else if (message?.type === 'close') {
    await emulator.close();
    process.disconnect?.();
    process.exit(0);
  }
});
process.on('disconnect', () => {
  void emulator.close().then(() => process.exit(0));
});

process.send?.({ type: 'ready', url: emulator.url });

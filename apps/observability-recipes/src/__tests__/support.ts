import { startEmulator, type QontakEmulator } from '@qontak/emulator';
import { afterEach } from 'vitest';

const emulators: QontakEmulator[] = [];
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});

/** A fresh emulator, closed after the test. */
export async function emulator(): Promise<QontakEmulator> {
  const started = await startEmulator();
  emulators.push(started);
  return started;
}

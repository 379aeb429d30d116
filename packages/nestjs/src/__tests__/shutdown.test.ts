import type { AxiosInstance } from 'axios';
import { describe, expect, it } from 'vitest';
import { QONTAK_HTTP } from '../qontak-auth.constants';
import { QontakAuthModule } from '../qontak-auth.module';
import { QontakAuthService } from '../qontak-auth.service';
import { closeApp, closeEmulator, emulator, optionsFor, startApp } from './support/nest-fixture';

/** Counts of the process's open sockets, servers and timers, by type (`setImmediate` callbacks left out: the runner's own come and go). */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) {
    if (type !== 'Immediate') counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

/** The resource types of which `after` has more than `before`, with how many more. */
function openedSince(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const opened: Record<string, number> = {};
  for (const [type, count] of Object.entries(after)) {
    const more = count - (before[type] ?? 0);
    if (more > 0) opened[type] = more;
  }
  return opened;
}

/** What {@link openedSince} reports once it is empty, or after `limitMs` (closed handles leave the list a moment after their close callbacks). */
async function settledOpenedSince(
  before: Record<string, number>,
  limitMs = 2_000,
): Promise<Record<string, number>> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const opened = openedSince(before, activeResources());
    if (Object.keys(opened).length === 0 || Date.now() > deadline) return opened;
  }
}

describe('QontakAuthModule shutdown', () => {
  it('app.close() closes the QontakAuth: a later getAccessToken() rejects with config_error', async () => {
    const server = await emulator();
    const { app } = await startApp({ imports: [QontakAuthModule.forRoot(optionsFor(server))] });
    const qontak = app.get(QontakAuthService);
    await qontak.getAccessToken();

    await closeApp(app);

    await expect(qontak.getAccessToken()).rejects.toMatchObject({
      name: 'QontakAuthError',
      code: 'config_error',
    });
    await expect(
      qontak.auth.authorizeRequest({ url: `${server.url}/api/open/v1/health` }),
    ).rejects.toMatchObject({
      code: 'config_error',
    });
  });

  it('app.close() leaves no timer, socket or server open', async () => {
    await new Promise((resolve) => setTimeout(resolve, 100)); // handles closed by earlier tests leave the list a moment after their close callbacks
    const before = activeResources();
    const server = await emulator();
    const { app } = await startApp({ imports: [QontakAuthModule.forRoot(optionsFor(server))] });
    const qontak = app.get(QontakAuthService);
    const http = app.get<AxiosInstance>(QONTAK_HTTP);
    expect((await http.get('/api/open/v1/health')).status).toBe(200);
    const response = await qontak.fetch('/api/open/v1/health');
    await response.arrayBuffer();
    expect(openedSince(before, activeResources())).toMatchObject({
      TCPServerWrap: 2,
      TCPSocketWrap: expect.any(Number),
    });

    await closeApp(app);
    await closeEmulator(server);

    expect(await settledOpenedSince(before)).toEqual({});
  });
});

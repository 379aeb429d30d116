import { Injectable } from '@nestjs/common';
import { QontakAuth, RequestAuthorizer } from '@qontak/auth-core';
import type { AxiosInstance } from 'axios';
import { describe, expect, it } from 'vitest';
import { InjectQontakHttp } from '../inject-qontak-http.decorator';
import { QontakAuthModule } from '../qontak-auth.module';
import { closeApp, closeEmulator, emulator, optionsFor, SCHEMES, startApp } from './support/nest-fixture';

/** Holds the injected axios instance, as an app's own provider would. */
@Injectable()
class HttpHolder {
  constructor(@InjectQontakHttp() readonly http: AxiosInstance) {}
}

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
  it('app.close() closes the authorizer the module built: a later call rejects with config_error', async () => {
    const server = await emulator();
    const { app } = await startApp({ imports: [QontakAuthModule.forRoot(optionsFor(server))] });
    const authorizer = app.get(RequestAuthorizer);
    expect(authorizer).toBeInstanceOf(QontakAuth);
    await (authorizer as QontakAuth).getAccessToken();

    await closeApp(app);

    await expect((authorizer as QontakAuth).getAccessToken()).rejects.toMatchObject({
      name: 'QontakAuthError',
      code: 'config_error',
    });
    await expect(authorizer.authorizeRequest({ url: authorizer.healthUrl })).rejects.toMatchObject({
      code: 'config_error',
    });
  });

  it.each(SCHEMES)(
    'app.close() leaves no timer, socket or server open under the $name scheme',
    async (scheme) => {
      await new Promise((resolve) => setTimeout(resolve, 100)); // handles closed by earlier tests leave the list a moment after their close callbacks
      const before = activeResources();
      const server = await emulator();
      const { app } = await startApp({
        imports: [QontakAuthModule.forRoot(scheme.options(server.url))],
        providers: [HttpHolder],
      });
      const authorizer = app.get(RequestAuthorizer);
      const { http } = app.get(HttpHolder);
      expect((await http.get(authorizer.healthUrl)).status).toBe(200);
      const response = await authorizer.fetch(authorizer.healthUrl);
      await response.arrayBuffer();
      expect(openedSince(before, activeResources())).toMatchObject({
        TCPServerWrap: 2,
        TCPSocketWrap: expect.any(Number),
      });

      await closeApp(app);
      await closeEmulator(server);

      expect(await settledOpenedSince(before)).toEqual({});
    },
  );
});

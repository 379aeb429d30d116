import { MemoryTokenStore, QONTAK_HEALTH_PATH, QontakAuth, QontakToken } from '@qontak/auth-core';
import { attachQontakAuth, createQontakAxios } from '@qontak/axios-interceptor';
import axios from 'axios';
import type { QontakEmulator } from '@qontak/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRecorder, type Recorder } from './support/recorder-server';
import { accountOptions, startTestEmulator } from './support/test-account';
import { within } from './support/within';

/**
 * Origin safety of `auth.fetch` and the axios instance: the bearer token goes only to Qontak's origin
 * (scheme, host and port of `baseUrl`). A recorder (`node:http` on every loopback address) stands for
 * every other origin and must never see an `authorization` header: absolute URLs, protocol-relative
 * URLs, user-info tricks, a different host name or scheme for the same port, and 301/302/307/308
 * redirects from Qontak to it (and back). And the token never reaches Qontak on a request chain that
 * did not start there (a redirect from another origin INTO Qontak, the way back of an out-and-back
 * redirect), nor an OAuth endpoint under any spelling.
 */

type Client = 'auth.fetch' | 'axios' | 'axios (fetch adapter)';
const CLIENTS: readonly Client[] = ['auth.fetch', 'axios', 'axios (fetch adapter)'];
const SEEDED_TOKEN = 'seeded-access-token-for-origin-tests';

let emulator: QontakEmulator;
let recorder: Recorder;
const auths: QontakAuth[] = [];
let cases = 0;

/** Sends GET `url` through `client` with `auth`; the final status, or the error's name when it threw. */
async function send(client: Client, auth: QontakAuth, url: string): Promise<number | string> {
  cases += 1;
  try {
    if (client === 'auth.fetch') {
      const response = await within(5_000, auth.fetch(url), `auth.fetch(${url})`);
      await response.arrayBuffer();
      return response.status;
    }
    const adapter = client === 'axios (fetch adapter)' ? 'fetch' : 'http';
    const http = createQontakAxios(auth, { adapter, validateStatus: () => true });
    return (await within(5_000, http.get(url), `axios.get(${url})`)).status;
  } catch (error) {
    if (error instanceof Error && error.name === 'HangError') throw error;
    return error instanceof Error ? error.name : typeof error;
  }
}

function newAuth(): QontakAuth {
  const auth = new QontakAuth(accountOptions(emulator, { timeoutMs: 2_000 }));
  auths.push(auth);
  return auth;
}

/** A QontakAuth whose store already holds a token, so it needs no token endpoint at `baseUrl`. */
async function seededAuth(baseUrl: string): Promise<QontakAuth> {
  const store = new MemoryTokenStore();
  const auth = new QontakAuth(accountOptions({ url: baseUrl }, { store }));
  const now = Date.now();
  await store.set(
    auth.storeKey,
    new QontakToken({ accessToken: SEEDED_TOKEN, expiresAt: now + 3_600_000, issuedAt: now }),
  );
  auths.push(auth);
  return auth;
}

/** Every bearer credential the recorder received (axios turns a URL's user-info into Basic auth: not ours). */
function authorizationsSeen(): string[] {
  return recorder.received.flatMap((request) => {
    const value = request.headers.authorization;
    return value === undefined || !/^bearer /i.test(value)
      ? []
      : [`${request.host}${request.path}: ${value}`];
  });
}

/** Final statuses of out-and-back redirects, per client and redirect status, for the summary. */
const outAndBack = new Map<string, string>();

beforeAll(async () => {
  emulator = await startTestEmulator();
  recorder = await startRecorder();
});

afterAll(async () => {
  await Promise.all(auths.splice(0).map((auth) => auth.close()));
  await recorder.close();
  await emulator.close();
  const back = [...outAndBack.entries()].map(([key, value]) => `${key}: ${value}`).join(', ');
  console.log(
    `\nOrigin safety: ${cases} requests (to other origins, through redirects, and controls); no bearer token ` +
      `reached another origin. Final status of out-and-back redirects: ${back}.\n`,
  );
});

beforeEach(() => {
  recorder.received.length = 0;
  emulator.faults.clear();
});

describe.each(CLIENTS)('%s sends the bearer token only to Qontak', (client) => {
  const foreignUrls = (): Array<[string, string]> => [
    ['an absolute URL on another port', `${recorder.url()}/absolute`],
    ['an absolute URL on another host name', `${recorder.url('localhost')}/absolute-localhost`],
    ['an absolute URL on [::1]', `${recorder.url('[::1]')}/absolute-ipv6`],
    ['a protocol-relative URL', `//127.0.0.1:${recorder.port}/protocol-relative`],
    [
      'a user-info URL naming the Qontak host',
      `http://127.0.0.1:${emulator.port}@127.0.0.1:${recorder.port}/userinfo`,
    ],
    ['an upper-case scheme and path', `HTTP://127.0.0.1:${recorder.port}/API/OPEN/V1/HEALTH`],
    ['the health path on another origin', `${recorder.url()}${QONTAK_HEALTH_PATH}`],
  ];

  it('to Qontak itself (the control): the token arrives and the emulator accepts it', async () => {
    expect(await send(client, newAuth(), QONTAK_HEALTH_PATH)).toBe(200);
  });

  it('never to another origin, whatever the URL form', async () => {
    const auth = newAuth();
    await auth.getAccessToken();
    for (const [, url] of foreignUrls()) await send(client, auth, url);
    expect(authorizationsSeen()).toEqual([]);
    expect(recorder.received.length).toBeGreaterThanOrEqual(foreignUrls().length - 1);
  });

  it.each([301, 302, 307, 308])(
    'never across a %i redirect from Qontak to another origin',
    async (status) => {
      const auth = newAuth();
      emulator.faults.inject('health', {
        type: 'raw',
        status,
        headers: { location: `${recorder.url()}/landing-${status}` },
        body: '',
      });
      expect(authorizationsSeen()).toEqual([]);
      expect(await send(client, auth, QONTAK_HEALTH_PATH)).toBe(200);
      expect(recorder.received.map((request) => request.path)).toEqual([`/landing-${status}`]);
      expect(authorizationsSeen()).toEqual([]);
    },
  );

  /** Queues one redirect from Qontak's health to the recorder, which redirects (same status) to `to`. */
  function redirectOutAndBackTo(status: number, to: string): void {
    emulator.faults.inject('health', {
      type: 'raw',
      status,
      headers: { location: `${recorder.url()}/redirect?status=${status}&to=${encodeURIComponent(to)}` },
      body: '',
    });
  }

  it.each([301, 302, 307, 308])(
    'never on a %i redirect out to another origin and back to Qontak',
    async (status) => {
      const auth = newAuth();
      redirectOutAndBackTo(status, `${emulator.url}${QONTAK_HEALTH_PATH}`);
      const before = emulator.stats().health;
      const final = await send(client, auth, QONTAK_HEALTH_PATH);
      const after = emulator.stats().health;
      outAndBack.set(`${client} ${status} back`, String(final));
      expect(authorizationsSeen()).toEqual([]);
      expect(recorder.received).toHaveLength(1);
      // The chain left Qontak: the way back carries no token (Qontak answers it 401), and no replay follows.
      expect(final).toBe(401);
      expect((after[401] ?? 0) - (before[401] ?? 0)).toBe(1);
      expect(after[200] ?? 0).toBe(before[200] ?? 0);
    },
  );

  it.each([301, 302, 303, 307, 308])(
    'never on a %i redirect from another origin INTO Qontak',
    async (status) => {
      const auth = newAuth();
      await auth.getAccessToken();
      const before = emulator.stats().health;
      const final = await send(
        client,
        auth,
        `${recorder.url()}/redirect?status=${status}&to=${encodeURIComponent(`${emulator.url}${QONTAK_HEALTH_PATH}`)}`,
      );
      const after = emulator.stats().health;
      expect(final).toBe(401);
      expect((after[401] ?? 0) - (before[401] ?? 0)).toBe(1);
      expect(after[200] ?? 0).toBe(before[200] ?? 0);
    },
  );

  it('never to an OAuth endpoint, whatever its spelling', async () => {
    const auth = await seededAuth(recorder.url());
    const spellings = [
      '/oauth/token',
      '/OAUTH/token',
      '//oauth/token',
      '/%6Fauth/token',
      '/%256Fauth/token',
      '/oauth;x/token',
      '/oauth%2Ftoken',
      '/oauth%5Crevoke',
      '/api/open/..%2F..%2Foauth/token',
      '/oauth%20/token',
      '/oauth.json',
    ];
    for (const path of spellings) await send(client, auth, `${recorder.url()}${path}`);
    expect(recorder.received).toHaveLength(spellings.length);
    expect(authorizationsSeen()).toEqual([]);
    // The control: an API path on the same origin does carry it.
    await send(client, auth, QONTAK_HEALTH_PATH);
    expect(authorizationsSeen()).toHaveLength(1);
  });

  it.each([301, 302, 307, 308])(
    'never on a %i redirect out and back to the Qontak server under another host name (localhost)',
    async (status) => {
      const auth = newAuth();
      await auth.getAccessToken();
      redirectOutAndBackTo(status, `http://localhost:${emulator.port}${QONTAK_HEALTH_PATH}`);
      const before = emulator.stats().health;
      const final = await send(client, auth, QONTAK_HEALTH_PATH);
      const after = emulator.stats().health;
      outAndBack.set(`${client} ${status} localhost`, String(final));
      expect(authorizationsSeen()).toEqual([]);
      expect(recorder.received).toHaveLength(1);
      // localhost:<port> is another origin than 127.0.0.1:<port>: the hop there carried no token, so
      // the emulator answered it 401 (a replay, if any, goes to the base URL itself).
      expect((after[401] ?? 0) - (before[401] ?? 0)).toBe(1);
    },
  );

  it('not to the same port under another host name (localhost base, 127.0.0.1 request)', async () => {
    const auth = await seededAuth(recorder.url('localhost'));
    await send(client, auth, `${recorder.url('127.0.0.1')}${QONTAK_HEALTH_PATH}`);
    expect(authorizationsSeen()).toEqual([]);
    // The control: the same path on the base URL's own origin does carry it.
    await send(client, auth, QONTAK_HEALTH_PATH);
    expect(authorizationsSeen()).toEqual([
      `localhost:${recorder.port}${QONTAK_HEALTH_PATH}: Bearer ${SEEDED_TOKEN}`,
    ]);
  });

  it('not over http:// when the base URL is https:// on the same host and port (a downgrade)', async () => {
    const auth = await seededAuth(`https://127.0.0.1:${recorder.port}`);
    await send(client, auth, `http://127.0.0.1:${recorder.port}${QONTAK_HEALTH_PATH}`);
    await send(client, auth, `http://localhost:${recorder.port}${QONTAK_HEALTH_PATH}`);
    expect(recorder.received).toHaveLength(2);
    expect(authorizationsSeen()).toEqual([]);
  });
});

describe('axios sends the bearer token only to the URL a request is finally sent to', () => {
  it('even when a request interceptor added BEFORE the Qontak one moves the request to another origin', async () => {
    const auth = newAuth();
    await auth.getAccessToken();
    const http = axios.create({ baseURL: emulator.url, validateStatus: () => true });
    http.interceptors.request.use((config) => {
      config.baseURL = recorder.url();
      return config;
    });
    attachQontakAuth(http, auth);
    await within(5_000, http.get('/moved-by-an-interceptor'), 'axios.get');
    expect(recorder.received.map((request) => request.path)).toEqual(['/moved-by-an-interceptor']);
    expect(authorizationsSeen()).toEqual([]);
  });
});

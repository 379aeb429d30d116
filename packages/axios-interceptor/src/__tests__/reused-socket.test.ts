import { Agent } from 'node:http';
import { inspect } from 'node:util';
import { QontakAuth } from '@qontak/auth-core';
import { DEMO_PASSWORD, DEMO_USERNAME, startEmulator, type QontakEmulator } from '@qontak/emulator';
import axios, { type AxiosInstance } from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQontakAxios } from '../create-qontak-axios';

const HEALTH = '/api/open/v1/health';
let emulator: QontakEmulator;
let auth: QontakAuth;
let agent: Agent;

beforeEach(async () => {
  emulator = await startEmulator();
  auth = new QontakAuth({ baseUrl: emulator.url, username: DEMO_USERNAME, password: DEMO_PASSWORD });
  // One socket, kept alive: every request of a test goes out on the socket of the one before.
  agent = new Agent({ keepAlive: true, maxSockets: 1 });
});

afterEach(async () => {
  agent.destroy();
  await auth.close();
  await emulator.close();
});

/**
 * Every string `value` reaches through its own properties (enumerable or not, string or symbol keys,
 * no getters run), array items, Map and Set entries, and the bytes of Buffers, as a logger that walks
 * an object graph with cycle detection would meet them.
 */
function reachableStrings(value: unknown, limit = 500_000): string[] {
  const strings: string[] = [];
  const seen = new Set<object>();
  const pending: unknown[] = [value];
  while (pending.length > 0 && seen.size < limit) {
    const item = pending.pop();
    if (typeof item === 'string') {
      strings.push(item);
      continue;
    }
    if ((typeof item !== 'object' && typeof item !== 'function') || item === null || seen.has(item)) continue;
    seen.add(item);
    if (Buffer.isBuffer(item)) {
      strings.push(item.toString('latin1'));
      continue;
    }
    if (ArrayBuffer.isView(item)) continue;
    if (item instanceof Map) for (const entry of item) pending.push(...entry);
    if (item instanceof Set) for (const entry of item) pending.push(entry);
    for (const key of Reflect.ownKeys(item)) {
      const descriptor = Object.getOwnPropertyDescriptor(item, key);
      if (descriptor !== undefined && 'value' in descriptor) pending.push(descriptor.value);
    }
  }
  return strings;
}

/** Every way a caller might log `value`: inspected at full depth, and every string a walk of it finds. */
function expectNoToken(value: unknown, token: string): void {
  expect(inspect(value, { depth: Infinity })).not.toContain(token);
  expect(inspect(value, { depth: Infinity, showHidden: true })).not.toContain(token);
  expect(reachableStrings(value).filter((text) => text.includes(token))).toEqual([]);
}

/** The emulator answers the next health request with a redirect to the health route itself. */
function redirectNextHealthRequest(): void {
  emulator.faults.inject(
    'health',
    { type: 'raw', status: 302, headers: { location: `${HEALTH}?moved=1` }, body: '' },
    1,
  );
}

/** A request that is aborted once it is on the wire (the emulator holds its answer for a second). */
async function abortedOnTheWire(http: AxiosInstance): Promise<unknown> {
  emulator.faults.inject('health', { type: 'latency', ms: 1_000 }, 1);
  const received = emulator.stats().requests;
  const controller = new AbortController();
  const request = http.get(HEALTH, { signal: controller.signal }).catch((error: unknown) => error);
  while (emulator.stats().requests === received) await new Promise((resolve) => setTimeout(resolve, 5));
  controller.abort();
  return request;
}

describe('a response whose keep-alive socket a later request reused', () => {
  it('does not reach the credentials of a later request that was redirected', async () => {
    const http = createQontakAxios(auth, { httpAgent: agent });
    const first = await http.get(HEALTH);
    redirectNextHealthRequest();
    const second = await http.get(HEALTH);
    expect(second.status).toBe(200);
    const token = await auth.getAccessToken();
    // The redirected hop went out with the token, on the first response's socket.
    expect(emulator.stats()).toMatchObject({ health: { 200: 2 }, faultsServed: 1 });
    expectNoToken(first, token);
    expectNoToken(second, token);
  });

  it('does not reach the credentials of a later request that was aborted on the wire', async () => {
    const http = createQontakAxios(auth, { httpAgent: agent });
    const first = await http.get(HEALTH);
    const aborted = await abortedOnTheWire(http);
    expect(axios.isCancel(aborted)).toBe(true);
    const token = await auth.getAccessToken();
    expectNoToken(first, token);
    expectNoToken(aborted, token);
  });

  it('does not reach the credentials of a later request still in flight on its socket', async () => {
    const http = createQontakAxios(auth, { httpAgent: agent });
    const first = await http.get(HEALTH);
    emulator.faults.inject('health', { type: 'latency', ms: 500 }, 1);
    const received = emulator.stats().requests;
    const second = http.get(HEALTH);
    while (emulator.stats().requests === received) await new Promise((resolve) => setTimeout(resolve, 5));
    const token = await auth.getAccessToken();
    expectNoToken(first, token);
    expect((await second).status).toBe(200);
  });

  it("of another client on the same agent does not reach the interceptor's credentials", async () => {
    const plain = axios.create({ baseURL: emulator.url, httpAgent: agent });
    const http = createQontakAxios(auth, { httpAgent: agent });
    const theirs = await plain.get(HEALTH, { validateStatus: () => true });
    redirectNextHealthRequest();
    await http.get(HEALTH);
    const token = await auth.getAccessToken();
    expectNoToken(theirs, token);
  });
});

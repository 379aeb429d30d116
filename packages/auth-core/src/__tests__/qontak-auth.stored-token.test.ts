import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileTokenStore } from '../stores/file-token-store';
import { MemoryTokenStore } from '../stores/memory-token-store';
import { QontakToken } from '../stores/token';
import type { TokenStore } from '../stores/token-store';
import { authFor, emulator, RecordingLogger } from './support/emulator-fixture';

/** Stored access tokens no `Authorization` header can carry: each once made every call throw. */
const UNSENDABLE = {
  'CR/LF (a header injection)': 'S3ntinel-stored\r\nX-Injected: yes',
  'a space': 'S3ntinel-stored token',
  'a NUL': 'S3ntinel-stored\u0000',
  'non-ASCII': 'S3ntinel-störed',
};

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((path) => rm(path, { recursive: true, force: true })));
});

function storedToken(accessToken: string): QontakToken {
  return new QontakToken({
    accessToken,
    refreshToken: 'S3ntinel-stored-refresh',
    expiresAt: Date.now() + 3_600_000,
    issuedAt: Date.now(),
  });
}

/** The stores a user can have: the core's two, and a user's own that hands back what it was given. */
async function stores(): Promise<Array<[string, TokenStore]>> {
  const directory = await mkdtemp(join(tmpdir(), 'qontak-stored-token-'));
  directories.push(directory);
  const own = new Map<string, unknown>();
  const userStore: TokenStore = {
    get: async (key) => own.get(key) as QontakToken | undefined,
    set: async (key, token) => void own.set(key, token),
    delete: async (key) => void own.delete(key),
  };
  return [
    ['MemoryTokenStore', new MemoryTokenStore()],
    ['FileTokenStore', new FileTokenStore(join(directory, 'tokens.json'))],
    ["a user's own store", userStore],
  ];
}

describe('a stored token no request can carry', () => {
  for (const [what, accessToken] of Object.entries(UNSENDABLE)) {
    it(`is ignored and replaced by one grant, with a warning that never quotes it (${what})`, async () => {
      for (const [name, store] of await stores()) {
        const server = await emulator();
        const logger = new RecordingLogger();
        const auth = authFor(server, { store, logger });
        await store.set(auth.storeKey, storedToken(accessToken));

        const response = await auth.fetch(auth.healthUrl);
        expect(response.status, name).toBe(200);
        expect(server.stats().grants.password.ok, name).toBe(1);
        const replaced = await store.get(auth.storeKey);
        expect(replaced?.accessToken, name).toBe(await auth.getAccessToken());
        const warnings = logger.lines.filter((line) => line.startsWith('warn '));
        expect(warnings, name).toEqual([expect.stringMatching(/token store held a token .* ignoring it/)]);
        for (const line of logger.lines) expect(line, name).not.toContain(accessToken.slice(0, 14));
      }
    });
  }

  it("is ignored when a user's store answers something that is not a token at all", async () => {
    const answers: unknown[] = [
      null,
      'S3ntinel-a-string',
      { accessToken: 42, expiresAt: Date.now() + 60_000 },
      { accessToken: '', expiresAt: Date.now() + 60_000 },
      { accessToken: 'S3ntinel-no-expiry' },
      { accessToken: 'S3ntinel-nan-expiry', expiresAt: Number.NaN },
      { accessToken: 'S3ntinel-bad-refresh', refreshToken: 7, expiresAt: Date.now() + 60_000 },
    ];
    for (const answer of answers) {
      const server = await emulator();
      const logger = new RecordingLogger();
      const store: TokenStore = {
        get: async () => answer as QontakToken,
        set: async () => undefined,
        delete: async () => undefined,
      };
      const auth = authFor(server, { store, logger });
      const response = await auth.fetch(auth.healthUrl);
      expect(response.status, JSON.stringify(answer)).toBe(200);
      expect(server.stats().grants.password.ok).toBe(1);
      expect(logger.lines.join('\n')).not.toContain('S3ntinel');
    }
  });

  it('keeps using a sendable stored token (no grant)', async () => {
    const server = await emulator();
    const granted = await authFor(server).getAccessToken();
    const store = new MemoryTokenStore();
    const logger = new RecordingLogger();
    const auth = authFor(server, { store, logger });
    await store.set(auth.storeKey, storedToken(granted));
    expect(await auth.getAccessToken()).toBe(granted);
    expect(server.stats().grants.password.ok).toBe(1);
    expect(logger.lines.filter((line) => line.startsWith('warn '))).toEqual([]);
  });
});

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileTokenStore } from '../stores/file-token-store';
import { describeTokenStore } from '../testing';

const root = await mkdtemp(join(tmpdir(), 'qontak-file-store-conformance-'));

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describeTokenStore(
  'FileTokenStore',
  async () => {
    const directory = await mkdtemp(join(root, 'store-'));
    return {
      store: new FileTokenStore(join(directory, 'tokens.json')),
      cleanup: () => rm(directory, { recursive: true, force: true }),
    };
  },
  { test: { describe, it }, lockScope: 'store', dropsExpiredTokens: true },
);

describe('FileTokenStore conformance run', () => {
  it('leaves no store directory behind: every check cleaned up after itself', async () => {
    expect(await readdir(root)).toEqual([]);
  });
});

import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { assertStoredToken } from './assert-stored-token';
import { bareToken, freshKey, fullToken } from './sample-tokens';
import { defineCheck, type TokenStoreCheck } from './token-store-check';
import type { MakeTokenStore } from './token-store-suite-options';

const GROUP = 'get, set and delete';

/** The checks of `get`, `set` and `delete`, which every store must pass. */
export function storageChecks(makeStore: MakeTokenStore): TokenStoreCheck[] {
  return [
    defineCheck(makeStore, GROUP, 'returns undefined for a key it never stored', async (store) => {
      assert.equal(await store.get(freshKey()), undefined, 'get() of a key never stored must be undefined');
    }),

    defineCheck(
      makeStore,
      GROUP,
      'returns every field of the token it stored, token strings intact',
      async (store) => {
        const [full, bare] = [freshKey(), freshKey()];
        const stored = fullToken();
        const storedBare = bareToken();
        await store.set(full, stored);
        await store.set(bare, storedBare);
        await assertStoredToken(
          store,
          full,
          stored,
          'get() must return the accessToken, refreshToken, expiresAt, issuedAt and createdAt that set() was given',
        );
        await assertStoredToken(
          store,
          bare,
          storedBare,
          'a token without refreshToken, issuedAt or createdAt must come back with them undefined (not null, not "")',
        );
      },
    ),

    defineCheck(
      makeStore,
      GROUP,
      'returns a QontakToken whose JSON, inspect and String forms hide the token strings',
      async (store) => {
        const key = freshKey();
        const stored = fullToken();
        await store.set(key, stored);
        const read = await store.get(key);
        assert.ok(read !== undefined, 'get() returned undefined for a token just stored');
        for (const [form, text] of [
          ['JSON.stringify', JSON.stringify(read)],
          ['util.inspect', inspect(read)],
          ['String', String(read)],
        ] as const) {
          assert.ok(
            !text.includes(stored.accessToken) && !text.includes(stored.refreshToken!),
            `${form}() of the token get() returned shows a token string: return a QontakToken (deserializeToken() from @qontak/auth-core/store makes one), not a plain object`,
          );
        }
      },
    ),

    defineCheck(makeStore, GROUP, 'replaces the token under a key on set', async (store) => {
      const key = freshKey();
      const newer = fullToken(7_200_000);
      await store.set(key, fullToken());
      await store.set(key, newer);
      await assertStoredToken(store, key, newer, 'get() must return the token of the latest set()');
    }),

    defineCheck(makeStore, GROUP, "keeps each key's token apart", async (store) => {
      const base = freshKey();
      // Keys that a store joining or truncating keys carelessly would mix up with `base`.
      const keys = [base, `${base}:lock`, `${base}:2`, base.slice(0, -'.com'.length)];
      const tokens = keys.map(() => fullToken());
      for (const [index, key] of keys.entries()) await store.set(key, tokens[index]!);
      for (const [index, key] of keys.entries()) {
        await assertStoredToken(
          store,
          key,
          tokens[index],
          `get(${JSON.stringify(key)}) must return the token set under that key`,
        );
      }
    }),

    defineCheck(makeStore, GROUP, 'forgets a deleted token and keeps the others', async (store) => {
      const [key, other] = [freshKey(), freshKey()];
      const kept = fullToken();
      await store.set(key, fullToken());
      await store.set(other, kept);
      await store.delete(key);
      await assertStoredToken(store, key, undefined, 'get() after delete() must be undefined');
      await assertStoredToken(store, other, kept, 'delete() of one key must leave the token of another');
      await store.delete(freshKey());
      await store.delete(key);
    }),
  ];
}

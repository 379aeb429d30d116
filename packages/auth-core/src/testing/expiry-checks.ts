import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import type { QontakToken } from '../stores/token';
import { freshKey, fullToken, tokenFields } from './sample-tokens';
import { defineCheck, type TokenStoreCheck } from './token-store-check';
import type { MakeTokenStore } from './token-store-suite-options';

const GROUP = 'expired tokens';
/** How long the token of the expiry check lives, and how long after its expiry it is read. */
const SHORT_LIFETIME_MS = 200;
const READ_AFTER_EXPIRY_MS = 150;

/**
 * The checks of expired tokens: a store may drop a token once its `expiresAt` has passed (with
 * `drops`, it must), and never returns another token in its place.
 */
export function expiryChecks(makeStore: MakeTokenStore, drops: boolean): TokenStoreCheck[] {
  return [
    defineCheck(
      makeStore,
      GROUP,
      drops
        ? 'drops a token stored after its expiry, never returning the older token it replaced'
        : 'never returns the older token in place of an expired one it was given',
      async (store) => {
        const key = freshKey();
        await store.set(key, fullToken());
        const expired = fullToken(-1_000);
        await store.set(key, expired);
        assertExpiredRead(await store.get(key), expired, drops, 'set() of an already expired token');
      },
    ),

    defineCheck(
      makeStore,
      GROUP,
      drops
        ? 'drops a token once its expiresAt has passed'
        : 'returns a token whose expiresAt has passed as itself or not at all',
      async (store) => {
        const key = freshKey();
        const token = fullToken(SHORT_LIFETIME_MS);
        await store.set(key, token);
        await delay(SHORT_LIFETIME_MS + READ_AFTER_EXPIRY_MS);
        assertExpiredRead(
          await store.get(key),
          token,
          drops,
          `a token read ${READ_AFTER_EXPIRY_MS} ms after its expiry`,
        );
      },
    ),
  ];
}

function assertExpiredRead(
  read: QontakToken | undefined,
  expired: QontakToken,
  drops: boolean,
  what: string,
): void {
  if (drops) {
    assert.equal(
      read,
      undefined,
      `${what}: get() must return undefined (the suite was told { dropsExpiredTokens: true })`,
    );
    return;
  }
  if (read === undefined) return;
  assert.deepEqual(
    tokenFields(read),
    tokenFields(expired),
    `${what}: get() must return that token or undefined, never another token`,
  );
}

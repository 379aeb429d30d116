import { assertStoredToken } from './assert-stored-token';
import { declaredAbsentCheck, requireMethod } from './optional-methods';
import { freshKey, fullToken } from './sample-tokens';
import { defineCheck, type TokenStoreCheck } from './token-store-check';
import type { MakeTokenStore } from './token-store-suite-options';

const GROUP = 'deleteIf';

/**
 * The checks of `deleteIf`: with `implemented` (the default), that it deletes only while the stored
 * token is the one named; without, that the store indeed has none.
 */
export function deleteIfChecks(makeStore: MakeTokenStore, implemented: boolean): TokenStoreCheck[] {
  if (!implemented) return [declaredAbsentCheck(makeStore, GROUP, 'deleteIf')];
  return [
    defineCheck(
      makeStore,
      GROUP,
      'deletes the token only while it holds that access token, leaving a newer one',
      async (store) => {
        const deleteIf = requireMethod(store, 'deleteIf');
        const [key, other] = [freshKey(), freshKey()];
        const older = fullToken();
        const newer = fullToken();
        const untouched = fullToken();
        await store.set(key, newer);
        await store.set(other, untouched);
        await deleteIf(key, older.accessToken);
        await assertStoredToken(
          store,
          key,
          newer,
          'deleteIf(key, olderAccessToken) must leave the newer token that is stored',
        );
        await deleteIf(key, newer.accessToken);
        await assertStoredToken(
          store,
          key,
          undefined,
          'deleteIf(key, storedAccessToken) must delete the stored token',
        );
        await assertStoredToken(
          store,
          other,
          untouched,
          'deleteIf() of one key must leave the token of another',
        );
        await deleteIf(freshKey(), older.accessToken);
      },
    ),
  ];
}

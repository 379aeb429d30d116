import type { TokenStore } from '../stores/token-store';
import type { MakeTokenStore, TokenStoreFixture } from './token-store-suite-options';

/** One check of the conformance suite: a named, self-contained async test of a fresh store. */
export interface TokenStoreCheck {
  /** What part of the contract it checks, e.g. `'lock'`: `describeTokenStore` makes one `describe` of each. */
  readonly group: string;
  /** What the store must do, as a sentence, e.g. `'returns undefined for a key it never stored'`. */
  readonly name: string;
  /**
   * Makes a store, checks it, and cleans it up. Resolves when the store meets the check;
   * @throws {AssertionError} (from `node:assert`) when it does not, or what `makeStore` or the store throw.
   */
  run(): Promise<void>;
}

/** A check whose body receives a fresh store from `makeStore`, cleaned up after the body, passed or failed. */
export function defineCheck(
  makeStore: MakeTokenStore,
  group: string,
  name: string,
  body: (store: TokenStore) => Promise<void>,
): TokenStoreCheck {
  return {
    group,
    name,
    async run() {
      const fixture = toFixture(await makeStore());
      try {
        await body(fixture.store);
      } finally {
        await fixture.cleanup?.();
      }
    },
  };
}

function toFixture(made: TokenStore | TokenStoreFixture): TokenStoreFixture {
  if (isStore(made)) return { store: made };
  if (typeof made === 'object' && made !== null && isStore(made.store)) return made;
  throw new TypeError(
    'makeStore must return a TokenStore (get, set, delete) or { store, cleanup? }, or a promise of one.',
  );
}

function isStore(value: unknown): value is TokenStore {
  const store = value as Partial<TokenStore> | null | undefined;
  return (
    typeof store?.get === 'function' && typeof store.set === 'function' && typeof store.delete === 'function'
  );
}

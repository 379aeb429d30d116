import { packageBuild } from '../../tsup.base';

// One copy of each module shared by every entry (`splitting`): a class such as `QontakAuthError` or
// `QontakToken` must be the same class whichever entry it is reached through.
export default packageBuild(
  ['src/index.ts', 'src/store.ts', 'src/mekari.ts', 'src/diagnostics.ts', 'src/testing.ts', 'src/adapter.ts'],
  {
    splitting: true,
  },
);

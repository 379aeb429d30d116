import { packageBuild } from '../../tsup.base';

// One copy of each module shared by both entries (`splitting`), as in the core.
export default packageBuild(['src/index.ts', 'src/testing.ts'], { splitting: true });

import { packageBuild } from '../../tsup.base';

// One copy of each module shared by the entries (`splitting`), as in the core.
export default packageBuild(['src/index.ts', 'src/node.ts', 'src/testing.ts'], { splitting: true });

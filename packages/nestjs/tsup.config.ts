import { packageBuild } from '../../tsup.base';

// Every injection names its token (`@Inject(...)`), so the build needs no decorator metadata (which
// tsup could only emit through SWC); the tests, on the sources, do get it from tsconfig.json.
export default packageBuild(['src/index.ts', 'src/terminus.ts', 'src/webhooks.ts'], {
  tsconfig: 'tsconfig.build.json',
});

import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** A README whose first TypeScript block (of the whole README, or of one section) is an app a user copies as it is. */
interface ReadmeCase {
  /** The package folder under `packages/`. */
  folder: string;
  /** The start of the heading of the section whose first example and install line are checked; '' for the top. */
  section: string;
  /** Packages the app needs at run time though it does not import them: the install line must name them. */
  alsoInstalled: readonly string[];
  /** Type packages a TypeScript app adds (`npm i -D`), as the README says. */
  types: readonly string[];
}

const READMES: readonly ReadmeCase[] = [
  { folder: 'express-middleware', section: '', alsoInstalled: [], types: ['@types/express'] },
  // NestFactory.create loads the HTTP platform itself.
  { folder: 'nestjs', section: '', alsoInstalled: ['@nestjs/platform-express'], types: [] },
  {
    folder: 'express-middleware',
    section: "## Receive Qontak's webhooks",
    alsoInstalled: [],
    types: ['@types/express'],
  },
  { folder: 'nestjs', section: "## Receive Qontak's webhooks", alsoInstalled: [], types: [] },
];

/** Where a package an app installs lives in this workspace (followed through pnpm's links). */
function packageDir(name: string): string {
  if (name.startsWith('@qontak/')) return join(ROOT, 'packages', name.slice('@qontak/'.length));
  for (const folder of ['express-middleware', 'nestjs']) {
    try {
      return realpathSync(join(ROOT, 'packages', folder, 'node_modules', name));
    } catch {
      // not a dependency of this package: try the next
    }
  }
  return realpathSync(join(ROOT, 'node_modules', name));
}

/** The first TypeScript block of the README (or of its `section`), and what the first `npm i` / `npm install` line there installs. */
function readme(folder: string, section: string): { example: string; install: string } {
  const whole = readFileSync(join(ROOT, 'packages', folder, 'README.md'), 'utf8');
  const start = section === '' ? 0 : whole.indexOf(`\n${section}`);
  if (start < 0) throw new Error(`${folder}/README.md has no section ${section}`);
  const text = whole.slice(start);
  const example = /```ts\n([\s\S]*?)```/.exec(text)?.[1];
  const install = /^npm i(?:nstall)? (.+)$/m.exec(text)?.[1];
  if (example === undefined || install === undefined)
    throw new Error(`${folder}/README.md has no example or install line`);
  return { example, install };
}

/** The packages `source` imports (bare specifiers, without subpaths). */
function importedPackages(source: string): string[] {
  const specifiers = [...source.matchAll(/^import\s[^'"]*['"]([^'"./][^'"]*)['"]/gm)].map(
    (match) => match[1]!,
  );
  return [
    ...new Set(
      specifiers.map((specifier) =>
        specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/'),
      ),
    ),
  ];
}

const consumers: string[] = [];
afterEach(() => {
  for (const dir of consumers.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Compiles `source` as `app.ts` of a new app (`"type": "commonjs"` or `"module"`, `module: nodenext`,
 * strict, decorators as Nest's CLI sets them) whose `node_modules` holds `packages` as npm would install
 * them, then has Node check the emitted `app.js`: TypeScript lets some syntax through that Node refuses in
 * that module format (e.g. `await (await x).y()` at the top level of a CommonJS file).
 */
function compile(source: string, packages: readonly string[], type: 'commonjs' | 'module') {
  const dir = mkdtempSync(join(tmpdir(), 'qontak-readme-'));
  consumers.push(dir);
  for (const name of [...packages, '@types/node']) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(packageDir(name), link, 'dir');
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'readme-app', private: true, type }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        strict: true,
        skipLibCheck: true,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        types: ['node'],
      },
      files: ['app.ts'],
    }),
  );
  writeFileSync(join(dir, 'app.ts'), source);
  const tscRun = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
  const nodeRun = spawnSync(process.execPath, ['--check', join(dir, 'app.js')], { encoding: 'utf8' });
  return {
    tsc: { status: tscRun.status, output: `${tscRun.stdout}${tscRun.stderr}` },
    node: { status: nodeRun.status, output: nodeRun.stderr },
  };
}

describe.each(READMES)(
  'the first example of packages/$folder/README.md $section',
  ({ folder, section, alsoInstalled, types }) => {
    const { example, install } = readme(folder, section);
    const installed = install.split(/\s+/);

    it('is installed by the install line above it', () => {
      for (const name of [...importedPackages(example), ...alsoInstalled]) {
        expect(installed, `npm i … ${name}`).toContain(name);
      }
    });

    it.each(['commonjs', 'module'] as const)(
      'compiles as it is in a %s app that installed what the README says, and Node accepts the output',
      (type) => {
        const result = compile(example, [...installed, ...types], type);
        expect(result.tsc).toEqual({ status: 0, output: '' });
        expect(result.node).toEqual({ status: 0, output: '' });
      },
    );
  },
);

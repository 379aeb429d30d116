import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The published packages, by folder under `packages/`. */
const PUBLISHED = [
  'auth-core',
  'axios-interceptor',
  'client',
  'emulator',
  'express-middleware',
  'nestjs',
  'redis-store',
  'webhooks',
] as const;

const PACKAGES_DIR = fileURLToPath(new URL('../../packages', import.meta.url));

/** Every file under `dir`, relative to it, with `/` separators. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => statSync(join(dir, entry)).isFile())
    .map((entry) => entry.split('\\').join('/'))
    .sort();
}

/** Markdown link and image targets of `markdown` (inline `](target)` and reference `[x]: target`). */
function linkTargets(markdown: string): string[] {
  const inline = [...markdown.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
    (match) => match[1]!,
  );
  const references = [...markdown.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map(
    (match) => match[1]!,
  );
  return [...inline, ...references];
}

const unpacked = new Map<string, string>();
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'qontak-packed-'));
  for (const name of PUBLISHED) {
    const tarballs = join(scratch, name);
    execFileSync('pnpm', ['pack', '--pack-destination', tarballs], {
      cwd: join(PACKAGES_DIR, name),
      stdio: 'pipe',
    });
    const tarball = readdirSync(tarballs).find((file) => file.endsWith('.tgz'));
    if (!tarball) throw new Error(`pnpm pack made no tarball for ${name}`);
    execFileSync('tar', ['-xzf', join(tarballs, tarball), '-C', tarballs]);
    unpacked.set(name, join(tarballs, 'package'));
  }
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe.each(PUBLISHED)('the npm tarball of packages/%s', (name) => {
  const root = () => unpacked.get(name)!;

  it('holds the MIT LICENSE, the README and package.json with repository, homepage, bugs and keywords', () => {
    const files = filesUnder(root());
    expect(files).toContain('LICENSE');
    expect(files).toContain('README.md');
    expect(readFileSync(join(root(), 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    const manifest = JSON.parse(readFileSync(join(root(), 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest['license']).toBe('MIT');
    expect(manifest['repository']).toMatchObject({ url: expect.stringMatching(/^git\+https:\/\//) });
    expect(manifest['homepage']).toMatch(/^https:\/\//);
    expect(manifest['bugs']).toMatchObject({ url: expect.stringMatching(/^https:\/\//) });
    expect((manifest['keywords'] as unknown[]).length).toBeGreaterThan(2);
  });

  it('holds no tests, sources or configuration: only dist/, the README, the LICENSE and package.json', () => {
    const unexpected = filesUnder(root()).filter(
      (file) => !/^dist\//.test(file) && !['LICENSE', 'README.md', 'package.json'].includes(file),
    );
    expect(unexpected).toEqual([]);
    expect(filesUnder(root()).filter((file) => /__tests__|\.test(-d)?\.|\/support\//.test(file))).toEqual([]);
  });

  it('ships source maps that never point at a file it lacks (each source is in the tarball or embedded)', () => {
    const maps = filesUnder(root()).filter((file) => file.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    for (const map of maps) {
      const { sources, sourcesContent } = JSON.parse(readFileSync(join(root(), map), 'utf8')) as {
        sources: string[];
        sourcesContent?: Array<string | null>;
      };
      sources.forEach((source, index) => {
        const shipped = existsSync(resolve(join(root(), map, '..'), source));
        const embedded = typeof sourcesContent?.[index] === 'string';
        expect(shipped || embedded, `${map}: ${source}`).toBe(true);
      });
    }
  });

  it('has a README read on npm: absolute links only, and an install line', () => {
    const readme = readFileSync(join(root(), 'README.md'), 'utf8');
    const relativeLinks = linkTargets(readme).filter((target) => !/^(https?:|mailto:|#)/.test(target));
    expect(relativeLinks, 'relative links in the README').toEqual([]);
    expect(readme).toMatch(new RegExp(`npm i(nstall)? [^\\n]*@qontak/${name}`));
  });
});

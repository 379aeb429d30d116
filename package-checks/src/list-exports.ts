import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';

/** One exported name, as a user of the package sees it: a value (a class, function, constant) or a type only. */
export type ExportedName = `${string} (value)` | `${string} (type)`;

const require = createRequire(import.meta.url);

/** The `exports` map of `packageName`'s package.json: every entry point but `./package.json`. */
export function entryPoints(packageName: string): string[] {
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports: Record<string, unknown> };
  return Object.keys(manifest.exports).filter((entry) => entry !== './package.json');
}

/** Whether `symbol` is exported with `export type` (a class exported that way is a type to its users). */
function isTypeOnlyExport(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some(
    (declaration) =>
      ts.isExportSpecifier(declaration) && (declaration.isTypeOnly || declaration.parent.parent.isTypeOnly),
  );
}

/**
 * Every name the built declarations of `packageName`'s `entry` (as `import` resolves it) export,
 * sorted, each marked `(value)` or `(type)`: what the TypeScript compiler itself sees.
 */
export function exportedNames(packageName: string, entry: string): ExportedName[] {
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import: { types: string } }>;
  };
  const target = manifest.exports[entry];
  if (!target) throw new Error(`${packageName} has no entry ${entry}`);
  const file = join(dirname(manifestPath), target.import.types);
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`no declarations at ${file}`);
  return checker
    .getExportsOfModule(moduleSymbol)
    .map((symbol) => {
      const resolved = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const isValue = (resolved.flags & ts.SymbolFlags.Value) !== 0 && !isTypeOnlyExport(symbol);
      return `${symbol.name} (${isValue ? 'value' : 'type'})` as ExportedName;
    })
    .sort();
}

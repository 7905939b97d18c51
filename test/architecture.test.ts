/**
 * Imports run one way: a module may import its own folder and the layers below it, never a layer
 * above it nor a sibling in its own layer. Type-only imports count too: a type that runs back up the
 * pipeline ties the lower layer to the higher one as surely as a value does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where imports are checked. */
const CHECKED_ROOTS = ['src', 'commands', 'tools', 'bench'];

/**
 * Lowest first. A module is a folder or a single file (matched by path prefix). Modules in one layer
 * are siblings: each may import only its own files and lower layers, not the others in its layer.
 */
const LAYERS: readonly (readonly string[])[] = [
  // Foundation: no dsp imports at all.
  ['src/log', 'src/text', 'src/version.ts'],
  // markdown → ListDocument
  ['src/list'],
  // ListDocument → ProjectIndex; persistence; cron schedule arithmetic; validated settings.
  ['src/search', 'src/store', 'src/schedule', 'src/config', 'src/state-dir.ts'],
  // Project metadata: GitHub facts, link checks, health classes, refresh rounds over the store.
  ['src/metadata'],
  // The types that cross layers: catalog, message payloads, the services commands get.
  ['src/contracts'],
  // The live list; pure command modules; the featured engine; shard arithmetic and the process
  // registry; the command line. Each gets what it needs from the others passed in.
  ['src/catalog', 'commands', 'src/featured', 'src/sharding', 'src/cli'],
  // The updates channel's engine: it sends through the featured post's delivery helpers.
  ['src/updates'],
  // Adapters to the outside: discord.js glue, the health and metrics server.
  ['src/discord', 'src/http'],
  // The composition root, npm start's command line and its report of a failed start; then the
  // process entry point.
  ['src/app.ts', 'src/start-args.ts', 'src/start-failure.ts'],
  ['src/main.ts'],
  // Tools (the Discord stand-in, the playground) use src; benchmarks use both; tests use anything.
  ['tools'],
  ['bench'],
  ['test'],
];

interface Module {
  name: string;
  layer: number;
}

function moduleOf(path: string): Module | undefined {
  let best: Module | undefined;
  LAYERS.forEach((names, layer) => {
    for (const name of names) {
      const matches = name.endsWith('.ts') ? path === name : path === name || path.startsWith(`${name}/`);
      if (matches && (!best || name.length > best.name.length)) best = { name, layer };
    }
  });
  return best;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(join(ROOT, directory), { withFileTypes: true }).flatMap((item) => {
    const path = `${directory}/${item.name}`;
    if (item.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts)$/.test(item.name) && !item.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `new URL('./worker.ts', import.meta.url)`: how a worker thread names the module it runs. */
function isModuleUrl(
  node: ts.NewExpression,
): node is ts.NewExpression & { arguments: readonly [ts.StringLiteralLike, ts.Expression] } {
  const [specifier, base] = node.arguments ?? [];
  return (
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'URL' &&
    specifier !== undefined &&
    ts.isStringLiteralLike(specifier) &&
    specifier.text.startsWith('.') &&
    base !== undefined &&
    ts.isPropertyAccessExpression(base) &&
    ts.isMetaProperty(base.expression) &&
    base.expression.keywordToken === ts.SyntaxKind.ImportKeyword &&
    base.name.text === 'url'
  );
}

interface Import {
  specifier: string;
  typeOnly: boolean;
}

/**
 * Every module a file names: import and export … from (`type` or not), `import('…')` in code and in
 * types, and a worker's `new URL('./x.ts', import.meta.url)`.
 */
function importsOf(path: string): Import[] {
  const text = readFileSync(join(ROOT, path), 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: Import[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      found.push({ specifier: node.moduleReference.expression.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (ts.isNewExpression(node) && isModuleUrl(node)) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const files = CHECKED_ROOTS.flatMap(sourceFiles).sort();

describe('architecture', () => {
  it('finds the source files and places each of them in a layer', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((path) => moduleOf(path) === undefined)).toEqual([]);
  });

  it('has no import, type-only included, from a lower layer to a higher one or between siblings', () => {
    const problems: string[] = [];
    for (const path of files) {
      const from = moduleOf(path);
      if (!from) continue;
      for (const { specifier, typeOnly } of importsOf(path)) {
        if (!specifier.startsWith('.')) continue; // packages and node: builtins
        const target = relative(ROOT, resolve(ROOT, dirname(path), specifier))
          .split(sep)
          .join('/');
        const to = moduleOf(target.replace(/\.(js|mjs|cjs)$/, '.ts'));
        const kind = typeOnly ? 'type import' : 'import';
        if (!to) {
          problems.push(`${path}: ${kind} of ${specifier} (${target}) is in no layer`);
        } else if (to.name !== from.name && to.layer >= from.layer) {
          const where = to.layer === from.layer ? 'a sibling in its layer' : 'a higher layer';
          problems.push(
            `${path}: ${kind} of ${specifier} — ${from.name} (layer ${from.layer}) reaches ${where}, ${to.name} (layer ${to.layer})`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

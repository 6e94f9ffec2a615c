// One-off migration (issue 13 §1): moves what crosses processes into electron/common and points
// every import at its new home (`#common/…` from outside the folder, relative inside it).
// Idempotent, so it can be run again on a tree merged with branches written against the old
// paths: it moves what is still at an old place, splits the moved declarations out of the two
// files they leave, and rewrites any import that still names an old path. `node scripts/move-to-common.mjs`
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

import ts from 'typescript';

const ROOT = join(import.meta.dirname, '..');
const COMMON = 'electron/common/';

/** Whole files: old path -> new path (repository-relative). */
const FILE_MOVES = {
  'electron/core/contract.ts': 'electron/common/contract.ts',
  'electron/core/profile-schema.ts': 'electron/common/profile-schema.ts',
  'electron/core/secret-destination.ts': 'electron/common/secret-destination.ts',
  'electron/core/tokens/health.ts': 'electron/common/health.ts',
  'electron/core/tokens/types.ts': 'electron/common/token-view.ts',
  'electron/core/diagnostics/types.ts': 'electron/common/diagnostics-view.ts',
  'electron/core/bundle/views.ts': 'electron/common/bundle-view.ts',
  'electron/core/providers/grant.ts': 'electron/common/grant.ts',
  'renderer/src/i18n/language.ts': 'electron/common/language.ts',
};

/** Declarations that leave a file which stays: old file -> { target file, names, header of a new target }. */
const SYMBOL_MOVES = {
  'electron/core/errors.ts': {
    to: 'electron/common/failure.ts',
    names: ['FailureView'],
    header:
      "// A classified failure as it crosses the contract. Secret-free by construction: provider\n// messages and excerpts are redacted in core before one is made.\nimport type { ErrorClass, SecretField } from './profile-schema';\n",
  },
  'electron/core/vault/types.ts': {
    to: 'electron/common/vault-status.ts',
    names: ['SecretBoxStatus', 'StoreWriteReason', 'StoreWriteStatus'],
    header: '// What the renderer may know of the vault: whether secrets can be sealed here, and whether\n// changes reach the disk.\n',
  },
};

const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
const read = (path) => readFileSync(join(ROOT, path), 'utf8');
const write = (path, text) => writeFileSync(join(ROOT, path), text);
const exists = (path) => existsSync(join(ROOT, path));

// ---- 1. whole files --------------------------------------------------------------------------
/** Files moved in this run: their relative imports were written from the old folder. */
const movedNow = new Map();
for (const [from, to] of Object.entries(FILE_MOVES)) {
  if (!exists(from)) continue;
  if (exists(to)) throw new Error(`${from} and ${to} both exist: merge them by hand first`);
  mkdirSync(dirname(join(ROOT, to)), { recursive: true });
  git('mv', from, to);
  movedNow.set(to, from);
}

// ---- 2. declarations split out of files that stay ---------------------------------------------
for (const [from, { to, names, header }] of Object.entries(SYMBOL_MOVES)) {
  if (!exists(from)) continue;
  const text = read(from);
  const source = ts.createSourceFile(from, text, ts.ScriptTarget.Latest, true);
  const moving = source.statements.filter((s) => names.includes(s.name?.text));
  if (moving.length === 0) continue;
  // Leading comments (the JSDoc) go with the declaration; the file's own header comment stays.
  const startOf = (s) => (s === source.statements[0] ? s.getStart(source, true) : s.getFullStart());
  const taken = moving.map((s) => text.slice(startOf(s), s.getEnd()).replace(/^\n+/, ''));
  let rest = text;
  for (const s of [...moving].reverse()) rest = rest.slice(0, startOf(s)) + rest.slice(s.getEnd());
  rest = rest.replace(/\n{3,}/g, '\n\n');
  // The file that stays imports back what it still mentions.
  const stillUsed = names.filter((n) => new RegExp(`\\b${n}\\b`).test(rest));
  if (stillUsed.length > 0) {
    const spec = `#common/${posix.relative(COMMON, to).replace(/\.ts$/, '')}`;
    const firstImport = source.statements.find((s) => ts.isImportDeclaration(s));
    const line = `import type { ${stillUsed.join(', ')} } from '${spec}';\n`;
    const at = firstImport ? rest.indexOf(text.slice(firstImport.getStart(source), firstImport.getEnd())) : headerEnd(rest);
    rest = rest.slice(0, at) + line + rest.slice(at);
  }
  const existing = exists(to) ? read(to) : header;
  write(to, `${existing.replace(/\n*$/, '\n')}\n${taken.join('\n\n')}\n`);
  write(from, rest);
}

/** Where a file's opening comment block ends. */
function headerEnd(text) {
  const m = /^(\/\/[^\n]*\n)*/.exec(text);
  return m ? m[0].length : 0;
}

// ---- 3. imports --------------------------------------------------------------------------------
const CODE = /\.(ts|tsx|mts|mjs|js|cjs)$/;
const SKIP = new Set(['node_modules', 'out', 'dist', 'test-results', 'playwright-report', '.cache', '.git']);

function* walk(dir) {
  for (const name of readdirSync(join(ROOT, dir))) {
    if (SKIP.has(name)) continue;
    const path = dir ? `${dir}/${name}` : name;
    if (statSync(join(ROOT, path)).isDirectory()) yield* walk(path);
    else if (CODE.test(name)) yield path;
  }
}

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.mjs', '.js', '/index.ts', '/index.tsx'];

/** The repository path a specifier names from `dir`, whether or not it exists (yet). */
function resolveFrom(dir, spec) {
  const base = spec.startsWith('#common/') ? `${COMMON}${spec.slice('#common/'.length)}` : posix.normalize(posix.join(dir, spec));
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (FILE_MOVES[candidate] || SYMBOL_MOVES[candidate]) return candidate;
    if (ext !== '' && exists(candidate) && statSync(join(ROOT, candidate)).isFile()) return candidate;
  }
  return undefined;
}

/** How `importer` names `target`: `#common/…` into the folder from outside, relative otherwise. */
function specifierFor(importer, target, original) {
  const keepsIndex = !/\/index(\.\w+)?$/.test(original) && /\/index\.tsx?$/.test(target);
  const keepsExt = /\.(mjs|js|cjs|mts)$/.test(original);
  let path = keepsIndex ? target.replace(/\/index\.tsx?$/, '') : target;
  if (!keepsExt) path = path.replace(/\.(ts|tsx|mts)$/, '');
  if (target.startsWith(COMMON) && !importer.startsWith(COMMON)) return `#common/${path.slice(COMMON.length)}`;
  let rel = posix.relative(posix.dirname(importer), path);
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}

const oldPathOf = Object.fromEntries(Object.entries(FILE_MOVES).map(([from, to]) => [to, from]));
let changedFiles = 0;

for (const file of walk('')) {
  const text = read(file);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : undefined);
  const edits = [];

  /** The file a specifier meant: from where this file is, else (a file just moved, or merged
   * into its new place with imports written for the old one) from where it was. */
  const targetOf = (spec) => {
    if (!spec.startsWith('.') && !spec.startsWith('#common/')) return undefined;
    const here = resolveFrom(posix.dirname(file), spec);
    const old = oldPathOf[file];
    if (spec.startsWith('.') && old && (movedNow.has(file) || !here)) return resolveFrom(posix.dirname(old), spec) ?? here;
    return here;
  };

  const visit = (node) => {
    let literal;
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      literal = node.moduleSpecifier;
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression.getText(source);
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword || /^(require|vi\.(mock|doMock|importActual|importMock))$/.test(callee))
        literal = node.arguments[0];
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      literal = node.argument.literal;
    }
    if (literal) rewrite(node, literal);
    ts.forEachChild(node, visit);
  };

  const rewrite = (node, literal) => {
    const spec = literal.text;
    const target = targetOf(spec);
    if (!target) return;
    const moved = FILE_MOVES[target] ?? target;
    // A relative import in a file that moved was written from its old folder.
    const importerMoved =
      spec.startsWith('.') && oldPathOf[file] !== undefined && (movedNow.has(file) || !resolveFrom(posix.dirname(file), spec));
    const newSpec = moved !== target || importerMoved ? specifierFor(file, moved, spec) : spec;
    const split = SYMBOL_MOVES[target];
    const named = (ts.isImportDeclaration(node) ? node.importClause?.namedBindings : node.exportClause) ?? undefined;
    if (split && named && (ts.isNamedImports(named) || ts.isNamedExports(named))) {
      const leaving = named.elements.filter((e) => split.names.includes((e.propertyName ?? e.name).text));
      if (leaving.length > 0) {
        const staying = named.elements.filter((e) => !leaving.includes(e));
        const typeOnly = ts.isImportDeclaration(node) ? node.importClause.isTypeOnly : node.isTypeOnly;
        const keyword = ts.isImportDeclaration(node) ? 'import' : 'export';
        const names = (list) => list.map((e) => e.getText(source).replace(/^type\s+/, ''));
        const allTypes = typeOnly || leaving.every((e) => e.isTypeOnly);
        const splitSpec = specifierFor(file, split.to, spec);
        const moving = `${keyword} ${allTypes ? 'type ' : ''}{ ${allTypes ? names(leaving).join(', ') : leaving.map((e) => e.getText(source)).join(', ')} } from '${splitSpec}';`;
        const defaultPart = ts.isImportDeclaration(node) && node.importClause.name ? `${node.importClause.name.text}, ` : '';
        const kept =
          staying.length > 0 || defaultPart
            ? `${keyword} ${typeOnly ? 'type ' : ''}${defaultPart}${staying.length > 0 ? `{ ${staying.map((e) => e.getText(source)).join(', ')} }` : ''}`.replace(
                /, $/,
                '',
              ) + ` from '${newSpec}';\n`
            : '';
        edits.push([node.getStart(source), node.getEnd(), `${kept}${moving}`]);
        return;
      }
    }
    if (newSpec !== spec) edits.push([literal.getStart(source) + 1, literal.getEnd() - 1, newSpec]);
  };

  visit(source);
  if (edits.length === 0) continue;
  let out = text;
  for (const [start, end, replacement] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + replacement + out.slice(end);
  if (out !== text) {
    write(file, out);
    changedFiles += 1;
  }
}

// ---- 4. where configuration names the moved files ----------------------------------------------
for (const config of ['tsconfig.node.json', 'tsconfig.web.json']) {
  if (!exists(config)) continue;
  let text = read(config);
  for (const [from, to] of Object.entries(FILE_MOVES)) text = text.replaceAll(`"${from}"`, `"${to}"`);
  for (const [from, { to }] of Object.entries(SYMBOL_MOVES)) {
    if (text.includes(`"${from}"`) && !text.includes(`"${to}"`)) text = text.replace(`"${from}"`, `"${from}",\n    "${to}"`);
  }
  write(config, text);
}
// Node, tsx, Vite, Vitest, Playwright and TypeScript all resolve package.json "imports".
const pkg = JSON.parse(read('package.json'));
if (!pkg.imports?.['#common/*']) {
  const { name, productName, version, description, private: priv, type, main, ...rest } = pkg;
  const next = {
    name,
    productName,
    version,
    description,
    private: priv,
    type,
    main,
    imports: { '#common/*': './electron/common/*.ts' },
    ...rest,
  };
  write('package.json', `${JSON.stringify(next, null, 2)}\n`);
}

process.stdout.write(`moved ${movedNow.size} files, rewrote imports in ${changedFiles} files\n`);

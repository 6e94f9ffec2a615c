// One-off rename (issue 13 §3): one name per thing. The browser host's folder says what it is
// (electron/web -> electron/browser-host); "token file" everywhere the code said "file sink"
// (but not on the wire or in the store: the contract's setFileSink, ProfileView.fileSink and the
// stored profile's fileSink keep their names); and "core" keeps two senses only: the folder
// electron/core (the Electron-free heart) and TesseraCore (tessera-core.ts, what both hosts
// run). What main and the browser host build around it (the core, its sandbox, how to close
// them) is their composition (composition.ts, AppComposition, NodeComposition).
// Idempotent: run it again after merging a branch written against the old names, then
// `npm run typecheck`. `node scripts/rename-seams.mjs`
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const SELF = 'scripts/rename-seams.mjs';

/** Folders and files: old path -> new path, applied in this order. */
const MOVES = [
  ['electron/web', 'electron/browser-host'],
  ['electron/browser-host/node-core.ts', 'electron/browser-host/composition.ts'],
  ['electron/main/core.ts', 'electron/main/composition.ts'],
  ['electron/core/app-core.ts', 'electron/core/tessera-core.ts'],
  ['electron/core/service/file-sink.ts', 'electron/core/service/token-files.ts'],
  ['tests/unit/web', 'tests/unit/browser-host'],
];

/**
 * Text replacements in every tracked text file, in this order. Each pattern no longer matches
 * once applied, which is what makes a second run change nothing.
 */
const EVERYWHERE = [
  // Paths: in imports, spawned commands, lint globs, docs.
  [/\belectron\/web\b/g, 'electron/browser-host'],
  [/\btests\/unit\/web\//g, 'tests/unit/browser-host/'],
  [/(['"`])\.\.\/web\//g, '$1../browser-host/'],
  [/\*\*\/web\/\*\*/g, '**/browser-host/**'],
  [/\bweb\/node-core\.ts\b/g, 'browser-host/composition.ts'],
  [/\/node-core(['"])/g, '/composition$1'],
  [/\.\/node-core(['"])/g, './composition$1'],
  [/\bnode-core\.ts\b/g, 'composition.ts'],
  [/\bapp-core\b/g, 'tessera-core'],
  [/\bmain\/core\.ts\b/g, 'main/composition.ts'],
  [/(['"])([\w./-]*)\/file-sink(['"])/g, '$1$2/token-files$3'],
  [/\bfile-sink\.ts\b/g, 'token-files.ts'],
  // Names in code: the browser host.
  [/\bstartWebHost\b/g, 'startBrowserHost'],
  [/\bWebHostOptions\b/g, 'BrowserHostOptions'],
  [/\bWebHost\b/g, 'BrowserHost'],
  // Names in code: what main and the browser host compose around the core.
  [/\bAppCore\b/g, 'AppComposition'],
  [/\bNodeCore\b/g, 'NodeComposition'],
  // Names in code: token files. The host's rules for them were `tokenFiles` in CoreOptions;
  // that name now belongs to the core's TokenFiles, so the option says it is the host.
  [/\btokenFiles\?: TokenFileHost\b/g, 'tokenFileHost?: TokenFileHost'],
  [/\bopts\.tokenFiles\b/g, 'opts.tokenFileHost'],
  [/\bconst tokenFiles = opts\.tokenFileHost\b/g, 'const fileHost = opts.tokenFileHost'],
  [
    /\{ \.\.\.tokenFiles, protectedFolders: \[dirname\(opts\.store\.path\), \.\.\.tokenFiles\.protectedFolders\] \}/g,
    '{ ...fileHost, protectedFolders: [dirname(opts.store.path), ...fileHost.protectedFolders] }',
  ],
  [/\btokenFiles: \{/g, 'tokenFileHost: {'],
  [/\bFileSinks\b/g, 'TokenFiles'],
  [/\bFileSinkProblem\b/g, 'TokenFileProblem'],
  [/\bFileSinkRecord\b/g, 'TokenFileRecord'],
  [/\bfileSinks\b/g, 'tokenFiles'],
  [/\bfileSinkView\b/g, 'tokenFileView'],
  [/\bfileSinkProblem\b/g, 'tokenFilePathProblem'],
  [/\bcreateNodeCore\b/g, 'createNodeComposition'],
  [/\bvault\.setFileSink\(/g, 'vault.setTokenFile('],
  [/^( {2})setFileSink\((id: string, sink: TokenFileRecord)/gm, '$1setTokenFile($2'],
  // Prose.
  [/\bthe token file sink\b/g, 'token files'],
  [/\bWhy the file sink stopped writing\b/g, 'Why Tessera stopped writing a token file'],
  [/\(for the file sink\)/g, '(for token files)'],
  [/\bthe file sink records\b/g, 'token-files.ts records'],
  [/\bthe file sink\b/g, 'token files'],
  [/(['"])file sink\1/g, '$1token file$1'],
];

/** Replacements in the files of one folder only. */
const IN_FOLDER = {
  'electron/main/': [[/(from ['"])\.\/core(['"])/g, '$1./composition$2']],
};

/** Replacements in one file only. */
const IN_FILE = {
  'electron/main/index.ts': [[/\bappCore\b/g, 'composition']],
  // Its records were "sinks"; a record is the profile's token file (path and what was written).
  'electron/core/service/token-files.ts': [
    [/\beach sink file\b/g, 'each token file'],
    [/\ba sink's problem\b/g, "a token file's problem"],
    [/\bevery sink\b/g, 'every token file'],
    [/\ba profile's sink at\b/g, "a profile's token file at"],
    [/\bwhose sink is\b/g, 'whose token file is'],
    [/\bthe sink's path\b/g, 'its path'],
    [/\bA sink saved by\b/g, 'A token file saved by'],
    [/\bsink\b/g, 'file'],
  ],
  'README.md': [[/^ {2}web\/ {9}the browser host:/m, '  browser-host/ the browser host:']],
};

const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
const exists = (path) => existsSync(join(ROOT, path));

for (const [from, to] of MOVES) {
  if (!exists(from)) continue;
  if (exists(to)) throw new Error(`${from} and ${to} both exist: merge them by hand first`);
  mkdirSync(dirname(join(ROOT, to)), { recursive: true });
  git('mv', from, to);
}

const TEXT = /\.(ts|tsx|mts|mjs|js|cjs|json|md|yml|yaml|sh)$|(^|\/)run$/;
const SKIP = /(^|\/)(package-lock\.json|node_modules\/)/;
let changed = 0;
for (const file of git('ls-files').split('\n')) {
  if (!file || file === SELF || !TEXT.test(file) || SKIP.test(file) || !exists(file)) continue;
  const path = join(ROOT, file);
  const text = readFileSync(path, 'utf8');
  let out = text;
  const local = Object.entries(IN_FOLDER).flatMap(([folder, rules]) => (file.startsWith(folder) ? rules : []));
  for (const [pattern, replacement] of [...EVERYWHERE, ...local, ...(IN_FILE[file] ?? [])]) out = out.replace(pattern, replacement);
  if (out !== text) {
    writeFileSync(path, out);
    changed += 1;
  }
}
process.stdout.write(`rename-seams: ${changed} file(s) changed\n`);

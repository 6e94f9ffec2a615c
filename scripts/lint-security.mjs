// `npm run lint:security`: @doyensec/electronegativity over electron/ and renderer/, scanned
// together (the renderer's CSP lives in its HTML, the window in main). Fails on any finding of
// CERTAIN or FIRM confidence that is not disabled inline, on a file it could not parse (an
// unread file is an unchecked one), and on an inline `eng-disable` that gives no reason.
// `--input a,b` scans other folders (the gate's own tests use it).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { rerunUnderModernNode } from './ensure-node.mjs';

await rerunUnderModernNode();

const require = createRequire(import.meta.url);
// Its update fetches must fail fast offline instead of crashing the run.
require('./electronegativity-offline.cjs');
const electronegativity = require('@doyensec/electronegativity');

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { input: { type: 'string', default: 'electron,renderer' } } });
const inputs = values.input.split(',').map((p) => resolve(ROOT, p));
const BLOCKING = new Set(['CERTAIN', 'FIRM']);
// A justification is a check id followed by words of explanation (after ':' in code, in
// words only in HTML comments, whose directive syntax allows nothing else).
const DIRECTIVE = /eng-disable[ \t]+([A-Z_]+(?:[ \t,]+[A-Z_]+)*)(.*)/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|js|mjs|cjs|html)$/.test(name)) yield path;
  }
}

function unjustifiedDirectives() {
  const problems = [];
  for (const input of inputs) {
    for (const file of files(input)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (!line.includes('eng-disable')) return;
          const match = DIRECTIVE.exec(line);
          const reason = (match?.[2] ?? '')
            .replace(/-->.*$/, '')
            .replace(/\*\/.*$/, '')
            .replace(/^[\s:]+/, '')
            .trim();
          if (!match || reason.split(/\s+/).length < 4) problems.push(`${relative(ROOT, file)}:${i + 1}  eng-disable without a reason`);
        });
    }
  }
  return problems;
}

const scanRoot = mkdtempSync(join(tmpdir(), 'tessera-electronegativity-'));
let result;
try {
  for (const input of inputs) cpSync(input, join(scanRoot, basename(input)), { recursive: true });
  result = await electronegativity({
    input: scanRoot,
    electronVersionOverride: require('electron/package.json').version,
    isRelative: true,
    customScan: [],
    excludeFromScan: [],
  });
} finally {
  rmSync(scanRoot, { recursive: true, force: true });
}

const blocking = result.issues.filter((i) => BLOCKING.has(i.confidence.name) && !i.visibility?.inlineDisabled);
const advisory = result.issues.filter((i) => !blocking.includes(i));
const directives = unjustifiedDirectives();
const show = (i) => `${i.id} [${i.severity.name}/${i.confidence.name}] ${i.file}:${i.location.line}  ${i.description}`;

process.stdout.write(
  `electronegativity: ${result.globalChecks + result.atomicChecks} checks over ${inputs.map((p) => relative(ROOT, p)).join(', ')}\n`,
);
for (const i of advisory) process.stdout.write(`  note: ${show(i)}\n`);
for (const e of result.errors) process.stdout.write(`  FAIL could not parse ${e.file}: ${String(e.message).split('\n')[0]}\n`);
for (const i of blocking) process.stdout.write(`  FAIL ${show(i)}\n`);
for (const d of directives) process.stdout.write(`  FAIL ${d}\n`);
const failures = blocking.length + result.errors.length + directives.length;
process.stdout.write(
  failures ? `${failures} problem(s): fix them or justify them inline (eng-disable CHECK_ID: why).\n` : 'No certain or firm findings.\n',
);
process.exit(failures ? 1 : 0);

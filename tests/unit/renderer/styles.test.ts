// The renderer's style sheets are whole: a block left open (as a merge once left
// `.key-list__locked`) silently nests every later rule under it, so the bundle dialogs and the
// diagnostics fallback lost their layout with no error anywhere.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

const DIR = join(import.meta.dirname, '../../../renderer/src/styles');

/** Lines where a block opens that never closes, or where a `}` closes nothing. */
function unbalanced(css: string): string[] {
  const problems: string[] = [];
  const open: number[] = [];
  let line = 1;
  for (let i = 0; i < css.length; i++) {
    const c = css[i]!;
    if (c === '\n') line += 1;
    else if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      const stop = end === -1 ? css.length : end + 2;
      line += css.slice(i, stop).split('\n').length - 1;
      i = stop - 1;
    } else if (c === '"' || c === "'") {
      const end = css.indexOf(c, i + 1);
      i = end === -1 ? css.length : end;
    } else if (c === '{') open.push(line);
    else if (c === '}' && open.pop() === undefined) problems.push(`line ${line}: "}" closes nothing`);
  }
  return [...problems, ...open.map((l) => `line ${l}: "{" never closed`)];
}

describe('style sheets', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.css'));

  it('are found', () => {
    expect(files).toContain('app.css');
  });

  it.each(files)('%s closes every block it opens', (file) => {
    expect(unbalanced(readFileSync(join(DIR, file), 'utf8'))).toEqual([]);
  });

  it('the check finds a block left open and a stray brace', () => {
    expect(unbalanced('.a {\n  color: red;\n\n.b { color: blue; }\n')).toEqual(['line 1: "{" never closed']);
    expect(unbalanced('.a { content: "}"; }\n/* { */\n}\n')).toEqual(['line 3: "}" closes nothing']);
  });
});

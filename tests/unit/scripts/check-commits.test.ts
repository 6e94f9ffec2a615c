// `npm run lint:commits` (scripts/check-commits.mjs): a subject of 72 characters or more fails,
// counted in characters; history before the baseline is left alone; a shallow clone without
// the baseline checks what it has and says so. Runs git on throw-away repositories.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { checkCommits, MAX_SUBJECT, subjectProblem } from '../../../scripts/check-commits.mjs';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

afterAll(removeTempDirs);

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Till',
  GIT_AUTHOR_EMAIL: 'till@shop.test',
  GIT_COMMITTER_NAME: 'Till',
  GIT_COMMITTER_EMAIL: 'till@shop.test',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

function git(cwd: string, ...args: string[]): string {
  const run = spawnSync('git', args, { cwd, env: ENV, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.trim();
}

/** A repository with these commit subjects, oldest first; returns it and each commit's hash. */
function repoWith(subjects: string[]): { dir: string; hashes: string[] } {
  const dir = tempDir('tessera-commits-');
  git(dir, 'init', '--quiet', '--initial-branch=main');
  const hashes = subjects.map((subject) => {
    git(
      dir,
      'commit',
      '--quiet',
      '--allow-empty',
      '-m',
      subject,
      '-m',
      'A body line may be as long as it needs to be, the rule is about the subject only.',
    );
    return git(dir, 'rev-parse', 'HEAD');
  });
  return { dir, hashes };
}

const ok = (n: number) => 'x'.repeat(n);

describe('the subject rule', () => {
  it('takes up to 71 characters and refuses 72 or more', () => {
    expect(MAX_SUBJECT).toBe(72);
    expect(subjectProblem(ok(71))).toBeUndefined();
    expect(subjectProblem(ok(72))).toMatch(/72 characters/);
    expect(subjectProblem(ok(90))).toMatch(/90 characters/);
    expect(subjectProblem('')).toMatch(/empty/);
  });

  it('counts characters, not bytes', () => {
    // 71 characters, 73 bytes in UTF-8.
    const accented = `Configuração — ${ok(71 - 'Configuração — '.length)}`;
    expect([...accented].length).toBe(71);
    expect(subjectProblem(accented)).toBeUndefined();
  });
});

describe('checkCommits', () => {
  it('checks only the commits after the baseline and names each long one', () => {
    const { dir, hashes } = repoWith([`Old: ${ok(80)}`, 'Baseline', 'Short and fine', `New: ${ok(70)}`]);
    const result = checkCommits({ repo: dir, baselines: [hashes[1]!] });
    expect(result.ok).toBe(false);
    expect(result.lines.join('\n')).toContain(`${hashes[3]!.slice(0, 7)} New: `);
    expect(result.lines.join('\n')).not.toContain('Old: ');
    expect(result.lines.at(-1)).toBe(
      'Commit subjects: 1 of 2 are 72 characters or longer (reword them with git rebase -i before merging).',
    );
  });

  it('passes when every commit after the baseline keeps the rule', () => {
    const { dir, hashes } = repoWith([`Old: ${ok(80)}`, 'Baseline', 'Short and fine', ok(71)]);
    const result = checkCommits({ repo: dir, baselines: [hashes[1]!] });
    expect(result).toEqual({ ok: true, lines: ['Commit subjects: 2 checked, all under 72 characters.'] });
  });

  it('leaves history reachable from any baseline alone, merged branches included', () => {
    const { dir, hashes } = repoWith(['Baseline', 'Short and fine']);
    git(dir, 'checkout', '--quiet', '-b', 'side', hashes[0]!);
    git(dir, 'commit', '--quiet', '--allow-empty', '-m', `Side, before the rule: ${ok(60)}`);
    const side = git(dir, 'rev-parse', 'HEAD');
    git(dir, 'checkout', '--quiet', 'main');
    git(dir, 'merge', '--quiet', '--no-ff', '-m', 'Merge side', 'side');
    expect(checkCommits({ repo: dir, baselines: [hashes[0]!] }).ok).toBe(false);
    expect(checkCommits({ repo: dir, baselines: [hashes[0]!, side] })).toEqual({
      ok: true,
      lines: ['Commit subjects: 2 checked, all under 72 characters.'],
    });
  });

  it('in a shallow clone without the baseline, checks the commits it has and says so', () => {
    const { dir, hashes } = repoWith([`Old: ${ok(80)}`, 'Baseline', 'Short and fine', 'Also fine']);
    const clone = join(tempDir('tessera-shallow-'), 'clone');
    git(resolve(dir), 'clone', '--quiet', '--depth', '2', `file://${resolve(dir)}`, clone);
    const result = checkCommits({ repo: clone, baselines: [hashes[1]!] });
    expect(result.ok).toBe(true);
    expect(result.lines).toEqual([
      `Shallow clone without ${hashes[1]!.slice(0, 7)}: checking the commits it has; older ones are not checked.`,
      'Commit subjects: 2 checked, all under 72 characters.',
    ]);
  });

  it('a long subject in a shallow clone still fails', () => {
    const { dir, hashes } = repoWith(['Baseline', `New: ${ok(70)}`]);
    const clone = join(tempDir('tessera-shallow-'), 'clone');
    git(resolve(dir), 'clone', '--quiet', '--depth', '1', `file://${resolve(dir)}`, clone);
    const result = checkCommits({ repo: clone, baselines: [hashes[0]!] });
    expect(result.ok).toBe(false);
    expect(result.lines.at(-1)).toBe(
      'Commit subjects: 1 of 1 are 72 characters or longer (reword them with git rebase -i before merging).',
    );
  });

  it('refuses a full history that holds none of the baselines rather than judging its old subjects', () => {
    const { dir } = repoWith([`Old: ${ok(80)}`]);
    const result = checkCommits({ repo: dir, baselines: ['0123456789abcdef0123456789abcdef01234567'] });
    expect(result.ok).toBe(false);
    expect(result.lines[0]).toMatch(/None of the baselines \(0123456\) is in this repository/);
  });

  it('has nothing to check outside a git repository', () => {
    expect(checkCommits({ repo: tempDir('tessera-nogit-'), baselines: ['HEAD'] })).toEqual({
      ok: true,
      lines: ['Not a git repository: no commit subjects to check.'],
    });
  });
});

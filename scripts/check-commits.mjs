// `npm run lint:commits`: fails when a commit subject is 72 characters or longer, so `git log
// --oneline`, GitHub and e-mail patches show it whole. Only commits made after the rule are
// checked: history reachable from a baseline below keeps its longer subjects. A shallow clone
// may lack the baselines: then the commits it has are checked and the output says so.
//   node scripts/check-commits.mjs [--baseline <rev>]... [--repo <dir>]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A subject must be shorter than this, in characters (not bytes: "—" is one). */
export const MAX_SUBJECT = 72;

/**
 * Commits made before the rule: everything reachable from one of these is not checked.
 * 223a5c8: branch i13 when the rule was added (issue 13 §6). 9cee469: branch m11 (issue 11's
 * merge, stabilised in parallel) as it was then, not yet merged into i13. ffd1dd2: the component
 * tests' branch, written in parallel before the rule reached it. The last: main as issue 13
 * found it when merged (issue 11's accessibility branch was written before the rule).
 */
export const BASELINES = [
  '223a5c8db337818ddf249a862b88e570a682e81b',
  '9cee4691116199108ed209545d54262a4f96a39e',
  'ffd1dd2cc92558ae1662a19d03a95b448e5008b4',
  '745e863eb1c107501adcbdc235edc0e9987b414a',
];

/** Why a subject breaks the rule, or undefined when it keeps it. */
export function subjectProblem(subject) {
  const length = [...subject].length;
  if (length === 0) return 'the subject is empty';
  if (length >= MAX_SUBJECT) return `the subject has ${length} characters; keep it under ${MAX_SUBJECT}`;
  return undefined;
}

function git(repo, args) {
  const run = spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return { ok: run.status === 0, out: run.stdout, err: run.stderr.trim() };
}

/**
 * Checks the subjects of the commits of HEAD not reachable from a baseline. Returns the lines
 * to print and whether every subject keeps the rule.
 */
export function checkCommits({ repo = process.cwd(), baselines = BASELINES } = {}) {
  const lines = [];
  if (!git(repo, ['rev-parse', '--git-dir']).ok) return { ok: true, lines: ['Not a git repository: no commit subjects to check.'] };
  if (!git(repo, ['rev-parse', '--verify', '--quiet', 'HEAD']).ok)
    return { ok: true, lines: ['No commits yet: no commit subjects to check.'] };
  const shallow = git(repo, ['rev-parse', '--is-shallow-repository']).out.trim() === 'true';
  const present = baselines.filter((rev) => git(repo, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).ok);
  const missing = baselines.filter((rev) => !present.includes(rev));
  if (present.length === 0 && !shallow) {
    // A full history without the baseline is another project's, or rewritten: checking all of
    // it would only report subjects from before the rule.
    return {
      ok: false,
      lines: [
        `None of the baselines (${baselines.map(short).join(', ')}) is in this repository: update BASELINES in scripts/check-commits.mjs.`,
      ],
    };
  }
  if (missing.length > 0 && shallow) {
    lines.push(`Shallow clone without ${missing.map(short).join(', ')}: checking the commits it has; older ones are not checked.`);
  }
  const log = git(repo, ['log', '--format=%H%x00%s%x00', 'HEAD', ...present.map((rev) => `^${rev}`)]);
  if (!log.ok) return { ok: false, lines: [...lines, `git log failed: ${log.err}`] };
  const fields = log.out.split('\0');
  const problems = [];
  let checked = 0;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const hash = fields[i].trim();
    const subject = fields[i + 1];
    checked += 1;
    const problem = subjectProblem(subject);
    if (problem) problems.push(`${short(hash)} ${subject}\n    ${problem}`);
  }
  lines.push(...problems);
  lines.push(
    problems.length === 0
      ? `Commit subjects: ${checked} checked, all under ${MAX_SUBJECT} characters.`
      : `Commit subjects: ${problems.length} of ${checked} are ${MAX_SUBJECT} characters or longer (reword them with git rebase -i before merging).`,
  );
  return { ok: problems.length === 0, lines };
}

function short(rev) {
  return /^[0-9a-f]{40}$/.test(rev) ? rev.slice(0, 7) : rev;
}

function parseArgs(argv) {
  const options = { baselines: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = argv[i + 1];
    if ((arg === '--baseline' || arg === '--repo') && value !== undefined) {
      if (arg === '--baseline') options.baselines.push(value);
      else options.repo = value;
      i += 1;
    } else {
      throw new Error(`unknown argument ${arg}; usage: check-commits.mjs [--baseline <rev>]... [--repo <dir>]`);
    }
  }
  return { repo: options.repo, baselines: options.baselines.length > 0 ? options.baselines : BASELINES };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let result;
  try {
    result = checkCommits(parseArgs(process.argv.slice(2)));
  } catch (err) {
    result = { ok: false, lines: [String(err instanceof Error ? err.message : err)] };
  }
  for (const line of result.lines) (result.ok ? process.stdout : process.stderr).write(`${line}\n`);
  process.exitCode = result.ok ? 0 : 1;
}

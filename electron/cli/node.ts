// `npm run tessera -- <command>`: the command line in Node, on a data folder, like the browser
// host. A development and test tool; the installed app's is `Tessera --cli`.
import { nodeHost } from './node-host';
import { runCli } from './program';

// npm runs scripts in the project folder; relative paths mean the caller's folder.
const cwd = process.env.INIT_CWD ?? process.cwd();
const code = await runCli(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd },
  nodeHost(),
);
// Idle keep-alive sockets must not hold the exit; stdout is flushed first.
process.stdout.write('', () => process.exit(code));

// `npm run tessera -- <command>`: Tessera's command line (export, import, status, refresh) on a
// data folder, under a modern Node, as one process so its exit code and signals pass through.
// Use `npm run --silent tessera -- … --json` when a program reads the JSON: npm prints a header.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { rerunUnderModernNode, runForwardingSignals } from './ensure-node.mjs';

await rerunUnderModernNode();
const root = join(import.meta.dirname, '..');
// tsx by its path, so the command works from any folder, not only the project's.
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
await runForwardingSignals(process.execPath, ['--import', tsx, join(root, 'electron/cli/node.ts'), ...process.argv.slice(2)]);

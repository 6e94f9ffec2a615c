// `npm run web -- --port <n> --data-dir <dir>`: the browser host, under a modern Node, as one
// process (`node --import tsx`), so a SIGTERM sent to npm reaches the host itself.
import { rerunUnderModernNode, runForwardingSignals } from './ensure-node.mjs';

await rerunUnderModernNode();
await runForwardingSignals(process.execPath, ['--import', 'tsx', 'electron/browser-host/cli.ts', ...process.argv.slice(2)]);

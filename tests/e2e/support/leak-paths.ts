// Where the leak sweep's collection lives, shared by the fixtures that write it, the reporter
// that lists which e2e tests ran, and the sweep that reads it. No dependencies, so the reporter
// (which runs in Playwright's runner process) can import it cheaply.
import { resolve } from 'node:path';

/** One folder per e2e test; emptied by globalSetup at the start of every run. */
export const LEAK_ROOT = resolve(import.meta.dirname, '../../../test-results/leak-sweep');

/** Written by the reporter: one JSON line per e2e test that ran (any status but skipped). */
export const RAN_FILE = 'e2e-tests.jsonl';

export interface RanTest {
  id: string;
  title: string;
  file: string;
  retry: number;
  repeatEachIndex: number;
  status: string;
}

/** A test's folder name: its id, plus the retry and repeat, so neither overwrites the first run. */
export function leakFolderName(id: string, retry = 0, repeatEachIndex = 0): string {
  return `${id}${retry ? `-retry${retry}` : ''}${repeatEachIndex ? `-repeat${repeatEachIndex}` : ''}`;
}

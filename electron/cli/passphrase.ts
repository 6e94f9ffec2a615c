// Where a passphrase comes from on the command line: a file, or standard input ("-"), never an
// argument (arguments are visible to every user in the process list and kept in shell history).
// The first line is the passphrase. Typed at a terminal, it is not echoed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { CliFailure, type CliIo, EXIT } from './host';
import type { CliTexts } from './texts';

const MAX_BYTES = 64 * 1024;

export async function readPassphrase(source: string, io: CliIo, texts: CliTexts): Promise<string> {
  let raw: string;
  if (source === '-') {
    raw = io.stdin.isTTY && io.stdin.setRawMode ? await promptHidden(io, texts.t('stdinPrompt')) : await readStream(io.stdin);
  } else {
    try {
      raw = readFileSync(resolve(io.cwd, source), 'utf8');
    } catch {
      throw new CliFailure(EXIT.failed, 'passphrase-file', texts.t('errors.passphraseFile', { file: source }));
    }
  }
  const passphrase = raw.split(/\r?\n/, 1)[0] ?? '';
  if (passphrase === '') throw new CliFailure(EXIT.failed, 'passphrase-empty', texts.t('errors.passphraseEmpty', { file: source }));
  return passphrase;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > MAX_BYTES) break;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads one line from a terminal without echoing it. */
function promptHidden(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin;
  io.stderr.write(prompt);
  return new Promise((resolvePromise, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
      if (error) reject(error);
      else resolvePromise(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new CliFailure(130, 'interrupted', ''));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.setRawMode?.(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}

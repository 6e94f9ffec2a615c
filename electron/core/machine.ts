// Facts about this machine that prefill the POS identity (the OS version header).
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** A short, printable-ASCII name of the OS and its version, at most 50 characters (ETA's limit). */
export function guessOsVersion(platform: NodeJS.Platform = process.platform): string {
  let name: string;
  if (platform === 'win32') name = `${os.version()} ${os.release()}`;
  else if (platform === 'darwin') name = `macOS (Darwin ${os.release()})`;
  else name = linuxPrettyName() ?? `Linux ${os.release()}`;
  return name
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 50);
}

function linuxPrettyName(): string | undefined {
  try {
    const match = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'));
    return match?.[1];
  } catch {
    return undefined;
  }
}

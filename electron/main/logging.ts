// Core's Logger on electron-log: one line per event in <data folder>/logs/main.log (owner-only),
// echoed to the console in development. Core only passes fixed messages and secret-free fields,
// and nothing in main logs request bodies, headers or IPC inputs, so lines are written as given.
//
// electron-log's `node` entry, not `main`: `main` opens an IPC channel for renderers at import,
// can inject a preload into sessions and, in development, mirrors every main-process line to
// every window. The window must receive nothing from main but contract events.
import { join } from 'node:path';

import log from 'electron-log/node';

import type { LogFields, Logger } from '../core/logger';

export interface LoggingOptions {
  dataDir: string;
  /** Used by electron-log to fill its path variables; our path does not depend on it. */
  appName: string;
  /** Development: log debug lines and echo everything to the console. */
  development: boolean;
}

export interface AppLogger extends Logger {
  /** Where the file transport writes. */
  readonly file: string;
}

export function logFileIn(dataDir: string): string {
  return join(dataDir, 'logs', 'main.log');
}

export function setupLogging(opts: LoggingOptions): AppLogger {
  const file = logFileIn(opts.dataDir);
  const { transports } = log;
  transports.file.setAppName(opts.appName);
  transports.file.resolvePathFn = () => file;
  transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  transports.file.level = opts.development ? 'debug' : 'info';
  transports.console.level = opts.development ? 'debug' : false;
  // Belt and braces: neither sends anything anywhere with the `node` entry, and must not.
  if (transports.ipc) transports.ipc.level = false;
  if (transports.remote) transports.remote.level = false;

  const line = (message: string, fields?: LogFields) => (fields ? `${message} ${JSON.stringify(fields)}` : message);
  return {
    file,
    debug: (message, fields) => log.debug(line(message, fields)),
    info: (message, fields) => log.info(line(message, fields)),
    warn: (message, fields) => log.warn(line(message, fields)),
    error: (message, fields) => log.error(line(message, fields)),
  };
}

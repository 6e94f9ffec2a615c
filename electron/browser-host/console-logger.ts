// Core's Logger on stderr for the browser host. Core only logs fixed messages and
// secret-free fields, so this prints them as they come.
import type { LogFields, Logger } from '../core/logger';

export function consoleLogger(minLevel: 'debug' | 'info' | 'warn' | 'error' = 'info'): Logger {
  const order = ['debug', 'info', 'warn', 'error'];
  const line = (level: string) => (message: string, fields?: LogFields) => {
    if (order.indexOf(level) < order.indexOf(minLevel)) return;
    process.stderr.write(`${new Date().toISOString()} [${level}] ${message}${fields ? ' ' + JSON.stringify(fields) : ''}\n`);
  };
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}

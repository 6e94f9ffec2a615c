// The last-resort handler's own rules: redacted lines, at most N a minute (the rest counted),
// recovery at most once a minute, and nothing it does can throw.
import { EventEmitter } from 'node:events';

import { expect, it } from 'vitest';

import { installLastResort, stackPlaces } from '../../../electron/core/last-resort';
import { memoryLogger } from '../../../electron/core/logger';

function setup(now: { t: number }) {
  const target = new EventEmitter();
  const logger = memoryLogger();
  let recovered = 0;
  const lastResort = installLastResort({
    logger,
    target: target as unknown as Pick<NodeJS.Process, 'on' | 'off'>,
    linesPerMinute: 3,
    now: () => now.t,
  });
  lastResort.setRecover(() => (recovered += 1));
  return { target, logger, lastResort, recovered: () => recovered };
}

it('logs the class, code and place of each failure, never its message, and recovers', () => {
  const now = { t: 0 };
  const t = setup(now);
  t.target.emit('uncaughtException', Object.assign(new RangeError('password=hunter2 in the message'), { code: 'ERR_X' }));
  t.target.emit('unhandledRejection', 'a rejection with token eyJhbGciOi');
  expect(t.logger.lines).toHaveLength(2);
  expect(t.logger.lines[0]).toContain('"name":"RangeError"');
  expect(t.logger.lines[0]).toContain('"code":"ERR_X"');
  expect(t.logger.lines[0]).toMatch(/"at":"[^"]*last-resort\.test\.ts:\d+:\d+/);
  expect(t.logger.lines[1]).toContain('"kind":"unhandledRejection"');
  expect(t.logger.lines.join()).not.toMatch(/hunter2|eyJhbGciOi|password/);
  expect(t.recovered()).toBe(1);
});

it('logs at most N lines a minute, then says how many it did not, and recovers at most once a minute', () => {
  const now = { t: 0 };
  const t = setup(now);
  for (let i = 0; i < 10; i++) t.target.emit('uncaughtException', new Error(`boom ${i}`));
  expect(t.logger.lines).toHaveLength(3);
  expect(t.recovered()).toBe(1);
  now.t = 61_000;
  t.target.emit('uncaughtException', new Error('again'));
  expect(t.logger.lines).toHaveLength(4);
  expect(t.logger.lines[3]).toContain('"notLogged":7');
  expect(t.recovered()).toBe(2);
  expect(t.lastResort.count).toBe(11);
});

it('survives a recovery that throws, and uninstalls', () => {
  const now = { t: 0 };
  const t = setup(now);
  t.lastResort.setRecover(() => {
    throw new Error('recovery failed');
  });
  expect(() => t.target.emit('uncaughtException', new Error('x'))).not.toThrow();
  t.lastResort.uninstall();
  expect(t.target.listenerCount('uncaughtException')).toBe(0);
  expect(t.target.listenerCount('unhandledRejection')).toBe(0);
});

it('names places by function and file, without directories', () => {
  const err = new Error('m');
  err.stack =
    'Error: secret text\n    at doThing (/home/someone/app/out/main/index.js:10:5)\n    at C:\\Users\\pos\\app\\x.js:3:1\n    at file:///opt/t/y.mjs:1:2';
  expect(stackPlaces(err)).toBe('doThing@index.js:10:5 < <anonymous>@x.js:3:1 < <anonymous>@y.mjs:1:2');
  expect(stackPlaces('not an error')).toBeNull();
});

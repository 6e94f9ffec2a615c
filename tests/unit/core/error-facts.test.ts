// What a log line may say about a thrown value: its class and errno code, never its message.
import { describe, expect, it } from 'vitest';

import { errorCode, errorName } from '../../../electron/core/error-facts';

describe('errorName', () => {
  it('names the class of an error and the type of anything else thrown', () => {
    expect(errorName(new TypeError('password=hunter2'))).toBe('TypeError');
    expect(errorName('password=hunter2')).toBe('string');
    expect(errorName(null)).toBe('object');
    expect(errorName(undefined)).toBe('undefined');
  });
});

describe('errorCode', () => {
  it('gives an errno-style code and nothing that could carry input', () => {
    expect(errorCode(Object.assign(new Error('open /secret/path'), { code: 'EACCES' }))).toBe('EACCES');
    expect(errorCode(Object.assign(new Error('x'), { code: 'password=hunter2' }))).toBeNull();
    expect(errorCode(Object.assign(new Error('x'), { code: 'E'.repeat(41) }))).toBeNull();
    expect(errorCode({ code: 13 })).toBeNull();
    expect(errorCode(null)).toBeNull();
    expect(errorCode('EACCES')).toBeNull();
  });
});

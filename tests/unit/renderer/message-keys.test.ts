// Message keys are checked twice: at compile time (a misspelt key in the renderer, main or the
// command line does not type-check; the @ts-expect-error lines below fail `npm run typecheck`
// the day that stops being true) and at run time for keys that arrive as strings from core.
import { describe, expect, it } from 'vitest';

import type { AppErrorCode } from '#common/contract';

import { CliTexts } from '../../../electron/cli/texts';
import { MainI18n } from '../../../electron/main/i18n';
import type { Translate } from '../../../renderer/src/app/explain';
import { isMessageKey, knownKey } from '../../../renderer/src/i18n/keys';

describe('message keys from core', () => {
  it('are known by their full path, plural forms also by their base name', () => {
    expect(isMessageKey('validation.required')).toBe(true);
    expect(isMessageKey('summary.allOk')).toBe(true);
    expect(isMessageKey('summary.allOk_one')).toBe(true);
    expect(isMessageKey('validation')).toBe(false);
    expect(isMessageKey('validation.nope')).toBe(false);
    expect(isMessageKey('constructor')).toBe(false);
  });

  it('without a text read as "not valid", never as the key', () => {
    expect(knownKey('validation.tooLong')).toBe('validation.tooLong');
    expect(knownKey('validation.fromANewerCore')).toBe('validation.invalid');
  });
});

describe('misspelt keys do not compile', () => {
  it('in the renderer, main and the command line', () => {
    const t: Translate = (key) => key;
    const code = 'locked' as AppErrorCode;
    expect(t(`appErrors.${code}`)).toBe('appErrors.locked');
    // @ts-expect-error -- no such key
    expect(t('appErrors.nope')).toBe('appErrors.nope');
    const main = new MainI18n('en');
    expect(main.t('tray.open')).toBe('Open Tessera');
    // @ts-expect-error -- no such key
    expect(main.t('tray.opn')).toBe('tray.opn');
    const cli = new CliTexts('en');
    expect(cli.t('fields.password')).toBe('password');
    // @ts-expect-error -- no such key
    expect(cli.t('fields.passwd')).toBe('fields.passwd');
  });
});

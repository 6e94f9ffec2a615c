// Each component test file: i18n initialised as main.tsx does it (English, as the e2e suite's
// browser), and the DOM emptied after every test.
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { changeLanguage, initI18n } from '../../../renderer/src/i18n';

initI18n('en');

beforeEach(async () => {
  await changeLanguage('en');
});

afterEach(() => {
  cleanup();
  delete window.tessera;
  document.body.removeAttribute('data-ready');
});

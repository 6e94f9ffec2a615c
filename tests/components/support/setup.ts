// Each component test file: i18n initialised as main.tsx does it (English, as the e2e suite's
// browser), the one piece of layout the page needs, and the DOM emptied after every test.
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

import { changeLanguage, initI18n } from '../../../renderer/src/i18n';

initI18n('en');

// findBy… and waitFor give up after 1 s by default. These files share two cores with the
// integration suites, where a render that takes 50 ms alone can take seconds: allow 10 s, as
// tests/support/eventually.ts does. A passing test is no slower.
configure({ asyncUtilTimeout: 10_000 });

// happy-dom lays nothing out, so every size reads 0. The dashboard's virtual list renders the
// rows that fit its scrolling area: that area gets the window's size, as in a browser.
for (const [prop, size] of [
  ['clientWidth', () => window.innerWidth],
  ['clientHeight', () => window.innerHeight],
] as const) {
  const own = Object.getOwnPropertyDescriptor(HTMLElement.prototype, prop) ?? Object.getOwnPropertyDescriptor(Element.prototype, prop);
  Object.defineProperty(HTMLElement.prototype, prop, {
    configurable: true,
    get(this: HTMLElement): number {
      if (this.hasAttribute('data-scroll-container')) return size();
      return (own?.get?.call(this) as number | undefined) ?? 0;
    },
  });
}

beforeEach(async () => {
  await changeLanguage('en');
});

afterEach(() => {
  cleanup();
  delete window.tessera;
  document.body.removeAttribute('data-ready');
});

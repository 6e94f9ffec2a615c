// The last line of the renderer: a screen that fails to render (a bug, or data it did not
// expect) shows a plain message in the user's language with "Reload" instead of a white window.
// Nothing of the error is shown or kept: its message could quote what was being typed.
import i18next from 'i18next';
import { Component, type ReactNode } from 'react';

import { en } from '../i18n/locales/en';

/** A text that cannot fail: i18next when it answers, else the English catalog. */
function text(key: 'title' | 'body' | 'reload'): string {
  const fallback = key === 'reload' ? en.app.reload : en.hostHealth.crash[key];
  try {
    const value = i18next.t(key === 'reload' ? 'app.reload' : `hostHealth.crash.${key}`);
    return typeof value === 'string' && value && !value.startsWith('hostHealth.') ? value : fallback;
  } catch {
    return fallback;
  }
}

export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="splash" role="alert" data-crashed="true">
        <h1>{text('title')}</h1>
        <p>{text('body')}</p>
        <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
          {text('reload')}
        </button>
      </main>
    );
  }
}

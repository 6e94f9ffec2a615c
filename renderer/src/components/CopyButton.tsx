// Copies a text with the Clipboard API and says "Copied" on the button (and in the toast).
// Where the clipboard is refused, the text is selected instead and the user told to press
// Ctrl+C: the value must be copyable either way.
import { type RefObject, useState } from 'react';

import { store } from '../app/store';
import { useT } from '../app/use-t';

function select(element: HTMLElement | null): void {
  if (!element) return;
  if (element instanceof HTMLInputElement) {
    element.focus();
    element.select();
    return;
  }
  const selection = window.getSelection();
  selection?.selectAllChildren(element);
}

export function CopyButton({ text, label, target }: { text: string; label: string; target: RefObject<HTMLElement | null> }) {
  const { t } = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
      store.announce('posConnections.created.copied');
    } catch {
      setState('failed');
      select(target.current);
    }
  };

  return (
    <>
      <button
        type="button"
        className="button button--small copy-button"
        data-copied={state === 'copied' || undefined}
        onClick={() => void copy()}
      >
        {state === 'copied' ? (
          <>
            <span aria-hidden="true">✓ </span>
            {t('posConnections.created.copied')}
          </>
        ) : (
          label
        )}
      </button>
      {state === 'failed' && (
        <p className="copy-failed" role="alert">
          {t('posConnections.created.copyFailed')}
        </p>
      )}
    </>
  );
}

// "Copy diagnostics": puts the plain-text report of a profile's last exchanges with its provider
// (asked from core when pressed) or of a failed connection test (already at hand) on the
// clipboard, in the user's language, and says so. Where the clipboard is refused, the report is
// shown selected, so Ctrl+C copies it. The report comes from core secret-free.
import { type ReactNode, useEffect, useRef, useState } from 'react';

import type { ProviderInfo } from '#common/profile-schema';

import { diagnosticsReport } from '../app/diagnostics-report';
import { store } from '../app/store';
import { useT } from '../app/use-t';
import type { DiagnosticsView } from '../bridge/types';

/** "Copied" stays on the button this long, then it offers to copy again. */
const COPIED_MS = 5000;

type Source = { profileId: string } | { view: DiagnosticsView };

/** The button, and the panel for what goes wrong (placed by the caller, below its buttons). */
export function useCopyDiagnostics(
  source: Source,
  info: ProviderInfo | undefined,
  opts: { small?: boolean } = {},
): { button: ReactNode; panel: ReactNode } {
  const { t, lang } = useT();
  const [state, setState] = useState<'idle' | 'busy' | 'copied' | 'unavailable' | 'failed'>('idle');
  const [report, setReport] = useState<string>();
  const areaRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), COPIED_MS);
    return () => clearTimeout(timer);
  }, [state]);

  useEffect(() => {
    if (state === 'unavailable') areaRef.current?.select();
  }, [state, report]);

  const copy = async () => {
    if (state === 'busy') return;
    setState('busy');
    let view: DiagnosticsView;
    if ('view' in source) view = source.view;
    else {
      const result = await store.call((api) => api.getDiagnostics({ id: source.profileId }));
      if (!result.ok) {
        setState('failed');
        return;
      }
      view = result.value;
    }
    const text = diagnosticsReport(view, info, lang, t);
    try {
      await navigator.clipboard.writeText(text);
      setReport(undefined);
      setState('copied');
      store.announce('diagnostics.copiedNotice');
    } catch {
      setReport(text);
      setState('unavailable');
    }
  };

  const button = (
    <button
      type="button"
      className={opts.small ? 'button button--small' : 'button'}
      onClick={() => void copy()}
      title={t('diagnostics.hint')}
      aria-disabled={state === 'busy' || undefined}
      data-copy-diagnostics={state}
      data-copied={state === 'copied' || undefined}
    >
      {state === 'copied' ? (
        <>
          <span aria-hidden="true">✓ </span>
          {t('diagnostics.copied')}
        </>
      ) : state === 'busy' ? (
        t('diagnostics.copying')
      ) : (
        t('diagnostics.copy')
      )}
    </button>
  );

  const panel =
    state === 'failed' ? (
      <p className="action-error" role="alert">
        {t('diagnostics.loadFailed')}
      </p>
    ) : state === 'unavailable' && report !== undefined ? (
      <div className="diagnostics-fallback">
        <p className="copy-failed" role="alert">
          {t('diagnostics.copyFailed')}
        </p>
        <textarea
          ref={areaRef}
          className="diagnostics-fallback__report"
          readOnly
          rows={12}
          value={report}
          aria-label={t('diagnostics.reportLabel')}
        />
      </div>
    ) : null;

  return { button, panel };
}

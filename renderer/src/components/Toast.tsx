// Short confirmations ("Profile saved"), shown for a few seconds and announced politely.
import { useEffect, useState } from 'react';
import { useAppState } from '../app/store';
import { useT } from '../app/use-t';

const VISIBLE_MS = 6000;

export function Toast() {
  const { t } = useT();
  const notice = useAppState((s) => s.notice);
  const [hiddenId, setHiddenId] = useState<number>();

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setHiddenId(notice.id), VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const visible = notice && notice.id !== hiddenId;
  return (
    <div className={`toast${visible ? ' toast--visible' : ''}`} role="status" aria-live="polite">
      {visible ? t(notice.key, notice.values) : ''}
    </div>
  );
}

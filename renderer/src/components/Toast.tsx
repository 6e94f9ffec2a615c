// Short confirmations ("Profile saved"), shown for a few seconds in a corner where they cover
// nothing but the page's own margin. Seen, not heard: the Announcer says the same words.
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
    <div className={`toast${visible ? ' toast--visible' : ''}`} aria-hidden="true" data-toast="">
      {visible ? t(notice.key, notice.values) : ''}
    </div>
  );
}

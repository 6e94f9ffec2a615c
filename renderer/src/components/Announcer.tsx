// The app's one polite live region. Everything said aloud goes through it: confirmations (the
// toast's text too), a profile getting worse, the outcome of "Refresh all". Status badges and
// countdowns are not live regions, so a renewal or a ticking clock says nothing.
import { useAppState } from '../app/store';
import { useT } from '../app/use-t';
import { isMessageKey } from '../i18n/keys';

export function Announcer() {
  const { t } = useT();
  const announcement = useAppState((s) => s.announcement);
  let text = '';
  if (announcement) {
    // Values that are message keys themselves ("health.no-token") are said in words.
    const values = Object.fromEntries(
      Object.entries(announcement.values).map(([k, v]) => [
        k,
        typeof v === 'string' && v.startsWith('health.') && isMessageKey(v) ? t(v) : v,
      ]),
    );
    text = t(announcement.key, values);
  }
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-announcer="">
      {/* A new message with the same words is still said: the key changes with every message. */}
      <span key={announcement?.id}>{text}</span>
    </div>
  );
}

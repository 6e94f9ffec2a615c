// Says when a token's lifetime is Tessera's assumption rather than the provider's word (the
// provider stated none that could be used and the token carries no expiry of its own).
import { useT } from '../app/use-t';

export function LifetimeNote({ source }: { source: 'token' | 'assumed' | undefined }) {
  const { t } = useT();
  if (source !== 'assumed') return null;
  return (
    <p className="info-note" data-note="lifetime-assumed">
      {t('fieldNotes.lifetimeAssumed')}
    </p>
  );
}

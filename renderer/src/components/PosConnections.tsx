// Settings → POS connections: whether the token service runs and where, creating an access key
// (shown once, here, then forgotten), the keys that exist, and the service's options.
// The new key is state of this component only: leaving Settings unmounts it, and it is gone.
import { useEffect, useId, useRef, useState } from 'react';

import { describeService } from '../app/pos-connections';
import { store, useAppState } from '../app/store';
import { useT } from '../app/use-t';
import type { AccessKeyView } from '../bridge/types';
import { AccessKeyList } from './AccessKeyList';
import { CreatedAccessKey, type NewAccessKey } from './CreatedAccessKey';
import { useLocked } from './InstallerLock';
import { NewAccessKeyForm } from './NewAccessKeyForm';
import { ServiceOptions } from './ServiceOptions';

export function PosConnections() {
  const { t } = useT();
  const service = useAppState((s) => s.service);
  const settings = useAppState((s) => s.settings);
  const headingId = useId();
  const statusId = useId();
  const keysHeadingRef = useRef<HTMLHeadingElement>(null);
  const [created, setCreated] = useState<NewAccessKey>();
  const [keysFailed, setKeysFailed] = useState(false);
  const locked = useLocked();

  // Every visit asks again: using a key updates its "last use" without an event. The list is
  // an installer's: while locked it is not asked for, and it comes once unlocked.
  useEffect(() => {
    if (!locked) void store.loadAccessKeys().then((ok) => setKeysFailed(!ok));
  }, [locked]);

  const line = service ? describeService(service) : undefined;

  const onRevoked = (key: AccessKeyView) => {
    if (created?.accessKey.id === key.id) setCreated(undefined);
    store.announce('posConnections.revoked', { name: key.name });
    keysHeadingRef.current?.focus();
  };

  return (
    <section className="panel pos-connections" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('posConnections.title')}</h2>
      <p className="lead">{t('posConnections.intro')}</p>
      {line && (
        <div className={`service-status service-status--${line.state}`} data-service-state={line.state}>
          <span id={statusId} className="service-status__label">
            {t('posConnections.serviceLabel')}
          </span>
          {/* Polite: the service starts and stops as keys come and go, and says so. */}
          <p role="status" aria-labelledby={statusId} className="service-status__text">
            {t(line.key, line.values)}
          </p>
        </div>
      )}
      <NewAccessKeyForm onCreated={setCreated} />
      {created && (
        <CreatedAccessKey
          key={created.accessKey.id}
          created={created}
          onDone={() => {
            setCreated(undefined);
            keysHeadingRef.current?.focus();
          }}
        />
      )}
      <AccessKeyList failed={keysFailed} onRevoked={onRevoked} headingRef={keysHeadingRef} />
      {settings && <ServiceOptions settings={settings} />}
    </section>
  );
}

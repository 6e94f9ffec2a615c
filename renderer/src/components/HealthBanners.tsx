// Two conditions that put the POS programs' tokens at risk and that only Tessera can see: its
// changes are not reaching the disk (kept in memory and retried), and another program holds
// the token service's port, where POS programs may be handing it their access keys.
import { heldAddresses } from '../app/pos-connections';
import { useAppState } from '../app/store';
import { useT } from '../app/use-t';
import { Banner } from './Banners';

export function HealthBanners() {
  const { t } = useT();
  const storeWrite = useAppState((s) => s.storeWrite);
  const service = useAppState((s) => s.service);
  const held = service ? heldAddresses(service) : undefined;
  return (
    <>
      {storeWrite && !storeWrite.ok && (
        <Banner
          tone="danger"
          kind="store-write-failing"
          title={t('hostHealth.storeWrite.title')}
          body={`${t(`hostHealth.storeWrite.${storeWrite.reason}`)} ${t('hostHealth.storeWrite.kept')}`}
        />
      )}
      {service && held && (
        <Banner
          tone="danger"
          kind="service-port-held"
          title={t('hostHealth.portHeld.title', { port: service.port })}
          body={t('hostHealth.portHeld.body', { port: service.port, addresses: held })}
        />
      )}
    </>
  );
}

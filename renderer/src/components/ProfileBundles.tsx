// Settings › Other terminals: "Export profiles…" and "Import profiles…", each in its own dialog
// (ExportProfilesDialog, ImportProfilesDialog), and what the last export did.
import { useId, useState } from 'react';

import { store, useAppState } from '../app/store';
import { useT } from '../app/use-t';
import { ExportProfilesDialog } from './ExportProfilesDialog';
import { ImportProfilesDialog } from './ImportProfilesDialog';
import { lockedProps, LockMark, useLocked } from './InstallerLock';

export function ProfileBundles() {
  const { t } = useT();
  const headingId = useId();
  const hasProfiles = useAppState((s) => s.profiles.length > 0);
  const [open, setOpen] = useState<'export' | 'import'>();
  const [exported, setExported] = useState<{ file: string; count: number }>();
  const locked = useLocked();

  return (
    <section className="panel profile-bundles" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('bundles.title')}</h2>
      <p className="lead">{t('bundles.intro')}</p>
      <div className="toolbar">
        {hasProfiles && (
          <button type="button" className="button" onClick={() => void store.asInstaller(() => setOpen('export'))} {...lockedProps(locked)}>
            <LockMark />
            {t('bundles.exportButton')}
          </button>
        )}
        <button type="button" className="button" onClick={() => void store.asInstaller(() => setOpen('import'))} {...lockedProps(locked)}>
          <LockMark />
          {t('bundles.importButton')}
        </button>
      </div>
      {exported && (
        <p className="bundle-exported" data-bundle-exported>
          {t('bundles.exported', exported)}
        </p>
      )}
      {open === 'export' && (
        <ExportProfilesDialog
          onClose={() => setOpen(undefined)}
          onDone={(done) => {
            setOpen(undefined);
            setExported(done);
            store.announce('bundles.exported', done);
          }}
        />
      )}
      {open === 'import' && <ImportProfilesDialog onClose={() => setOpen(undefined)} />}
    </section>
  );
}

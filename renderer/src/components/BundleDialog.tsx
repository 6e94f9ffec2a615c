// The modal of "Export profiles…" and "Import profiles…": the native <dialog> (the browser traps
// focus, Escape closes), its passphrase and secret fields inside `data-bundle-dialog`. Mounted only
// while open, so what was typed is gone once it closes; focus goes back where it came from.
import { type ReactNode, useId, useLayoutEffect, useRef } from 'react';

export function BundleDialog({
  title,
  onClose,
  children,
  kind,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  kind: 'export' | 'import';
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="dialog dialog--wide bundle-dialog"
      aria-labelledby={titleId}
      data-bundle-dialog={kind}
      onCancel={(event) => {
        // Escape: let React decide, so the dialog and the state never disagree.
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog__title" tabIndex={-1}>
        {title}
      </h2>
      {children}
    </dialog>
  );
}

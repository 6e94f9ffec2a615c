// A card's actions, all in one place: each is an entry in a list, so a new one is one more
// entry (mind the width: a 400 px card holds three buttons and "More"). `inline` actions are buttons in the row;
// `menu-when-short` ones are buttons while the row has room and go into the "More" menu when
// it does not (a container query decides, so long Portuguese labels never wrap); `menu` ones
// are always in the menu.
import { useEffect, useId, useRef, useState } from 'react';

import { useT } from '../app/use-t';
import { lockedProps, LockMark } from './InstallerLock';

export interface CardAction {
  id: string;
  label: string;
  onSelect: () => void;
  tone?: 'primary' | 'danger' | 'default';
  place?: 'inline' | 'menu-when-short' | 'menu';
  /** Shown as busy (aria-disabled), e.g. while it runs. */
  busy?: boolean;
  /** An installer action while the app is locked: a padlock, and the lock hint for screen readers. */
  locked?: boolean;
}

const toneClass = { primary: ' button--primary', danger: ' button--quiet-danger', default: '' } as const;

export function CardActions({ name, actions }: { name: string; actions: readonly CardAction[] }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const moreRef = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const inline = actions.filter((a) => (a.place ?? 'inline') !== 'menu');
  const inMenu = actions.filter((a) => a.place === 'menu' || a.place === 'menu-when-short');
  const menuOnlyWhenShort = inMenu.every((a) => a.place === 'menu-when-short');

  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  const choose = (action: CardAction) => {
    setOpen(false);
    // Focus goes back to "More" before the action runs, so a dialog it opens returns there.
    moreRef.current?.focus();
    action.onSelect();
  };

  return (
    <div
      ref={rootRef}
      className="card-actions"
      role="group"
      aria-label={t('card.actions', { name })}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          moreRef.current?.focus();
        }
      }}
    >
      {inline.map((action) => (
        <button
          key={action.id}
          type="button"
          className={`button card-actions__button${toneClass[action.tone ?? 'default']}${action.place === 'menu-when-short' ? ' card-actions__wide-only' : ''}`}
          onClick={action.onSelect}
          aria-disabled={action.busy || undefined}
          data-busy={action.busy || undefined}
          data-action={action.id}
          {...lockedProps(!!action.locked)}
        >
          {action.locked && <LockMark />}
          {action.label}
        </button>
      ))}
      {inMenu.length > 0 && (
        <div className={`card-actions__more${menuOnlyWhenShort ? ' card-actions__more--when-short' : ''}`}>
          <button
            ref={moreRef}
            type="button"
            className="button card-actions__button"
            aria-expanded={open}
            aria-controls={menuId}
            onClick={() => setOpen((o) => !o)}
            data-action="more"
          >
            {/* Said once: "More actions for Counter 1" (it begins with the word shown). */}
            <span aria-hidden="true">{t('cardMore.moreActions')}</span>
            <span className="sr-only">{t('cardMore.moreActionsLabel', { name })}</span>
            <span aria-hidden="true" className="card-actions__caret">
              ▾
            </span>
          </button>
          <div id={menuId} className="card-actions__menu" hidden={!open} role="group" aria-label={t('cardMore.moreActionsLabel', { name })}>
            {inMenu.map((action) => (
              <button
                key={action.id}
                type="button"
                className={`button card-actions__menu-item${toneClass[action.tone ?? 'default']}`}
                onClick={() => choose(action)}
                data-action={action.id}
                {...lockedProps(!!action.locked)}
              >
                {action.locked && <LockMark />}
                {action.label}
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}

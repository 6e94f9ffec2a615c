// Every profile in the dashboard's order, rendering only the rows on screen (and a few beyond,
// so Tab and the screen reader's reading keep flowing): 1,000 profiles cost what a dozen do.
// Wide screens show full cards in a grid, one virtual row per line of cards; below 1024 px each
// profile is a compact row that expands on demand. The row holding focus stays rendered.
import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import { forwardRef, type RefObject, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react';

import { COMPACT_QUERY, useMediaQuery } from '../app/media';
import { useScrollContainer } from '../app/scroll';
import { useAppState } from '../app/store';
import { useT } from '../app/use-t';
import type { ProfileView } from '../bridge/types';
import { ProfileCard } from './ProfileCard';

const CARD_MIN_WIDTH = 380;
/**
 * Up to this many profiles every card stays rendered: a till's handful is found by the browser's
 * find-in-page and read whole by a screen reader, and costs little. Beyond it only what is on
 * screen (and the overscan) is.
 */
export const RENDER_ALL_UP_TO = 50;
const GAP = 16;

export interface ProfileListHandle {
  /** Scrolls a profile's card into view, opens it (compact rows) and moves focus to it. */
  reveal(profileId: string): void;
}

/**
 * The list's width, measured before the first paint; until then a guess from the window, so the
 * first render already lays out the right number of columns (a wrong guess is corrected before
 * anything is painted).
 */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(() => Math.min(window.innerWidth, 1280) - 48);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export const ProfileList = forwardRef<ProfileListHandle>(function ProfileList(_props, handle) {
  const { t } = useT();
  const order = useAppState((s) => s.model.order);
  const profiles = useAppState((s) => s.profiles);
  const catalog = useAppState((s) => s.catalog);
  const compact = useMediaQuery(COMPACT_QUERY);
  const scrollRef = useScrollContainer();
  const listRef = useRef<HTMLDivElement>(null);
  const width = useWidth(listRef);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const focusedRow = useRef<number | undefined>(undefined);
  const [scrollMargin, setScrollMargin] = useState(0);
  const [stickyTop, setStickyTop] = useState(0);

  const byId = useMemo(() => new Map(profiles.map((p) => [p.id, p] as const)), [profiles]);
  const columns = compact ? 1 : Math.max(1, Math.floor((width + GAP) / (CARD_MIN_WIDTH + GAP)));
  const rows = useMemo(() => {
    const out: string[][] = [];
    for (let i = 0; i < order.length; i += columns) out.push(order.slice(i, i + columns));
    return out;
  }, [order, columns]);

  // Children's refs are set before their parents': on the first layout the scrolling area is
  // found from the list itself.
  const scroller = useCallback(
    () => scrollRef.current ?? listRef.current?.closest<HTMLDivElement>('[data-scroll-container]') ?? null,
    [scrollRef],
  );

  // Where the list starts inside the scrolling area, and how much the sticky summary covers.
  useLayoutEffect(() => {
    const list = listRef.current;
    const area = scroller();
    if (!list || !area) return;
    const measure = () => {
      const top = list.getBoundingClientRect().top - area.getBoundingClientRect().top + area.scrollTop;
      setScrollMargin(Math.round(top));
      const summary = area.querySelector('.summary');
      setStickyTop(summary ? Math.round(summary.getBoundingClientRect().height) + 8 : 0);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(area);
    for (const child of area.querySelectorAll('.banners, .screen__head, .summary')) observer.observe(child);
    return () => observer.disconnect();
  }, [scroller]);

  const rangeExtractor = useCallback(
    (range: Range) => {
      if (order.length <= RENDER_ALL_UP_TO) return Array.from({ length: range.count }, (_, i) => i);
      const indexes = defaultRangeExtractor(range);
      const kept = focusedRow.current;
      if (kept !== undefined && kept < range.count && !indexes.includes(kept)) indexes.push(kept);
      return indexes.sort((a, b) => a - b);
    },
    [order.length],
  );

  // The React Compiler skips this component (TanStack Virtual hands back new functions each
  // render); nothing here relies on its memoisation.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: scroller,
    // The window's size until the scrolling area is measured, so the first render has its rows.
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    estimateSize: () => (compact ? 76 : 420),
    overscan: compact ? 4 : 1,
    gap: compact ? 8 : GAP,
    scrollMargin,
    scrollPaddingStart: stickyTop,
    getItemKey: (index) => rows[index]!.join(' '),
    rangeExtractor,
  });

  const toggle = useCallback((id: string) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const pendingFocus = useRef<string | undefined>(undefined);
  useImperativeHandle(
    handle,
    () => ({
      reveal(profileId) {
        const index = order.indexOf(profileId);
        if (index < 0) return;
        if (compact) setExpanded((current) => (current.has(profileId) ? current : new Set(current).add(profileId)));
        pendingFocus.current = profileId;
        virtualizer.scrollToIndex(Math.floor(index / columns), { align: 'start' });
      },
    }),
    [order, compact, columns, virtualizer],
  );

  // Focus follows once the card is rendered (it may be far down the list).
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    let frames = 0;
    let raf = 0;
    const tryFocus = () => {
      const card = document.getElementById(`profile-${id}`);
      if (card) {
        pendingFocus.current = undefined;
        card.focus({ preventScroll: true });
        card.scrollIntoView({ block: 'nearest' });
        return;
      }
      if (++frames < 30) raf = requestAnimationFrame(tryFocus);
    };
    raf = requestAnimationFrame(tryFocus);
    return () => cancelAnimationFrame(raf);
  });

  const items = virtualizer.getVirtualItems();
  let position = 0;
  return (
    <div
      ref={listRef}
      className={`profile-list${compact ? ' profile-list--compact' : ''}`}
      role="list"
      aria-label={t('dashboard.title')}
      data-count={order.length}
      onFocus={(event) => {
        const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
        focusedRow.current = row ? Number(row.dataset.index) : undefined;
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) focusedRow.current = undefined;
      }}
    >
      <div className="profile-list__space" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const ids = rows[item.index] ?? [];
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              role="none"
              className="profile-list__row"
              style={{ transform: `translateY(${item.start - scrollMargin}px)`, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
            >
              {ids.map((id, column) => {
                const profile: ProfileView | undefined = byId.get(id);
                position = item.index * columns + column + 1;
                if (!profile) return null;
                return (
                  <div key={id} role="listitem" aria-setsize={order.length} aria-posinset={position} className="profile-list__item">
                    <ProfileCard
                      profile={profile}
                      info={catalog.find((p) => p.id === profile.provider)}
                      compact={compact}
                      expanded={expanded.has(id)}
                      onToggle={toggle}
                    />
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
});

import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

interface Props<T> {
  items: T[];
  keyOf(item: T): string;
  nameOf(item: T): string;
  /** Saves one move: item `key` now at index `to`; `order` is the whole list's keys after it. */
  onMove(move: { key: string; to: number; order: string[] }): Promise<unknown>;
  children(item: T, index: number, controls: ComponentChildren): ComponentChildren;
  class?: string;
  label: string;
}

type Control = 'handle' | 'up' | 'down';

interface Drag {
  from: number;
  to: number;
  startY: number;
  dy: number;
  mids: number[];
  pointerId: number;
}

/**
 * An ordered list that can be rearranged three ways: dragging the handle (mouse,
 * pen or finger — pointer events, so tablets work), the arrow keys on the
 * focused handle, or the ↑/↓ buttons. Moves show at once and are announced.
 */
export function SortableList<T>({ items, keyOf, nameOf, onMove, children, label, ...rest }: Props<T>) {
  const { t } = useI18n();
  const listRef = useRef<HTMLOListElement>(null);
  const [order, setOrder] = useState<string[] | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const refocus = useRef<{ key: string; control: Control } | null>(null);
  // Moves are saved one after the other, in the order they were made; until the last
  // one is saved, the list shows the organizer's order rather than an intermediate one.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const pending = useRef(0);

  useEffect(() => {
    if (pending.current === 0) setOrder(null);
  }, [items]);
  // Reordering moves DOM nodes, which drops the focus to <body>: give it back to the moved item's handle.
  useEffect(() => {
    if (!refocus.current) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const row = listRef.current?.querySelector(`[data-sort-key="${CSS.escape(refocus.current.key)}"]`);
    const control = row?.querySelector<HTMLButtonElement>(`[data-sort-control="${refocus.current.control}"]:not(:disabled)`) ?? row?.querySelector<HTMLElement>('.drag-handle');
    control?.focus();
  });

  const byKey = new Map(items.map((item) => [keyOf(item), item]));
  const shown = order ? order.map((k) => byKey.get(k)).filter((x): x is T => x !== undefined) : items;

  const move = (from: number, to: number, control: Control = 'handle') => {
    if (to < 0 || to >= shown.length || from === to) return;
    const keys = shown.map(keyOf);
    const [key] = keys.splice(from, 1);
    keys.splice(to, 0, key!);
    setOrder(keys);
    refocus.current = { key: key!, control };
    setAnnouncement(t('sort.moved', { name: nameOf(shown[from]!), position: to + 1, total: shown.length }));
    pending.current++;
    queue.current = queue.current
      .then(() => onMove({ key: key!, to, order: keys }))
      .catch(() => {})
      .finally(() => {
        if (--pending.current === 0) setOrder(null);
      });
  };

  const onKeyDown = (index: number) => (e: KeyboardEvent) => {
    if (e.key === 'ArrowUp') move(index, index - 1);
    else if (e.key === 'ArrowDown') move(index, index + 1);
    else if (e.key === 'Home') move(index, 0);
    else if (e.key === 'End') move(index, shown.length - 1);
    else return;
    e.preventDefault();
  };

  const onPointerDown = (index: number) => (e: PointerEvent) => {
    if (e.button !== 0) return;
    const rows = [...(listRef.current?.children ?? [])] as HTMLElement[];
    const mids = rows.map((r) => {
      const box = r.getBoundingClientRect();
      return box.top + box.height / 2;
    });
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    setDrag({ from: index, to: index, startY: e.clientY, dy: 0, mids, pointerId: e.pointerId });
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    const dy = e.clientY - drag.startY;
    const center = drag.mids[drag.from]! + dy;
    let to = drag.mids.filter((mid, i) => i !== drag.from && mid < center).length;
    to = Math.max(0, Math.min(shown.length - 1, to));
    setDrag({ ...drag, dy, to });
  };
  const onPointerUp = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    setDrag(null);
    if (Math.abs(drag.dy) > 4) move(drag.from, drag.to);
  };

  return (
    <>
      <ol ref={listRef} class={`sortable ${rest.class ?? ''} ${drag ? 'is-dragging' : ''}`} aria-label={label}>
        {shown.map((item, index) => {
          const key = keyOf(item);
          const dragged = drag?.from === index;
          const style = dragged ? { transform: `translateY(${drag!.dy}px)` } : undefined;
          const dropBefore = drag && !dragged && drag.to === index && drag.to < drag.from;
          const dropAfter = drag && !dragged && drag.to === index && drag.to > drag.from;
          const controls = (
            <span class="sort-controls">
              <button
                type="button"
                class="drag-handle"
                data-sort-control="handle"
                aria-label={t('sort.handle', { name: nameOf(item) })}
                title={t('sort.handleHint')}
                onKeyDown={onKeyDown(index)}
                onPointerDown={onPointerDown(index)}
                onPointerMove={onPointerMove}
                onPointerUp={onPointerUp}
                onPointerCancel={() => setDrag(null)}
              >
                <span aria-hidden="true">⠿</span>
              </button>
              <button type="button" class="btn-icon" data-sort-control="up" aria-label={t('sort.up', { name: nameOf(item) })} disabled={index === 0} onClick={() => move(index, index - 1, 'up')}>↑</button>
              <button type="button" class="btn-icon" data-sort-control="down" aria-label={t('sort.down', { name: nameOf(item) })} disabled={index === shown.length - 1} onClick={() => move(index, index + 1, 'down')}>↓</button>
            </span>
          );
          return (
            <li key={key} data-sort-key={key} class={`${dragged ? 'dragged' : ''} ${dropBefore ? 'drop-before' : ''} ${dropAfter ? 'drop-after' : ''}`} style={style}>
              {children(item, index, controls)}
            </li>
          );
        })}
      </ol>
      <p class="sr-only" aria-live="assertive">{announcement}</p>
    </>
  );
}

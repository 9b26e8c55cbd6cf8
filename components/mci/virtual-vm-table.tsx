"use client";

import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { VmView } from "@/lib/validation/mci";
import type { VmAppState } from "@/components/apps/use-apps";
import { rowAfterKey, rowsToRender } from "./row-range";
import { COLUMNS, VmRow } from "./vm-row";

// A row's height with its two lines (name, region); rows are measured, this only places unmeasured ones.
const ROW_PX = 53;
// Rows rendered beyond each edge: enough that Tab and a quick scroll find the next row already there.
const OVERSCAN = 6;
const estimateSize = () => ROW_PX;

type Props = {
  /** The rows shown, in order: already filtered and sorted. */
  rows: readonly VmView[];
  names: ReadonlyMap<string, string>;
  selected: ReadonlySet<string>;
  openVmId: string | null;
  allTicked: boolean;
  someTicked: boolean;
  onTickAll: () => void;
  onToggle: (id: string) => void;
  onOpen: (id: string) => void;
  metric: { label: string; values: ReadonlyMap<string, number> } | null;
  /** Each VM's app states, by VM id. */
  apps?: ReadonlyMap<string, VmAppState[]>;
  hottestFirst: boolean;
  onHottestFirst: () => void;
  /** Shown under the header when there are no rows. */
  empty: ReactNode;
};

type Control = "tick" | "open";

/**
 * The VM table, virtualised: whatever the VM count, only the rows in view (and a few around them)
 * are in the DOM. It stays a table to assistive technology: `aria-rowcount` says how many rows
 * there are, each row its `aria-rowindex`. The row holding the focus is kept rendered when it
 * scrolls away; arrow keys, Page Up/Down, Home and End move between rows.
 */
export function VirtualVmTable({ rows, names, selected, openVmId, allTicked, someTicked, onTickAll, onToggle, onOpen, metric, apps, hottestFirst, onHottestFirst, empty }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  // The focused row by VM id, so it is found again when a filter or sort moves it.
  const [focusedId, setFocusedId] = useState<string | null>(null);
  // A row an arrow key asked for: focused as soon as it is rendered.
  const [moveTo, setMoveTo] = useState<{ id: string; control: Control } | null>(null);
  const focusedIndex = focusedId === null ? -1 : rows.findIndex((v) => v.id === focusedId);

  const rangeExtractor = useCallback((range: Range) => rowsToRender(defaultRangeExtractor(range), focusedIndex, range.count), [focusedIndex]);
  // Keyed by VM id: a row's measured height follows it when a filter or sort moves it.
  const getItemKey = useCallback((i: number) => rows[i].id, [rows]);
  // The virtualizer hands out fresh functions on purpose; nothing memoized downstream holds them but
  // `measureElement`, which is stable for the table's life.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: OVERSCAN,
    getItemKey,
    rangeExtractor,
  });
  const items = virtualizer.getVirtualItems();

  useLayoutEffect(() => {
    if (!moveTo) return;
    const row = bodyRef.current?.querySelector<HTMLElement>(`tr[data-vm-id="${CSS.escape(moveTo.id)}"] [data-control="${moveTo.control}"]`);
    if (!row) return;
    row.focus();
    setMoveTo(null);
  }, [moveTo, items]);

  // A VM opened from elsewhere (its link, the event log, an alert) is scrolled into view once; one
  // opened from its own row is already in view.
  const openedHere = useRef<string | null>(null);
  const revealed = useRef<string | null>(null);
  const openIndex = openVmId === null ? -1 : rows.findIndex((v) => v.id === openVmId);
  useEffect(() => {
    if (openVmId === null) {
      // Closed: the next VM opened, even the same one, is revealed again.
      revealed.current = null;
      openedHere.current = null;
      return;
    }
    if (openIndex < 0 || revealed.current === openVmId) return;
    revealed.current = openVmId;
    if (openedHere.current !== openVmId) virtualizer.scrollToIndex(openIndex, { align: "center" });
  }, [openVmId, openIndex, virtualizer]);
  const open = useCallback(
    (id: string) => {
      openedHere.current = id;
      onOpen(id);
    },
    [onOpen],
  );

  function onKeyDown(e: KeyboardEvent<HTMLTableSectionElement>) {
    const target = e.target as HTMLElement;
    const control = target.dataset.control as Control | undefined;
    const index = Number(target.closest("tr")?.dataset.index);
    if (!control || !Number.isInteger(index)) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_PX) / ROW_PX) - 1);
    const next = rowAfterKey(e.key, index, rows.length, page);
    if (next === null) return;
    e.preventDefault();
    setFocusedId(rows[next].id);
    setMoveTo({ id: rows[next].id, control });
  }

  return (
    <div ref={scrollRef} className="mt-2 min-h-0 flex-1 overflow-y-auto [overflow-anchor:none]">
      <table data-testid="vm-table" aria-rowcount={rows.length + 1} className="grid w-full text-left text-[0.95rem]">
        <thead className="sticky top-0 z-10 grid bg-panel text-sm text-slate-400">
          <tr aria-rowindex={1} className="flex w-full items-center border-b border-panel-edge">
            <th className={`${COLUMNS.tick} py-1.5`}>
              <input
                type="checkbox"
                aria-label="Select every VM shown"
                checked={allTicked}
                ref={(el) => {
                  if (el) el.indeterminate = someTicked && !allTicked;
                }}
                onChange={onTickAll}
                className="block h-4 w-4 accent-sky-400"
              />
            </th>
            <th className={`${COLUMNS.name} py-1.5 font-medium`}>VM · region</th>
            {metric && (
              <th className={`${COLUMNS.metric} py-1.5 font-medium`} aria-sort={hottestFirst ? "descending" : "none"}>
                <button type="button" onClick={onHottestFirst} title={hottestFirst ? "Back to the usual order" : "Hottest first"} className="hover:text-white">
                  {metric.label} {hottestFirst ? "↓" : "↕"}
                </button>
              </th>
            )}
            <th className={`${COLUMNS.status} py-1.5 font-medium`}>Status</th>
            <th className={`${COLUMNS.ip} py-1.5 font-medium`}>Public IP</th>
          </tr>
        </thead>
        <tbody
          ref={bodyRef}
          className="relative grid"
          style={{ height: virtualizer.getTotalSize() }}
          onKeyDown={onKeyDown}
          onFocus={(e) => {
            const id = (e.target as HTMLElement).closest("tr")?.dataset.vmId;
            if (id) setFocusedId(id);
          }}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocusedId(null);
          }}
        >
          {items.map((item) => {
            const v = rows[item.index];
            return (
              <VmRow
                key={item.key}
                vm={v}
                index={item.index}
                top={item.start}
                measureRef={virtualizer.measureElement}
                regionName={names.get(v.region) ?? v.region}
                ticked={selected.has(v.id)}
                open={v.id === openVmId}
                onToggle={onToggle}
                onOpen={open}
                metricValue={metric ? (metric.values.get(v.id) ?? null) : undefined}
                apps={apps?.get(v.id)}
              />
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 && empty}
    </div>
  );
}

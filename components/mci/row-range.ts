/**
 * The rows a virtual list renders: the visible window (with its overscan) plus the row that holds
 * the keyboard focus, wherever it is, and its two neighbours. A focused row scrolled out of view
 * stays in the DOM, so the focus is never dropped to the page, and Tab or Shift+Tab go on to the
 * next or previous row as in a plain table (the browser then scrolls it into view).
 */
export function rowsToRender(window: readonly number[], kept: number | null, count: number): number[] {
  if (kept === null || kept < 0 || kept >= count) return [...window];
  const extra = [kept - 1, kept, kept + 1].filter((i) => i >= 0 && i < count);
  return [...new Set([...window, ...extra])].sort((a, b) => a - b);
}

/** The row an arrow key moves to from `index` among `count` rows; null when it would leave the list. */
export function rowAfterKey(key: string, index: number, count: number, pageSize: number): number | null {
  const last = count - 1;
  const next =
    key === "ArrowDown" ? index + 1 : key === "ArrowUp" ? index - 1 : key === "PageDown" ? index + pageSize : key === "PageUp" ? index - pageSize : key === "Home" ? 0 : key === "End" ? last : null;
  if (next === null || count === 0) return null;
  const clamped = Math.min(last, Math.max(0, next));
  return clamped === index ? null : clamped;
}

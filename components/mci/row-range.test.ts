import { describe, expect, it } from "vitest";
import { rowAfterKey, rowsToRender } from "./row-range";

describe("rowsToRender", () => {
  it("renders the window alone when no row holds the focus, or the focused row is in it", () => {
    expect(rowsToRender([4, 5, 6], null, 100)).toEqual([4, 5, 6]);
    expect(rowsToRender([4, 5, 6], 5, 100)).toEqual([4, 5, 6]);
  });

  it("keeps a focused row scrolled out of view, with its neighbours, in index order", () => {
    expect(rowsToRender([40, 41, 42], 3, 100)).toEqual([2, 3, 4, 40, 41, 42]);
    expect(rowsToRender([0, 1, 2], 80, 100)).toEqual([0, 1, 2, 79, 80, 81]);
    expect(rowsToRender([10, 11], 0, 100)).toEqual([0, 1, 10, 11]);
    expect(rowsToRender([10, 11], 99, 100)).toEqual([10, 11, 98, 99]);
  });

  it("ignores a focused index the list no longer has (a filter took the row away)", () => {
    expect(rowsToRender([0, 1], 7, 5)).toEqual([0, 1]);
    expect(rowsToRender([0, 1], -1, 5)).toEqual([0, 1]);
  });
});

describe("rowAfterKey", () => {
  it("moves one row with the arrows, a page with Page Up/Down, to the ends with Home/End", () => {
    expect(rowAfterKey("ArrowDown", 3, 2000, 10)).toBe(4);
    expect(rowAfterKey("ArrowUp", 3, 2000, 10)).toBe(2);
    expect(rowAfterKey("PageDown", 3, 2000, 10)).toBe(13);
    expect(rowAfterKey("PageUp", 13, 2000, 10)).toBe(3);
    expect(rowAfterKey("Home", 500, 2000, 10)).toBe(0);
    expect(rowAfterKey("End", 500, 2000, 10)).toBe(1999);
  });

  it("stops at the ends and leaves other keys to the browser", () => {
    expect(rowAfterKey("ArrowUp", 0, 2000, 10)).toBeNull();
    expect(rowAfterKey("ArrowDown", 1999, 2000, 10)).toBeNull();
    expect(rowAfterKey("PageUp", 4, 2000, 10)).toBe(0);
    expect(rowAfterKey("PageDown", 1995, 2000, 10)).toBe(1999);
    expect(rowAfterKey("Tab", 3, 2000, 10)).toBeNull();
    expect(rowAfterKey("ArrowDown", 0, 0, 10)).toBeNull();
  });
});

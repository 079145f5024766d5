import { describe, expect, it } from "vitest";
import { visibleRange } from "./virtual";

describe("visibleRange", () => {
  const rows = (count: number, height = 50) => Array.from({ length: count }, () => height);

  it("draws the items in and near the viewport, spacers for the rest", () => {
    // 1,000 rows of 50 px; the viewport shows 1,000–1,600 px.
    const range = visibleRange(rows(1000), 1000, 1600, 200);
    expect(range).toEqual({ start: 16, end: 37, above: 800, below: 50_000 - 800 - 21 * 50 });
  });

  it("keeps the whole height: spacers plus drawn items", () => {
    const heights = [30, 58, 58, 30, 58, 80, 58];
    for (const viewTop of [0, 40, 120, 300]) {
      const range = visibleRange(heights, viewTop, viewTop + 100, 10);
      const drawn = heights.slice(range.start, range.end).reduce((sum, height) => sum + height, 0);
      expect(range.above + drawn + range.below).toBe(372);
    }
  });

  it("draws all of a short list, from the top", () => {
    expect(visibleRange(rows(5), 0, 800, 200)).toEqual({ start: 0, end: 5, above: 0, below: 0 });
  });

  it("draws nothing of a list scrolled out of sight, or empty", () => {
    expect(visibleRange(rows(5), 2000, 2800, 200)).toEqual({ start: 5, end: 5, above: 250, below: 0 });
    expect(visibleRange([], 0, 800, 200)).toEqual({ start: 0, end: 0, above: 0, below: 0 });
  });
});

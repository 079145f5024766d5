// A windowed list: of a long list, only the items near the viewport are in
// the page; spacers above and below keep the scroll height (and the
// scrollbar) of the whole list.

export interface Range {
  /** The first item drawn. */
  start: number;
  /** One past the last item drawn. */
  end: number;
  /** Heights of the spacers standing for the items not drawn. */
  above: number;
  below: number;
}

/**
 * The items to draw, given every item's height and the viewport as offsets
 * from the list's top: those reaching within `margin` px of it.
 */
export function visibleRange(heights: number[], viewTop: number, viewBottom: number, margin: number): Range {
  let top = 0;
  let start = heights.length;
  let end = heights.length;
  let above = 0;
  let drawn = 0;
  for (let index = 0; index < heights.length; index++) {
    const height = heights[index]!;
    if (top > viewBottom + margin) {
      end = index;
      break;
    }
    if (start === heights.length && top + height > viewTop - margin) {
      start = index;
      above = top;
    }
    if (start !== heights.length) drawn += height;
    top += height;
  }
  const total = heights.reduce((sum, height) => sum + height, 0);
  if (start === heights.length) return { start, end: start, above: total, below: 0 };
  return { start, end, above, below: total - above - drawn };
}

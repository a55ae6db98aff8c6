/**
 * Where the hotline chart draws its plot, in CSS pixels from the chart's edges.
 * Fixed so that a day's column can be found from its index alone (the browser
 * test taps a day by it).
 */
export const CHART_GRID = { left: 44, right: 32, top: 28, bottom: 28 } as const;

/** The x of the middle of day `index` of `count` (a category axis: each day a column of equal width). */
export function dayCenterX(index: number, count: number, width: number): number {
  const plot = width - CHART_GRID.left - CHART_GRID.right;
  return CHART_GRID.left + ((index + 0.5) * plot) / count;
}

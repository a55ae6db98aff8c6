/** Eight block heights, lowest first. */
const BARS = '▁▂▃▄▅▆▇█';

/** What stands for a day without a number: a gap the eye reads as "no report". */
export const SPARK_GAP = '·';

/**
 * A one-line chart of a few numbers: the smallest as ▁, the largest as █,
 * the rest in between; a missing day (null) as `·`. All equal: a flat ▄ line.
 * Empty input gives an empty string. Written by hand: eight characters and a
 * division do not need a library.
 */
export function sparkline(values: readonly (number | null)[]): string {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return SPARK_GAP.repeat(values.length);
  const min = Math.min(...present);
  const max = Math.max(...present);
  return values
    .map((value) => {
      if (value === null) return SPARK_GAP;
      if (max === min) return BARS[3]!;
      return BARS[Math.round(((value - min) / (max - min)) * (BARS.length - 1))]!;
    })
    .join('');
}

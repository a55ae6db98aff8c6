/** The value at quantile `q` (0.5 the median, 0.95 the p95) of `values`: the sorted value at floor(q·n); 0 for none. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/**
 * The lines of a Markdown table (header, rule, rows), each column padded to
 * its widest cell: the first `leftColumns` columns (names) aligned left, the
 * rest (figures) right. Every benchmark section prints its rows this way.
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], leftColumns: number): string[] {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const left = (i: number) => i < leftColumns;
  const format = (cells: readonly string[]) => `| ${cells.map((cell, i) => (left(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (left(i) ? ':' : '-') + '-'.repeat(w) + (left(i) ? '-' : ':')).join('|')}|`;
  return [format(header), rule, ...rows.map(format)];
}

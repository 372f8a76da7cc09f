/** A Markdown table, padded so that it also reads well in a terminal; columns after the first are right-aligned. */
export function markdownTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const pad = (cell: string, column: number) =>
    column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!);
  const line = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = line(widths.map((width, column) => (column === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)));
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

export const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

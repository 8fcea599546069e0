import { visibleLength } from './style';

/** A column of an aligned table. */
export interface Column {
  header: string;
  /** Numbers are right-aligned, as in the per-ENI report. */
  align?: 'left' | 'right';
}

/** A cell: its text, and how to colour it once padded. */
export type Cell = string | { text: string; paint?: (text: string) => string };

const GAP = '  ';

/**
 * Lines of an aligned table: columns as wide as their widest cell, two
 * spaces apart, numbers right-aligned, no trailing spaces. Colour is put on
 * after padding, so it never shifts a column.
 */
export function renderTable(
  columns: Column[],
  rows: Cell[][],
  options: { header?: (text: string) => string } = {},
): string[] {
  const text = (cell: Cell | undefined) =>
    typeof cell === 'string' ? cell : cell?.text ?? '';
  const widths = columns.map((column, i) =>
    Math.max(
      visibleLength(column.header),
      ...rows.map(row => visibleLength(text(row[i]))),
    ),
  );
  const pad = (value: string, i: number, paint = (t: string) => t) => {
    const space = ' '.repeat(Math.max(0, widths[i] - visibleLength(value)));
    return columns[i].align === 'right'
      ? space + paint(value)
      : paint(value) + space;
  };
  const line = (cells: string[]) => cells.join(GAP).replace(/\s+$/, '');
  const header = line(
    columns.map((column, i) => pad(column.header, i, options.header)),
  );
  return [
    header,
    ...rows.map(row =>
      line(
        columns.map((_, i) => {
          const cell = row[i];
          return pad(
            text(cell),
            i,
            typeof cell === 'object' ? cell.paint : undefined,
          );
        }),
      ),
    ),
  ];
}

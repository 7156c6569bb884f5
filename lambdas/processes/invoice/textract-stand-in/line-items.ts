import {
  type DetectedField,
  type DetectedLineItem,
  type Span,
  spanOfLines,
} from '../../../../local/emulators/textract/detected.ts';
import { horizontalOverlap } from '../../../../local/emulators/textract/geometry.ts';
import { type Line, rowsOf } from '../../../../local/emulators/textract/text-layout.ts';
import { type ColumnType, columnType, labelKind } from './labels.ts';

/**
 * The line-item table: a header row naming description, quantity, unit price and amount columns
 * (any three of them, in any of the three languages), then one row per item until the totals begin
 * or the rows stop. Cells go to the column whose header they sit under.
 */

export interface DetectedTable {
  readonly lineItems: readonly DetectedLineItem[];
  /** Every LINE the table used (header and rows), so that no summary field is read from it. */
  readonly lines: ReadonlySet<Line>;
}

interface Column {
  readonly type: ColumnType;
  readonly header: Line;
}

interface ItemRows {
  readonly cells: Map<Column, Line[]>;
  readonly rows: Line[][];
}

/** A row this far (× font size) below the previous one is no longer part of the table. */
const maxRowGap = 2.5;

export function detectLineItems(lines: readonly Line[]): DetectedTable {
  const rows = rowsOf(lines);
  const headerAt = rows.findIndex((row) => headerColumns(row) !== null);
  const header = rows[headerAt];
  const columns = header === undefined ? null : headerColumns(header);
  if (header === undefined || columns === null) return { lineItems: [], lines: new Set() };
  const used = new Set<Line>(header);
  const items: ItemRows[] = [];
  let previous = header;
  for (const row of rows.slice(headerAt + 1)) {
    if (endsTable(row, previous)) break;
    const cells = new Map<Column, Line[]>();
    for (const line of row) {
      const column = columnOf(line, columns);
      cells.set(column, [...(cells.get(column) ?? []), line]);
      used.add(line);
    }
    const last = items.at(-1);
    const onlyDescription = [...cells.keys()].every((c) => c.type === 'ITEM');
    if (last !== undefined && onlyDescription) continueItem(last, cells, row);
    else items.push({ cells, rows: [row] });
    previous = row;
  }
  return { lineItems: items.map((item) => toLineItem(item, columns)), lines: used };
}

/** The header's columns, or null when the row does not read as a table header. */
function headerColumns(row: readonly Line[]): Column[] | null {
  const named = row.flatMap((header): Column[] => {
    const type = columnType(header.text);
    return type === null ? [] : [{ type, header }];
  });
  // A `Price` column with no amount column beside it is the amount.
  const columns = named.some((c) => c.type === 'PRICE')
    ? named
    : named.map((c): Column => (c.type === 'UNIT_PRICE' ? { ...c, type: 'PRICE' } : c));
  const types = new Set(columns.map((c) => c.type));
  const enough = types.size >= 3 || (types.has('ITEM') && types.has('PRICE'));
  return enough && columns.length >= row.length * 0.6 ? columns : null;
}

function endsTable(row: readonly Line[], previous: readonly Line[]): boolean {
  const top = Math.min(...row.map((l) => l.box.top));
  const bottom = Math.max(...previous.map((l) => l.box.bottom));
  const size = Math.max(...row.map((l) => l.fontSize));
  if (top - bottom > maxRowGap * size) return true;
  // The totals under the table (`Subtotal`, `MwSt. 19 %`, `Total TTC`) end it.
  return row.some((line) => {
    const kind = labelKind(line.text) ?? labelKind(line.text.split(':')[0] ?? '');
    return kind !== null && kind !== 'OTHER';
  });
}

/** The column whose header overlaps the cell most, else the nearest one. */
function columnOf(line: Line, columns: readonly Column[]): Column {
  const scored = columns.map((column) => ({
    column,
    overlap: horizontalOverlap(line.box, column.header.box),
  }));
  scored.sort((a, b) => b.overlap - a.overlap);
  const best = scored[0];
  if (best === undefined) throw new Error('A table has at least one column');
  return best.column;
}

/** A wrapped description: the row's text joins the item's description and row on a new line. */
function continueItem(item: ItemRows, cells: Map<Column, Line[]>, row: Line[]): void {
  for (const [column, lines] of cells) item.cells.set(column, [...(item.cells.get(column) ?? []), ...lines]);
  item.rows.push(row);
}

function toLineItem(item: ItemRows, columns: readonly Column[]): DetectedLineItem {
  const fields: DetectedField[] = columns.flatMap((column) => {
    const lines = item.cells.get(column);
    if (lines === undefined) return [];
    return [{ type: column.type, label: spanOfLines([column.header]), value: cellSpan(lines) }];
  });
  const rowTexts = item.rows.map((row) => spanOfLines(row));
  const row: Span = {
    text: rowTexts.map((r) => r.text).join('\n'),
    words: rowTexts.flatMap((r) => r.words),
  };
  return { fields: [...fields, { type: 'EXPENSE_ROW', label: null, value: row }], row };
}

/** Lines of one cell: side by side on one row joined by a space, stacked ones by a newline. */
function cellSpan(lines: readonly Line[]): Span {
  const rows = rowsOf(lines).map((row) => spanOfLines(row));
  return { text: rows.map((r) => r.text).join('\n'), words: rows.flatMap((r) => r.words) };
}

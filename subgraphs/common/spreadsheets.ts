import ExcelJS from 'exceljs';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { invalidInput } from './errors';

/**
 * Officers' exchange formats: a grid of cells as an XLSX workbook (one sheet per grid) or as
 * CSV (UTF-8 with a byte-order mark, so Excel opens Vietnamese text correctly), and back.
 */
export enum SheetFormat {
  XLSX = 'XLSX',
  CSV = 'CSV',
}
registerEnumType(SheetFormat, { name: 'SheetFormat' });

export type Cell = string | number | null;

export interface Sheet {
  name: string;
  rows: Cell[][];
  /** Column widths in characters. */
  widths?: number[];
}

@ObjectType({ description: 'A file to download, its content in base64' })
export class ExportedFile {
  @Field()
  filename: string;

  @Field()
  contentType: string;

  @Field()
  base64: string;
}

const CONTENT_TYPES: Record<SheetFormat, string> = {
  [SheetFormat.XLSX]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  [SheetFormat.CSV]: 'text/csv; charset=utf-8',
};

const BOM = '\uFEFF';

function csvCell(cell: Cell): string {
  const text = cell === null ? '' : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The sheets as one file: every sheet of a workbook, or in CSV the sheets one after another, a blank line between. */
export async function exportSheets(format: SheetFormat, basename: string, sheets: Sheet[]): Promise<ExportedFile> {
  let content: Buffer;
  if (format === SheetFormat.XLSX) {
    const workbook = new ExcelJS.Workbook();
    for (const sheet of sheets) {
      const worksheet = workbook.addWorksheet(sheet.name);
      worksheet.addRows(sheet.rows);
      sheet.widths?.forEach((width, index) => (worksheet.getColumn(index + 1).width = width));
    }
    content = Buffer.from(await workbook.xlsx.writeBuffer());
  } else {
    const lines = sheets.map((sheet) => sheet.rows.map((row) => row.map(csvCell).join(',')).join('\r\n'));
    content = Buffer.from(BOM + lines.join('\r\n\r\n') + '\r\n', 'utf8');
  }
  return { filename: `${basename}.${format.toLowerCase()}`, contentType: CONTENT_TYPES[format], base64: content.toString('base64') };
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') (cell += '"'), (index += 1);
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') row.push(cell), (cell = '');
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

/**
 * The first sheet of an uploaded file as text cells, rows from 0 (a workbook's formulas give their
 * results). Refuses content that is not base64 of a file in `format`, naming `field`.
 */
export async function importSheet(format: SheetFormat, base64: string, field = 'content'): Promise<string[][]> {
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}$/.test(base64)) throw invalidInput(field, 'must be base64');
  const content = Buffer.from(base64, 'base64');
  if (format === SheetFormat.CSV) return parseCsv(content.toString('utf8').replace(/^\uFEFF/, ''));
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    throw invalidInput(field, 'is not an XLSX workbook');
  }
  const worksheet = workbook.worksheets[0];
  if (!worksheet) throw invalidInput(field, 'the workbook has no sheet');
  const rows: string[][] = [];
  worksheet.eachRow({ includeEmpty: true }, (row, number) => {
    rows[number - 1] = Array.from({ length: row.cellCount }, (_, index) => row.getCell(index + 1).text);
  });
  return Array.from(rows, (row) => row ?? []);
}

import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import unzipper from 'unzipper';
import { invalidInput } from './errors';
import type { SheetValue } from './sheet-values';
import { t } from './messages';

/**
 * Officers' exchange formats: a grid of cells as an XLSX workbook (one sheet per grid) or as
 * CSV (UTF-8 with a byte-order mark, so Excel opens Vietnamese text correctly), and back.
 */
export enum SheetFormat {
  XLSX = 'XLSX',
  CSV = 'CSV',
}
registerEnumType(SheetFormat, {
  name: 'SheetFormat',
  description: 'A spreadsheet format officers exchange files in',
  valuesConfig: {
    XLSX: { description: 'An Excel workbook' },
    CSV: { description: 'Comma-separated values in UTF-8 with a byte-order mark' },
  },
});

export type Cell = string | number | null;

export interface Sheet {
  name: string;
  rows: Cell[][];
  /** Column widths in characters. */
  widths?: number[];
}

@Directive('@shareable') // teams' workbooks, resources' papers
@ObjectType({ description: 'A file to download, its content in base64' })
export class ExportedFile {
  @Field({ description: 'The file’s name, to save it under' })
  filename: string;

  @Field({ description: 'The file’s media type, e.g. application/pdf' })
  contentType: string;

  @Field({ description: 'The file’s content, in base64' })
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
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}$/.test(base64)) throw invalidInput(field, t('problems.notBase64'));
  const content = Buffer.from(base64, 'base64');
  if (format === SheetFormat.CSV) return parseCsv(content.toString('utf8').replace(/^\uFEFF/, ''));
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    throw invalidInput(field, t('problems.notXlsx'));
  }
  const worksheet = workbook.worksheets[0];
  if (!worksheet) throw invalidInput(field, t('problems.noSheet'));
  const rows: string[][] = [];
  worksheet.eachRow({ includeEmpty: true }, (row, number) => {
    rows[number - 1] = Array.from({ length: row.cellCount }, (_, index) => row.getCell(index + 1).text);
  });
  return Array.from(rows, (row) => row ?? []);
}

/** Content larger than this is refused before it is decoded (a province's roster is a few megabytes). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** The bytes of an uploaded file sent as base64, refused (naming `field`) when not base64 or too large. */
export function decodeUpload(base64: string, field = 'content'): Buffer {
  if (base64.length > Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 4) throw invalidInput(field, t('problems.fileTooLarge', { value: MAX_UPLOAD_BYTES / 1024 / 1024 }));
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}$/.test(base64)) throw invalidInput(field, t('problems.notBase64'));
  return Buffer.from(base64, 'base64');
}

export interface SheetRow {
  /** The row's number as the officer sees it in Excel (from 1). */
  number: number;
  cells: SheetValue[];
}

/** An exceljs cell value as text, number or date: rich text joined, a formula's result, a hyperlink's text. */
function plainValue(value: ExcelJS.CellValue): SheetValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return plainValue((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return null;
}

/** Text of a CSV: UTF-8 (a byte-order mark dropped by the parser), or, when it is not valid UTF-8, one byte per character as legacy encodings are. */
function csvText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return content.toString('latin1');
  }
}

/** `;` when the first lines have more of them than commas (Excel under Vietnamese settings), else `,`. */
function csvDelimiter(text: string): ';' | ',' {
  const start = text.split(/\r?\n/, 20).join('\n');
  const count = (char: string) => start.split(char).length;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * The rows of the first sheet of an uploaded file, read as a stream: an XLSX through exceljs's
 * streaming parsers (never the whole workbook in memory; see `firstWorksheet`), a CSV through csv-parse (`;` or `,`,
 * UTF-8 with or without a byte-order mark). Refuses a file that is not `format`, naming `field`.
 */
export async function* readSheetRows(format: SheetFormat, content: Buffer, field = 'content'): AsyncGenerator<SheetRow> {
  if (format === SheetFormat.CSV) {
    const text = csvText(content);
    const parser = Readable.from([text]).pipe(
      parse({ delimiter: csvDelimiter(text.replace(/^\uFEFF/, '')), bom: true, relax_column_count: true, relax_quotes: true, info: true }),
    );
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        yield { number: info.lines, cells: record.map((cell) => (cell === '' ? null : cell)) };
      }
    } catch (error) {
      throw invalidInput(field, t('problems.unreadableCsv', { value: (error as Error).message }));
    }
    return;
  }
  if (content.subarray(0, 2).toString('latin1') !== 'PK') throw invalidInput(field, t('problems.notXlsx'));
  let sheet: ExcelJS.stream.xlsx.WorksheetReader | undefined;
  try {
    sheet = await firstWorksheet(content);
    for await (const row of sheet ?? []) {
      const values = row.values as ExcelJS.CellValue[];
      yield { number: row.number, cells: values.slice(1).map(plainValue) };
    }
  } catch (error) {
    throw invalidInput(field, t('problems.unreadableXlsx', { value: (error as Error).message }));
  }
  if (!sheet) throw invalidInput(field, t('problems.noSheet'));
}

/** The parts of exceljs's streaming reader `firstWorksheet` drives (its own parsers, not in its types). */
interface WorkbookParts {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string }[] };
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncIterable<unknown>;
  _parseStyles(part: Readable): Promise<void>;
  _parseWorksheet(rows: Readable, sheetNo: string): Iterable<{ value: ExcelJS.stream.xlsx.WorksheetReader }>;
}

/**
 * The workbook's first sheet (its first tab), its rows still to be streamed.
 *
 * Not through exceljs's own `WorkbookReader` loop: it reads the zip in one pass (unzipper's
 * Parse), parks a sheet stored before the shared strings (Excel and exceljs both store them so)
 * in a temporary file, and when the parser reaches the zip's end meanwhile (a busy disk), Parse
 * announces the end with parts still unread, which are then lost: the workbook part (a TypeError,
 * "file unreadable") or the shared strings (every text cell empty). exceljs/exceljs#3064, open; no
 * exceljs release since 4.4.0, pinned in package.json for these internals. We hold the whole
 * upload anyway, so its parts are taken through the zip's central directory in the order the
 * reader needs them, and handed to the reader's own parsers.
 */
async function firstWorksheet(content: Buffer): Promise<ExcelJS.stream.xlsx.WorksheetReader | undefined> {
  const zip = await unzipper.Open.buffer(content);
  const part = (path: string) => zip.files.find((file) => file.path === path)?.stream() as Readable | undefined;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' });
  const parts = reader as unknown as WorkbookParts;

  const relations = part('xl/_rels/workbook.xml.rels');
  const book = part('xl/workbook.xml');
  if (!relations || !book) return undefined;
  await parts._parseRels(relations);
  await parts._parseWorkbook(book);
  const sharedStrings = part('xl/sharedStrings.xml');
  // Kept on the reader ('cache'): the parser yields nothing to read here.
  if (sharedStrings) for await (const _ of parts._parseSharedStrings(sharedStrings)) void _;
  const styles = part('xl/styles.xml');
  if (styles) await parts._parseStyles(styles);

  const first = parts.model?.sheets?.[0];
  const target = parts.workbookRels?.find((relation) => relation.Id === first?.rId)?.Target ?? '';
  // A relation's target is relative to xl/, or absolute from the zip's root.
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const sheetNo = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(path)?.[1];
  const rows = part(path);
  if (!sheetNo || !rows) return undefined;
  for (const { value } of parts._parseWorksheet(rows, sheetNo)) return value;
  return undefined;
}

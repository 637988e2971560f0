import { execFile } from 'node:child_process';
import ExcelJS from 'exceljs';
import type { ExportedFile } from '../spreadsheets';

/** Reads a PDF (base64 on standard input) and prints its text. */
const EXTRACT = `
const { PDFParse } = require('pdf-parse');
let input = '';
process.stdin.on('data', (chunk) => (input += chunk)).on('end', async () => {
  const parser = new PDFParse({ data: Buffer.from(input, 'base64') });
  process.stdout.write((await parser.getText()).text);
  await parser.destroy();
});`;

/**
 * The text of a PDF file, read back the way a reader's copy-and-paste sees it (pdf.js through
 * pdf-parse). In a Node process of its own: pdf.js loads its worker as an ES module, which Jest's
 * CommonJS sandbox cannot import.
 */
export async function pdfText(file: ExportedFile): Promise<string> {
  expect(file.contentType).toBe('application/pdf');
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', EXTRACT], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    child.stdin!.end(file.base64);
  });
}

/** The first sheet of an XLSX file as rows of cell texts, from row 1. */
export async function workbookRows(file: ExportedFile): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  workbook.worksheets[0].eachRow((row, number) => {
    rows[number - 1] = Array.from({ length: row.cellCount }, (_, index) => row.getCell(index + 1).text);
  });
  return Array.from(rows, (row) => row ?? []);
}

/** Vietnamese abbreviations a heading may be written in capitals: Số thứ tự. */
const ABBREVIATIONS = new Set(['STT']);

/**
 * The headings of every sheet of an XLSX file that look like an enum code (`GUIDED_ONLINE_PAYMENT`)
 * instead of words: each sheet's name and its tables' header rows (those starting with "STT").
 */
export async function codeLikeHeadings(file: ExportedFile): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
  const headings = workbook.worksheets.flatMap((sheet) => {
    const found = [sheet.name];
    sheet.eachRow((row) => {
      if (row.getCell(1).text.trim() === 'STT') found.push(...Array.from({ length: row.cellCount }, (_, index) => row.getCell(index + 1).text.trim()));
    });
    return found;
  });
  return headings.filter((heading) => /^[A-Z_]+$/.test(heading) && !ABBREVIATIONS.has(heading));
}

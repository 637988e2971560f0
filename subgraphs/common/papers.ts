import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { registerEnumType } from 'type-graphql';
import { exportSheets, SheetFormat, type Cell, type ExportedFile, type Sheet } from './spreadsheets';

/**
 * Printable papers in the layout of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP):
 * the issuing body and the number on the left, the national heading on the right, the place and
 * date under it, the title, the body, signature blocks. Built with pdfkit; the text is set in
 * Noto Serif, shipped as TTF by an npm package (full Vietnamese glyphs), embedded in every file.
 */

const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf'),
  italic: require.resolve('@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf'),
} as const;
type FontName = keyof typeof FONT_FILES;

/** The fonts' bytes, read from disk once per process. */
let fonts: Record<FontName, Buffer> | undefined;
function fontBytes(): Record<FontName, Buffer> {
  fonts ??= Object.fromEntries(Object.entries(FONT_FILES).map(([name, file]) => [name, readFileSync(file)])) as Record<FontName, Buffer>;
  return fonts;
}

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập – Tự do – Hạnh phúc';

export interface PaperHeading {
  /** The body above the issuer, e.g. `UBND XÃ TAM QUANG` (optional). */
  superior?: string;
  /** Who issues the paper, e.g. `Tổ công nghệ số cộng đồng Bản Xốp Cháo`. */
  issuer: string;
  /** The paper's number, e.g. `17227/2025/0007`; printed as `Số: …`. */
  number?: string;
  /** Where it is issued, e.g. `Tam Quang`. */
  place: string;
  /** ISO date (YYYY-MM-DD). */
  date: string;
}

export interface Signature {
  /** e.g. `NGƯỜI NỘP TIỀN`, `THỦ QUỸ`. */
  title: string;
  /** Printed under the space for the signature, when known. */
  name?: string | null;
}

export interface Column {
  heading: string;
  /** Share of the text width. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** A table cell: text, or a figure (amounts, quantities) grouped the Vietnamese way in a PDF and kept a number in a workbook. */
export type TableCell = string | number | bigint;

export type PaperBlock =
  | { paragraph: string; font?: FontName; align?: 'left' | 'center' | 'right' | 'justify' }
  /** A label and its value on one line, e.g. `Họ tên người nộp: …`. */
  | { label: string; value: string }
  | { columns: Column[]; rows: TableCell[][]; /** Row indexes set in bold (totals, section headings). */ bold?: number[] };

/** What a paper is printed as: a PDF to sign, or a workbook in the same layout to keep working on. */
export enum PaperFormat {
  PDF = 'PDF',
  XLSX = 'XLSX',
}
registerEnumType(PaperFormat, { name: 'PaperFormat', description: 'What a paper is printed as: a PDF to sign, or a workbook in the same layout to keep working on', valuesConfig: { PDF: { description: 'PDF to print and sign' }, XLSX: { description: 'Excel workbook in the same layout' } } });

function cellText(cell: TableCell): string {
  return typeof cell === 'string' ? cell : formatMoney(cell);
}

export interface Paper {
  heading: PaperHeading;
  title: string;
  /** Under the title, in italics, e.g. the period. */
  subtitle?: string;
  blocks: PaperBlock[];
  signatures: Signature[];
}

/** `ngày 05 tháng 10 năm 2025`, the way dates are written on papers. */
export function paperDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `ngày ${day} tháng ${month} năm ${year}`;
}

/** Levels' words that start a unit's name: the place on a paper is the name without them. */
const LEVEL_WORDS = /^(Tỉnh|Thành phố|Xã|Phường|Đặc khu|Thị trấn|Huyện|Quận|Thị xã|Bản|Thôn|Ấp|Làng|Tổ dân phố|Khu phố|Buôn|Sóc|Khối)\s+/iu;

/** Where a paper is issued, from the unit's name: `Xã Tam Quang` → `Tam Quang`. */
export function placeName(unitName: string): string {
  return unitName.replace(LEVEL_WORDS, '');
}

/** `05/10/2025`. */
export function shortDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** An amount in đồng grouped the Vietnamese way, exact whatever its size: `1.234.567`. */
export function formatMoney(amount: number | bigint): string {
  const digits = BigInt(amount).toString();
  const negative = digits.startsWith('-');
  const grouped = (negative ? digits.slice(1) : digits).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return negative ? `-${grouped}` : grouped;
}

const MARGIN = { top: 57, bottom: 57, left: 85, right: 57 }; // 2 cm, 2 cm, 3 cm, 2 cm as the decree asks
const SIZE = 12;
const CELL_PADDING = 3;

class PaperWriter {
  readonly doc = new PDFDocument({ size: 'A4', margins: MARGIN, info: {}, bufferPages: false });
  private readonly left = MARGIN.left;
  private readonly width = this.doc.page.width - MARGIN.left - MARGIN.right;

  constructor(title: string) {
    for (const [name, bytes] of Object.entries(fontBytes())) this.doc.registerFont(name, bytes);
    this.doc.info.Title = title;
    this.doc.font('regular').fontSize(SIZE);
  }

  private text(text: string, x: number, y: number, width: number, font: FontName, align: 'left' | 'center' | 'right' | 'justify' = 'left', size = SIZE): number {
    this.doc.font(font).fontSize(size);
    this.doc.text(text, x, y, { width, align });
    return this.doc.heightOfString(text, { width });
  }

  private rule(x: number, y: number, width: number): void {
    this.doc.moveTo(x, y).lineTo(x + width, y).lineWidth(0.5).stroke();
  }

  heading({ superior, issuer, number, place, date }: PaperHeading): void {
    const top = this.doc.y;
    const leftWidth = this.width * 0.42;
    const rightX = this.left + this.width * 0.4;
    const rightWidth = this.width * 0.6;
    let leftY = top;
    if (superior) leftY += this.text(superior.toUpperCase(), this.left, leftY, leftWidth, 'regular', 'center', 11);
    leftY += this.text(issuer.toUpperCase(), this.left, leftY, leftWidth, 'bold', 'center', 11);
    this.rule(this.left + leftWidth * 0.3, leftY + 2, leftWidth * 0.4);
    leftY += 8;
    if (number) leftY += this.text(`Số: ${number}`, this.left, leftY, leftWidth, 'regular', 'center', 11);

    let rightY = top;
    rightY += this.text(NATIONAL_NAME, rightX, rightY, rightWidth, 'bold', 'center', 11);
    rightY += this.text(NATIONAL_MOTTO, rightX, rightY, rightWidth, 'bold', 'center', 12);
    this.rule(rightX + rightWidth * 0.25, rightY + 2, rightWidth * 0.5);
    rightY += 8;
    rightY += this.text(`${place}, ${paperDate(date)}`, rightX, rightY, rightWidth, 'italic', 'center', 12);

    this.doc.y = Math.max(leftY, rightY) + 18;
  }

  title(title: string, subtitle?: string): void {
    this.doc.y += this.text(title.toUpperCase(), this.left, this.doc.y, this.width, 'bold', 'center', 14);
    if (subtitle) this.doc.y += this.text(subtitle, this.left, this.doc.y, this.width, 'italic', 'center');
    this.doc.y += 12;
  }

  private room(height: number): void {
    if (this.doc.y + height > this.doc.page.height - MARGIN.bottom) {
      this.doc.addPage();
      this.doc.y = MARGIN.top;
    }
  }

  block(block: PaperBlock): void {
    if ('paragraph' in block) {
      this.doc.font(block.font ?? 'regular').fontSize(SIZE);
      this.room(this.doc.heightOfString(block.paragraph, { width: this.width }));
      this.doc.text(block.paragraph, this.left, this.doc.y, { width: this.width, align: block.align ?? 'justify' });
      this.doc.y += 4;
    } else if ('label' in block) {
      this.doc.font('regular').fontSize(SIZE);
      const line = `${block.label}: ${block.value}`;
      this.room(this.doc.heightOfString(line, { width: this.width }));
      this.doc.text(`${block.label}: `, this.left, this.doc.y, { width: this.width, continued: true }).font('bold').text(block.value);
      this.doc.y += 2;
    } else this.table(block.columns, block.rows, new Set(block.bold ?? []));
  }

  private table(columns: Column[], cells: TableCell[][], bold: Set<number>): void {
    const rows = cells.map((row) => row.map(cellText));
    const share = columns.reduce((sum, column) => sum + column.width, 0);
    const widths = columns.map((column) => (this.width * column.width) / share);
    const size = SIZE - 1;
    const drawRow = (cells: string[], font: FontName, align?: 'center') => {
      this.doc.font(font).fontSize(size);
      const height = Math.max(...cells.map((cell, index) => this.doc.heightOfString(cell, { width: widths[index] - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
      this.room(height);
      const y = this.doc.y;
      let x = this.left;
      cells.forEach((cell, index) => {
        this.doc.rect(x, y, widths[index], height).lineWidth(0.5).stroke();
        this.doc.font(font).fontSize(size).text(cell, x + CELL_PADDING, y + CELL_PADDING, { width: widths[index] - 2 * CELL_PADDING, align: align ?? columns[index].align ?? 'left' });
        x += widths[index];
      });
      this.doc.y = y + height;
    };
    drawRow(
      columns.map((column) => column.heading),
      'bold',
      'center',
    );
    rows.forEach((row, index) => drawRow(row, bold.has(index) ? 'bold' : 'regular'));
    this.doc.y += 10;
  }

  signatures(signatures: Signature[]): void {
    if (signatures.length === 0) return;
    this.room(110);
    const top = this.doc.y + 6;
    const width = this.width / signatures.length;
    signatures.forEach((signature, index) => {
      const x = this.left + index * width;
      let y = top;
      y += this.text(signature.title.toUpperCase(), x, y, width, 'bold', 'center');
      y += this.text('(Ký, ghi rõ họ tên)', x, y, width, 'italic', 'center', 10);
      if (signature.name) this.text(signature.name, x, y + 60, width, 'bold', 'center');
    });
  }
}

/** The paper as a PDF file's bytes. */
export function renderPaper(paper: Paper): Promise<Buffer> {
  const writer = new PaperWriter(paper.title);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    writer.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    writer.doc.on('end', () => resolve(Buffer.concat(chunks)));
    writer.doc.on('error', reject);
  });
  writer.heading(paper.heading);
  writer.title(paper.title, paper.subtitle);
  paper.blocks.forEach((block) => writer.block(block));
  writer.signatures(paper.signatures);
  writer.doc.end();
  return done;
}

/** The paper as a file to download (see `ExportedFile`). */
export async function exportPaper(basename: string, paper: Paper): Promise<ExportedFile> {
  const content = await renderPaper(paper);
  return { filename: `${basename}.pdf`, contentType: 'application/pdf', base64: content.toString('base64') };
}

/** Rows given to the signature blocks in a workbook: the title, the hint, space to sign. */
const SIGNATURE_ROWS = 5;

/**
 * The paper as one worksheet in the same layout, top to bottom: the heading (issuer on the left,
 * the national heading on the right), the title, the blocks, the signature blocks side by side.
 * Figures stay numbers while exact (every amount of one record is; a total past 2^53 is written as text).
 */
export function paperSheet(name: string, paper: Paper): Sheet {
  const columns = paper.blocks.reduce((most, block) => ('columns' in block ? Math.max(most, block.columns.length) : most), 4);
  const right = Math.floor(columns / 2);
  const row = (left: Cell, rightText: Cell = null): Cell[] => {
    const cells: Cell[] = Array.from({ length: columns }, () => null);
    cells[0] = left;
    cells[right] = rightText;
    return cells;
  };
  const { superior, issuer, number, place, date } = paper.heading;
  const rows: Cell[][] = [
    row(superior?.toUpperCase() ?? issuer.toUpperCase(), NATIONAL_NAME),
    row(superior ? issuer.toUpperCase() : null, NATIONAL_MOTTO),
    row(number ? `Số: ${number}` : null, `${place}, ${paperDate(date)}`),
    [],
    [paper.title.toUpperCase()],
    ...(paper.subtitle ? [[paper.subtitle]] : []),
    [],
  ];
  const tableWidths: number[] = [];
  for (const block of paper.blocks) {
    if ('paragraph' in block) rows.push([block.paragraph]);
    else if ('label' in block) rows.push([`${block.label}:`, block.value]);
    else {
      rows.push(block.columns.map((column) => column.heading));
      for (const cells of block.rows) {
        rows.push(cells.map((cell) => (typeof cell === 'string' ? cell : Number.isSafeInteger(Number(cell)) ? Number(cell) : cellText(cell))));
      }
      rows.push([]);
      block.columns.forEach((column, index) => (tableWidths[index] = Math.max(tableWidths[index] ?? 0, Math.round(column.width * 8))));
    }
  }
  if (paper.signatures.length > 0) {
    const place = (index: number) => Math.floor((index * columns) / paper.signatures.length);
    const line = (text: (signature: Signature) => string | null | undefined): Cell[] => {
      const cells: Cell[] = Array.from({ length: columns }, () => null);
      paper.signatures.forEach((signature, index) => (cells[place(index)] = text(signature) ?? null));
      return cells;
    };
    rows.push(
      line((signature) => signature.title.toUpperCase()),
      line(() => '(Ký, ghi rõ họ tên)'),
      ...Array.from({ length: SIGNATURE_ROWS - 3 }, () => []),
      line((signature) => signature.name),
    );
  }
  return { name, rows, widths: Array.from({ length: columns }, (_, index) => Math.max(tableWidths[index] ?? 0, 14)) };
}

/** The paper as a PDF, or as a workbook of one sheet in the same layout. */
export function exportPaperAs(format: PaperFormat, basename: string, paper: Paper, sheetName = paper.title): Promise<ExportedFile> {
  return format === PaperFormat.PDF ? exportPaper(basename, paper) : exportSheets(SheetFormat.XLSX, basename, [paperSheet(sheetName.slice(0, 31), paper)]);
}

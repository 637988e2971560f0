import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { readSheetRows, SheetFormat, type SheetRow } from './spreadsheets';

async function xlsx(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function rowsOf(content: Buffer, format = SheetFormat.XLSX): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readSheetRows(format, content)) rows.push(row);
  return rows;
}

const refusalOf = (content: Buffer) => rowsOf(content).then(
  () => undefined,
  (error: { message: string; extensions: { code: string; field: string } }) => ({ ...error.extensions, message: error.message }),
);

describe('reading an uploaded workbook', () => {
  const LIST = [
    ['Mã', 'Tên', 'Số hộ'],
    ['93001', 'Xã Nậm Lúc', 412],
  ];

  it("reads a sheet stored before the workbook's shared strings whole, even on a busy disk", async () => {
    // exceljs (and Excel) store the sheet before the shared strings and the workbook part last:
    // exceljs's one-pass reader parked the sheet in a temporary file and, when that was slow,
    // lost the parts after it (exceljs/exceljs#3064). Every file opened here answers 20 ms late.
    const content = await xlsx((workbook) => workbook.addWorksheet('Danh mục').addRows([...LIST, ['93002', { richText: [{ text: 'Xã ' }, { text: 'Cốc Lầu' }] }, 95]]));
    const open = fs.open;
    const slowOpen = jest.spyOn(fs, 'open').mockImplementation(((...args: unknown[]) => {
      const done = args.pop() as (...result: unknown[]) => void;
      (open as (...openArgs: unknown[]) => void)(...args, (...result: unknown[]) => setTimeout(() => done(...result), 20));
    }) as typeof fs.open);
    try {
      expect(await rowsOf(content)).toEqual([
        { number: 1, cells: ['Mã', 'Tên', 'Số hộ'] },
        { number: 2, cells: ['93001', 'Xã Nậm Lúc', 412] },
        { number: 3, cells: ['93002', 'Xã Cốc Lầu', 95] },
      ]);
    } finally {
      slowOpen.mockRestore();
    }
  });

  it('reads the first tab, wherever its sheet is stored', async () => {
    const content = await xlsx((workbook) => {
      workbook.addWorksheet('Ghi chú').addRow(['Danh sách ở trang đầu']);
      workbook.addWorksheet('Danh mục').addRows(LIST);
      // The note's tab moved after the list's (exceljs orders tabs by orderNo, not in its types).
      const tab = (name: string) => workbook.getWorksheet(name) as ExcelJS.Worksheet & { orderNo: number };
      tab('Ghi chú').orderNo = tab('Danh mục').orderNo + 1;
    });
    expect((await rowsOf(content)).map(({ cells }) => cells[0])).toEqual(['Mã', '93001']);
  });

  it('refuses, naming the field, a file that is not a workbook or cannot be read', async () => {
    expect(await refusalOf(Buffer.from('Mã;Tên\n93001;Xã Nậm Lúc'))).toEqual({ code: 'BAD_USER_INPUT', field: 'content', message: expect.stringContaining('không phải') });
    const broken = (await xlsx((workbook) => workbook.addWorksheet('Danh mục').addRows(LIST))).subarray(0, 300);
    expect(await refusalOf(broken)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content', message: expect.stringContaining('không phải là tệp bảng tính XLSX đọc được') });
  });
});

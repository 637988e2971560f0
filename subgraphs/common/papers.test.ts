import { NATIONAL_MOTTO, NATIONAL_NAME, exportPaper, formatMoney, paperDate } from './papers';
import { pdfText } from './testing/papers';

it('prints the national heading, the issuer, number, date, a table and signature blocks in Vietnamese', async () => {
  const file = await exportPaper('giay', {
    heading: { superior: 'UBND xã Tam Quang', issuer: 'Tổ công nghệ số cộng đồng Bản Xốp Cháo', number: '17227/2025/0007', place: 'Tam Quang', date: '2025-10-05' },
    title: 'Phiếu thu',
    subtitle: 'Liên 1: lưu',
    blocks: [
      { label: 'Họ tên người nộp tiền', value: 'Ông Nguyễn Văn Hưởng' },
      { paragraph: 'Lý do nộp: ủng hộ Ngày hội chuyển đổi số của bản.' },
      { columns: [{ heading: 'Nội dung', width: 3 }, { heading: 'Thành tiền', width: 1, align: 'right' }], rows: [['Tiền mặt', formatMoney(12_345_678)], ['Tổng cộng', formatMoney(12_345_678)]], bold: [1] },
    ],
    signatures: [{ title: 'Người nộp tiền' }, { title: 'Thủ quỹ', name: 'Lò Thị Mai' }],
  });
  expect(file.filename).toBe('giay.pdf');
  const text = (await pdfText(file)).replace(/\s+/g, ' ');
  for (const expected of [
    NATIONAL_NAME,
    NATIONAL_MOTTO,
    'UBND XÃ TAM QUANG',
    'TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG BẢN XỐP CHÁO',
    'Số: 17227/2025/0007',
    'Tam Quang, ngày 05 tháng 10 năm 2025',
    'PHIẾU THU',
    'Ông Nguyễn Văn Hưởng',
    'ủng hộ Ngày hội chuyển đổi số của bản.',
    '12.345.678',
    'NGƯỜI NỘP TIỀN',
    'THỦ QUỸ',
    'Lò Thị Mai',
  ]) {
    expect(text).toContain(expected);
  }
});

it('breaks a long table across pages and keeps every row', async () => {
  const rows = Array.from({ length: 120 }, (_, index) => [`Mục số ${index + 1}`, formatMoney(index * 1000)]);
  const text = await pdfText(
    await exportPaper('dai', {
      heading: { issuer: 'Xã Tam Quang', place: 'Tam Quang', date: '2025-12-31' },
      title: 'Sổ thu chi',
      blocks: [{ columns: [{ heading: 'Nội dung', width: 3 }, { heading: 'Số tiền', width: 1 }], rows }],
      signatures: [{ title: 'Người lập' }],
    }),
  );
  const lines = text.split('\n');
  rows.forEach(([item, amount]) => expect(lines).toContain(`${item} ${amount}`));
  expect(Number(/-- 1 of (\d+) --/.exec(text)?.[1])).toBeGreaterThan(1);
  expect(lines.indexOf('NGƯỜI LẬP')).toBeGreaterThan(lines.indexOf('Mục số 120 119.000'));
});

it('groups money exactly, beyond 2^53 and below zero', () => {
  expect(formatMoney(0)).toBe('0');
  expect(formatMoney(1_000)).toBe('1.000');
  expect(formatMoney(-600_000)).toBe('-600.000');
  expect(formatMoney(9_007_199_254_740_993n)).toBe('9.007.199.254.740.993');
  expect(paperDate('2025-01-09')).toBe('ngày 09 tháng 01 năm 2025');
});

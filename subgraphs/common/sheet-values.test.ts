import { toTCVN3 } from 'vietnamese-conversion';
import { unicodeToVni } from './vni';
import { LegacyEncoding, fromLegacyVietnamese, normalisePhone, parseBirthYear, parseSheetDate } from './sheet-values';

const NAMES = ['Nguyễn Văn Đức', 'Lò Thị Hương', 'Bản Xốp Cháo', 'Hoàng Thị Ánh Tuyết', 'Phạm Ngọc Ẩn'.replace('Ẩ', 'Â'), 'Vừ A Dơ', 'Trưởng thôn Khe Chóng', 'Đinh Thị Mỹ Lệ'];

describe('legacy Vietnamese encodings', () => {
  it('encodes VNI as VNI fonts show it', () => {
    expect(unicodeToVni('Nguyễn Văn Đức, Trưởng thôn, Phạm Ngọc Ẩn, Vừ A Dơ, Lò Thị Hương, Ỷ Ỵ')).toBe(
      'Nguyeãn Vaên Ñöùc, Tröôûng thoân, Phaïm Ngoïc AÅn, Vöø A Dô, Loø Thò Höông, YÛ Î',
    );
  });


  it.each(NAMES)('converts %s typed in TCVN3 and in VNI back to Unicode, saying which', (name) => {
    expect(fromLegacyVietnamese(toTCVN3(name, 'unicode'))).toEqual({ text: name, from: LegacyEncoding.TCVN3 });
    expect(fromLegacyVietnamese(unicodeToVni(name))).toEqual({ text: name, from: LegacyEncoding.VNI });
  });

  it('leaves Unicode text, plain ASCII and other scripts as they are', () => {
    for (const text of [...NAMES, 'Nguyen Van Duc', 'Владимир', '0912 345 678', '']) expect(fromLegacyVietnamese(text)).toEqual({ text });
  });
});

describe('phone numbers', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['84912345678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['091-234-5678', '0912345678'],
    [912345678, '0912345678'], // Excel dropped the leading zero of a number
    ['(0203) 3826 123', '02033826123'],
    ['2033826123', '02033826123'],
  ])('reads %p as %s', (value, phone) => expect(normalisePhone(value)).toBe(phone));

  it.each(['12345', 'không có', '+1 202 555 0100', '09123456789012'])('refuses %p', (value) => expect(normalisePhone(value)).toBeNull());
});

describe('dates', () => {
  it.each([
    [45853, '2025-07-15'], // an Excel serial
    ['45853', '2025-07-15'],
    [new Date(Date.UTC(2025, 6, 15)), '2025-07-15'],
    ['15/07/2025', '2025-07-15'],
    ['5/7/2025', '2025-07-05'],
    ['15-07-2025', '2025-07-15'],
    ['15.07.2025', '2025-07-15'],
    ['2025-07-15', '2025-07-15'],
    ['ngày 15 tháng 7 năm 2025', '2025-07-15'],
  ])('reads %p as %s', (value, date) => expect(parseSheetDate(value)).toBe(date));

  it.each(['31/02/2025', '07/15/2025', '12', 'hôm qua', 99999999])('refuses %p', (value) => expect(parseSheetDate(value)).toBeNull());

  it('reads years of birth as years or dates', () => {
    expect([parseBirthYear('1990'), parseBirthYear(1990), parseBirthYear('03/04/1985'), parseBirthYear('khoảng 30')]).toEqual([1990, 1990, 1985, null]);
  });
});

import { z } from 'zod';

/** Rules the API also checks, said in Vietnamese before anything is sent. */
export const phone = z
  .string()
  .trim()
  .transform((value) => value.replace(/[\s.]/g, ''))
  .pipe(z.string().regex(/^(0|\+84)\d{9,10}$/, 'Số điện thoại chưa đúng (ví dụ 0912345678)'));

export const text = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .min(min, min <= 1 ? `Xin nhập ${what}` : `${what[0].toUpperCase()}${what.slice(1)} cần ít nhất ${min} ký tự`)
    .max(max, `${what[0].toUpperCase()}${what.slice(1)} dài quá ${max} ký tự`);

/** A date as the browser's date input gives it (YYYY-MM-DD). */
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Xin chọn ngày');

export const referenceCode = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[A-Z0-9]{6,16}$/, 'Mã tra cứu gồm 8 chữ và số, ví dụ K7QX2M9A'));

/** Money as people type it ("1.500.000", "1 500 000 ₫") → whole đồng as the API's digit string. */
export const money = z
  .string()
  .trim()
  .transform((value) => value.replace(/[\s.₫đ]/gi, ''))
  .pipe(z.string().regex(/^[1-9]\d{0,12}$/, 'Số tiền là số đồng lớn hơn 0, ví dụ 1.500.000'));

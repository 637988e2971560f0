import { toTCVN3, toUnicode } from 'vietnamese-conversion';
import { unicodeToVni, vniToUnicode } from './vni';

/**
 * The values officers type into provinces' spreadsheets, read the way they are really typed:
 * phone numbers in every common form, dates as Excel serials or text, and names typed in the
 * legacy Vietnamese encodings (TCVN3/ABC with the .VnTime fonts, VNI) that many local
 * government files still hold. TCVN3's table comes from `vietnamese-conversion`, VNI's from
 * ./vni (see why there); telling which encoding a text is in (it has no marker) is ours.
 */

/** A cell as a reader gives it: text, a number (Excel stores phones and serial dates as numbers), a date, or blank. */
export type SheetValue = string | number | Date | null;

/** The text of a cell, trimmed, whitespace runs made one space ('' when blank). */
export function textOf(value: SheetValue): string {
  if (value === null) return '';
  if (value instanceof Date) return isoDate(value);
  return String(value).replace(/\s+/g, ' ').trim();
}

/**
 * A Vietnamese phone number as 0 and 9 or 10 digits (`0912345678`), from `+84 912 345 678`,
 * `0912.345.678`, `84912345678`, or `912345678` (the leading zero Excel drops from a number);
 * null when it is not one.
 */
export function normalisePhone(value: SheetValue): string | null {
  let digits = textOf(value).replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  if (!/^\d+$/.test(digits)) return null;
  if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) digits = `0${digits.slice(2)}`;
  // A mobile (3, 5, 7, 8, 9…) or landline (2…) number whose leading zero was lost.
  if (!digits.startsWith('0') && (digits.length === 9 || digits.length === 10)) digits = `0${digits}`;
  return /^0\d{9,10}$/.test(digits) ? digits : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function validDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || year > 2100 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return isoDate(date);
}

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug folded in), in its 1900 date system. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Serial numbers of plausible dates (1950 to 2100): a bare number outside is not taken for a date. */
const SERIALS = { from: 18_264, to: 73_051 };

/**
 * A calendar date as `yyyy-mm-dd` from an Excel date (a Date or a serial number, even as
 * text), `dd/mm/yyyy` (also with `-` or `.`, Vietnamese order: day first), `yyyy-mm-dd`, or
 * `ngày 15 tháng 7 năm 2025`; null when it is none of these.
 */
export function parseSheetDate(value: SheetValue): string | null {
  if (value instanceof Date) return isoDate(value);
  const text = textOf(value);
  if (/^\d+(\.\d+)?$/.test(text)) {
    const serial = Math.floor(Number(text));
    if (serial < SERIALS.from || serial > SERIALS.to) return null;
    return isoDate(new Date(EXCEL_EPOCH + serial * 86_400_000));
  }
  let match = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/.exec(text);
  if (match) return validDate(Number(match[3]), Number(match[2]), Number(match[1]));
  match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) return validDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(?:ngày\s*)?(\d{1,2})\s*tháng\s*(\d{1,2})\s*(?:năm\s*)?(\d{4})$/i.exec(text);
  if (match) return validDate(Number(match[3]), Number(match[2]), Number(match[1]));
  return null;
}

/** A year of birth from `1990`, a date of birth in any form parseSheetDate reads, or null. */
export function parseBirthYear(value: SheetValue): number | null {
  const text = textOf(value);
  if (/^\d{4}$/.test(text)) {
    const year = Number(text);
    return year >= 1900 && year <= 2100 ? year : null;
  }
  const date = parseSheetDate(value);
  return date ? Number(date.slice(0, 4)) : null;
}

/** Vietnamese in Unicode (NFC): ASCII and the Latin letters with Vietnamese diacritics. */
const VIETNAMESE_LETTERS =
  'àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ';
const VIETNAMESE = new Set([...VIETNAMESE_LETTERS, ...VIETNAMESE_LETTERS.toUpperCase()]);

/** Characters of the Latin-1 range that Vietnamese text in Unicode does not use: the mark of a legacy encoding. */
function foreignCharacters(text: string): number {
  let count = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xa0 && code <= 0xff && !VIETNAMESE.has(char)) count += 1;
  }
  return count;
}

function isVietnameseUnicode(text: string): boolean {
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (code >= 0x80 && !VIETNAMESE.has(char)) return false;
  }
  return true;
}

export enum LegacyEncoding {
  TCVN3 = 'TCVN3',
  VNI = 'VNI',
}

const LEGACY: { encoding: LegacyEncoding; decode: (text: string) => string; encode: (text: string) => string }[] = [
  { encoding: LegacyEncoding.TCVN3, decode: (text) => toUnicode(text, 'tcvn3'), encode: (text) => toTCVN3(text, 'unicode') },
  { encoding: LegacyEncoding.VNI, decode: vniToUnicode, encode: unicodeToVni },
];

export interface ConvertedText {
  text: string;
  /** The legacy encoding it was typed in; undefined when it was Unicode already. */
  from?: LegacyEncoding;
}

/** VNI writes a vowel's marks as a second character after it (`a` + `ù` = `á`); these stand alone (đ, ơ, ư, some i and y). */
const VNI_MARKS = new Set('ùøûõïéèúüëáàåãäâê');
const VNI_ALONE = new Set('ñôöíìæóòî');
const ASCII_VOWEL = /[aeiouy]/i;

/**
 * Whether text reads as VNI: every mark follows a vowel (or ô, ö) of its own case, and no
 * letter turns uppercase in the middle of a word. TCVN3 text seldom does: its one-byte vowels
 * follow consonants and many of them look like uppercase Latin-1 letters (`NguyÔn`).
 */
function looksLikeVni(text: string): boolean {
  const chars = [...text];
  return chars.every((char, index) => {
    const lower = char.toLowerCase();
    const previous = chars[index - 1] ?? ' ';
    const upper = char !== lower;
    const previousIsLower = previous !== previous.toUpperCase();
    if (VNI_MARKS.has(lower)) return (ASCII_VOWEL.test(previous) || 'ôöÔÖ'.includes(previous)) && previousIsLower !== upper;
    if (VNI_ALONE.has(lower)) return !(upper && previousIsLower);
    return true;
  });
}

/**
 * Text typed in TCVN3 or VNI (it shows as `NguyÔn V¨n §øc` or `Nguyeãn Vaên Ñöùc` in a
 * Unicode font) converted to Unicode. An encoding is taken only when the text has characters
 * Vietnamese Unicode never uses, and converting gives clean Vietnamese that converts back to
 * the very same text. Both often do (almost every Latin-1 character is a Vietnamese letter in
 * TCVN3): then VNI when the text reads as VNI (see looksLikeVni), else TCVN3.
 * Anything else (Unicode already, or another script) is left as it is.
 */
export function fromLegacyVietnamese(raw: string): ConvertedText {
  if (foreignCharacters(raw) === 0 || /[^\u0000-\u00ff]/.test(raw)) return { text: raw };
  const clean = LEGACY.flatMap(({ encoding, decode, encode }) => {
    const text = decode(raw).normalize('NFC');
    return isVietnameseUnicode(text) && encode(text) === raw ? [{ encoding, text }] : [];
  });
  const chosen = clean.length > 1 ? clean.find(({ encoding }) => (encoding === LegacyEncoding.VNI) === looksLikeVni(raw)) : clean[0];
  return chosen ? { text: chosen.text, from: chosen.encoding } : { text: raw };
}

/**
 * Vietnamese text compared the way officers mean it: without diacritics, case or punctuation
 * (`Thôn/Bản` = `thon ban`, `Bản Xốp Cháo` = `ban xop chao`).
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The words that begin a village's or commune's name, left out when a file names it without them. */
const UNIT_WORDS = /^(thon|ban|ap|xom|lang|buon|plei|soc|khu pho|khu|to dan pho|to|khoi|xa|phuong|thi tran|dac khu) /;

/** A unit's name as a file may write it: `Bản Xốp Cháo`, `Xốp Cháo`, `ban xop chao` all match. */
export function unitNameKey(name: string): string {
  const folded = foldVietnamese(name);
  return folded.replace(UNIT_WORDS, '') || folded;
}

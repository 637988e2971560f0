/**
 * The VNI Windows encoding of Vietnamese, by hand: `vietnamese-conversion` (used for TCVN3)
 * decodes VNI's ư and ơ with a tone wrongly (`Ñöùc` gives `Đưùc`, not `Đức`), and no other
 * maintained npm package converts VNI. VNI writes a vowel as its base letter followed by one
 * character for its hat or breve and tone together (`a` + `á` = `ấ`, `a` + `ù` = `á`); ơ, ư,
 * đ and some forms of i and y are single characters. The table is built from that rule over
 * Unicode's decomposition of each letter, so it has no typing errors to hide.
 */

const TONES = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const; // sắc, huyền, hỏi, ngã, nặng
/** The tone characters after a plain vowel (also ơ and ư), after a hat (â ê ô) and after a breve (ă): sắc, huyền, hỏi, ngã, nặng. */
const PLAIN = ['ù', 'ø', 'û', 'õ', 'ï'];
const HAT = ['á', 'à', 'å', 'ã', 'ä'];
const BREVE = ['é', 'è', 'ú', 'ü', 'ë'];
/** i and y with tones are partly single characters. */
const I_FORMS = ['í', 'ì', 'æ', 'ó', 'ò'];
const Y_FORMS = ['yù', 'yø', 'yû', 'yõ', 'î'];

function vniOf(letter: string): string {
  const [base, ...marks] = letter.normalize('NFD');
  const tone = TONES.findIndex((mark) => marks.includes(mark));
  const upper = base !== base.toLowerCase();
  const cased = (text: string) => (upper ? text.toUpperCase() : text);
  const lower = base.toLowerCase();
  if (marks.includes('\u0302')) return cased(lower + (tone < 0 ? 'â' : HAT[tone]));
  if (marks.includes('\u0306')) return cased(lower + (tone < 0 ? 'ê' : BREVE[tone]));
  if (marks.includes('\u031b')) return cased((lower === 'o' ? 'ô' : 'ö') + (tone < 0 ? '' : PLAIN[tone]));
  if (tone < 0) return letter;
  if (lower === 'i') return cased(I_FORMS[tone]);
  if (lower === 'y') return cased(Y_FORMS[tone]);
  return cased(lower + PLAIN[tone]);
}

const LETTERS = 'aăâeêioôơuưy';
const VIETNAMESE_VOWELS = [...LETTERS, ...LETTERS.toUpperCase()].flatMap((letter) =>
  [letter, ...TONES.map((tone) => (letter + tone).normalize('NFC'))],
).filter((letter) => /[^\u0000-\u007f]/.test(letter));

const TO_VNI = new Map<string, string>([...VIETNAMESE_VOWELS.map((letter) => [letter, vniOf(letter)] as [string, string]), ['đ', 'ñ'], ['Đ', 'Ñ']]);
const FROM_VNI = new Map([...TO_VNI].map(([letter, vni]) => [vni, letter]));

export function unicodeToVni(text: string): string {
  return [...text.normalize('NFC')].map((char) => TO_VNI.get(char) ?? char).join('');
}

/** Longest match first: `oâ` is ô, `ô` alone is ơ. */
export function vniToUnicode(text: string): string {
  let result = '';
  for (let index = 0; index < text.length; ) {
    const pair = FROM_VNI.get(text.slice(index, index + 2));
    if (pair && index + 1 < text.length) {
      result += pair;
      index += 2;
      continue;
    }
    result += FROM_VNI.get(text[index]) ?? text[index];
    index += 1;
  }
  return result;
}

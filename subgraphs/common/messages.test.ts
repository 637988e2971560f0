import { CATALOGUES, DEFAULT_LANGUAGE, LANGUAGES, languageOf, t } from './messages';
import { runInRequestScope } from './request-scope';

/**
 * Every text of a catalogue by its dotted key. Plural forms are one message: the languages have
 * different forms (Vietnamese only `_other`, English `_one` and `_other`), kept under their stem.
 */
function texts(catalogue: object, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const stem = key.replace(/_(zero|one|two|few|many|other)$/, '');
    if (typeof value === 'string') found.set(`${prefix}${stem}`, [found.get(`${prefix}${stem}`), value].filter(Boolean).join(' | '));
    else for (const [inner, text] of texts(value as object, `${prefix}${key}.`)) found.set(inner, text);
  }
  return found;
}

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map(([, name]) => name))].sort();

describe('the message catalogues', () => {
  const vietnamese = texts(CATALOGUES.vi);

  it.each(LANGUAGES.filter((language) => language !== 'vi'))('%s has every Vietnamese message, with the same placeholders, and no other', (language) => {
    const other = texts(CATALOGUES[language]);
    expect([...other.keys()].sort()).toEqual([...vietnamese.keys()].sort());
    for (const [key, text] of vietnamese) expect({ key, placeholders: placeholders(other.get(key) ?? '') }).toEqual({ key, placeholders: placeholders(text) });
  });

  it('has no empty message in any language', () => {
    for (const language of LANGUAGES) for (const [key, text] of texts(CATALOGUES[language])) expect({ language, key, text: text.trim() }).not.toMatchObject({ text: '' });
  });
});

describe('the language a request reads', () => {
  it.each([
    [undefined, 'vi'],
    ['', 'vi'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
    ['fr-FR,en;q=0.5', 'en'],
    ['fr-FR', 'vi'],
    ['en;q=0.2,vi;q=0.8', 'vi'],
  ])('Accept-Language %p reads %s', (header, language) => {
    expect(languageOf(header)).toBe(language);
  });

  it('is Vietnamese by default, outside a request too, and English when the request asks', () => {
    expect(DEFAULT_LANGUAGE).toBe('vi');
    expect(t('notFound', { type: t('types.Team'), id: '7' })).toBe('Tổ công nghệ số cộng đồng 7 không tồn tại');
    expect(runInRequestScope('request-en', 'en', () => t('notFound', { type: t('types.Team'), id: '7' }))).toBe('Team 7 does not exist');
  });

  it('counts in each language’s plural forms', () => {
    expect(t('input.moreProblems', { first: 'a', count: 1 }, 'en')).toBe('a (and 1 more problem)');
    expect(t('input.moreProblems', { first: 'a', count: 2 }, 'en')).toBe('a (and 2 more problems)');
    expect(t('input.moreProblems', { first: 'a', count: 2 }, 'vi')).toBe('a (và 2 lỗi khác)');
  });
});

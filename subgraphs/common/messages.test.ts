import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildASTSchema, isInputObjectType, isObjectType } from 'graphql';
import { gql } from 'graphql-tag';
import { fieldInWords } from './errors';
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

const vietnamese = texts(CATALOGUES.vi);

describe('the message catalogues', () => {
  it.each(LANGUAGES.filter((language) => language !== 'vi'))('%s has every Vietnamese message, with the same placeholders, and no other', (language) => {
    const other = texts(CATALOGUES[language]);
    expect([...other.keys()].sort()).toEqual([...vietnamese.keys()].sort());
    for (const [key, text] of vietnamese) expect({ key, placeholders: placeholders(other.get(key) ?? '') }).toEqual({ key, placeholders: placeholders(text) });
  });

  it('has no empty message in any language', () => {
    for (const language of LANGUAGES) for (const [key, text] of texts(CATALOGUES[language])) expect({ language, key, text: text.trim() }).not.toMatchObject({ text: '' });
  });
});

/** The subgraphs' (or the gateway's) own source files (not their tests), as text. */
function sources(directory = join(__dirname, '..')): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('the keys the code reads', () => {
  const code = sources();
  /** `t('conflicts.shiftFull', …)`: a whole key; `t(`enums.UnitLevel.${level}`)`: a section whose entries are looked up. */
  const keys = [...new Set(code.flatMap((text) => [...text.matchAll(/\bt\(\s*'([\w.]+)'/g)].map(([, key]) => key)))];
  const sections = [...new Set(code.flatMap((text) => [...text.matchAll(/\bt\(\s*`([\w.]+)\.\$\{/g)].map(([, section]) => section)))];

  it('finds keys and sections to check', () => {
    expect(keys.length).toBeGreaterThan(300);
    expect(sections).toEqual(expect.arrayContaining(['enums.UnitLevel', 'types', 'who', 'fields']));
  });

  it.each(LANGUAGES)('are all in %s', (language) => {
    const catalogue = texts(CATALOGUES[language]);
    expect(keys.filter((key) => !catalogue.has(key))).toEqual([]);
    expect(sections.filter((section) => ![...catalogue.keys()].some((key) => key.startsWith(`${section}.`)))).toEqual([]);
  });

  it('name every input field and every argument (of mutations, queries and fields) of the supergraph in words', () => {
    const schema = buildASTSchema(gql(readFileSync(join(__dirname, '../../supergraph.graphql'), 'utf8')), { assumeValidSDL: true });
    const names = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || type.name.startsWith('join__') || type.name.startsWith('link__')) continue;
      if (isInputObjectType(type)) for (const name of Object.keys(type.getFields())) names.add(name);
      if (isObjectType(type)) for (const field of Object.values(type.getFields())) for (const argument of field.args) names.add(argument.name);
    }
    expect([...names].filter((name) => !vietnamese.has(`fields.${name}`))).toEqual([]);
  });
});

describe('what people read', () => {
  /**
   * Refusals the code words itself: a GraphQL or HTTP error, or one made by errors.ts's helpers,
   * given a literal text rather than the catalogue's. (An `insist` action cannot be one: it is
   * typed as a key of the catalogue's actions.)
   */
  const LITERAL_REFUSAL = /new (?:GraphQLError|HttpError)\((?:\d+, '[A-Z_]+', )?[`'"]|\binvalidInput\([^,()]+, [`'"]|\b(?:conflict|forbidden)\([`'"]/g;

  it.each([
    ['subgraphs', join(__dirname, '..')],
    ['gateway', join(__dirname, '../../gateway')],
  ])('comes from the catalogue in the %s: no refusal is written in one language in the code', (_, directory) => {
    const literal = sources(directory).flatMap((text) => text.match(LITERAL_REFUSAL) ?? []);
    expect(literal).toEqual([]);
  });

  it('catches a refusal written in English in the code', () => {
    const written = `throw new GraphQLError('Too many requests'); throw new HttpError(413, 'PAYLOAD_TOO_LARGE', 'Too large');
      throw invalidInput('correction', 'cần ghi họ tên'); throw conflict(\`\${name} đã có\`); throw forbidden('Not yours');`;
    expect(written.match(LITERAL_REFUSAL)).toHaveLength(5);
    expect(`throw invalidInput('correction', t('problems.correctionNeedsValues')); throw conflict(t('conflicts.eventStatus'))`.match(LITERAL_REFUSAL)).toBeNull();
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

describe('a field named in words', () => {
  it.each([
    ['input.amount', 'Số tiền'],
    ['input', 'Thông tin gửi lên'],
    ['trainings.3.attendeeIds.1', 'Buổi tập huấn thứ 4, Người tham dự thứ 2'],
    ['0.phone', 'Dòng thứ 1, Số điện thoại'],
  ])('%s reads %s', (path, words) => {
    expect(fieldInWords(path)).toBe(words);
  });

  it('in the request’s language', () => {
    expect(runInRequestScope('request-en', 'en', () => fieldInWords('input.budget.2.unitPrice'))).toBe('Budget no. 3, Unit price');
  });
});

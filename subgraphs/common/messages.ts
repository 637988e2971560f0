import i18next, { type TOptions } from 'i18next';
import Negotiator from 'negotiator';
import { en } from './messages/en';
import { vi } from './messages/vi';
import { currentRequestScope } from './request-scope';

/**
 * The messages people read, one catalogue per language (i18next: plurals, interpolation), in
 * Vietnamese unless the request's `Accept-Language` prefers English. Programs read the stable
 * `extensions.code` and `extensions.field`, never the message.
 */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

/**
 * The shape every language's catalogue has: Vietnamese's keys, any text, and the plural forms
 * its language has beside Vietnamese's one (`_other`): English adds `_one`.
 */
type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> } & {
  readonly [plural: `${string}_${'zero' | 'one' | 'two' | 'few' | 'many'}`]: string;
};
export type Catalogue = Shape<typeof vi>;
export const CATALOGUES: Record<Language, Catalogue> = { vi, en };

/** Dotted paths to the catalogue's texts: `refusals.signIn`, `types.Team`; plural forms by their stem. */
type Keys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K extends `${infer Stem}_${'one' | 'other'}` ? Stem : K}` : Keys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type MessageKey = Keys<typeof vi>;
/** What a refusal says the caller may not do: an entry of the catalogue's `actions` (see Viewer.insist). */
export type ActionKey = Extract<MessageKey, `actions.${string}`>;

const i18n = i18next.createInstance();
// i18next's typed `t` wants its own module augmentation; MessageKey above types the keys instead.
const translate = i18n.t.bind(i18n) as (key: string, options: TOptions) => string;
void i18n.init({
  resources: Object.fromEntries(LANGUAGES.map((language) => [language, { translation: CATALOGUES[language] }])),
  lng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  // Messages are text, not HTML; the web app escapes what it renders.
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

/** The language a request asks for in its `Accept-Language` header, among the hub's. */
export function languageOf(acceptLanguage: string | string[] | undefined): Language {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return DEFAULT_LANGUAGE;
  const preferred = new Negotiator({ headers: { 'accept-language': header } }).language([...LANGUAGES]);
  return (preferred as Language | undefined) ?? DEFAULT_LANGUAGE;
}

/** The text of `key` in the language of the request being served (Vietnamese outside a request). */
export function t(key: MessageKey, params: TOptions = {}, language: Language = currentRequestScope()?.language ?? DEFAULT_LANGUAGE): string {
  return translate(key, { ...params, lng: language });
}

/** "a, b hoặc c" / "a, b or c": alternatives joined as the language does. */
export function anyOf(items: string[], language: Language = currentRequestScope()?.language ?? DEFAULT_LANGUAGE): string {
  return new Intl.ListFormat(language, { type: 'disjunction' }).format(items);
}

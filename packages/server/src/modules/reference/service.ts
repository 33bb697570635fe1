import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { COUNTRY_CODES, regionOf, type TCountry, type TUiLanguage, UI_LANGUAGES } from '@focal/shared';

const require = createRequire(import.meta.url);
for (const lang of UI_LANGUAGES) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));

const cache = new Map<TUiLanguage, TCountry[]>();

/** Every country and territory with its name in the given language, sorted for that language. */
export function listCountries(lang: TUiLanguage): TCountry[] {
  const cached = cache.get(lang);
  if (cached) return cached;
  const collator = new Intl.Collator(lang);
  const list = COUNTRY_CODES.map((code) => ({ code, name: countries.getName(code, lang) ?? countries.getName(code, 'en') ?? code, region: regionOf(code)! })).sort((a, b) =>
    collator.compare(a.name, b.name),
  );
  cache.set(lang, list);
  return list;
}

export const countryName = (code: string, lang: TUiLanguage = 'en') => countries.getName(code, lang) ?? code;

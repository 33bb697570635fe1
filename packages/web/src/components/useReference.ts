import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountries } from '../api/hooks';
import { languageName, regionName, SPOKEN_LANGUAGE_CODES } from './format';

/** Country names in the interface language (from the server, with the browser's names as a fallback). */
export function useCountryNames() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const countries = useCountries(lang);
  return useMemo(() => {
    const byCode = new Map((countries.data ?? []).map((c) => [c.code, c.name] as const));
    const nameOf = (code: string | null | undefined) => (code ? (byCode.get(code) ?? regionName(code, lang)) : '');
    const options = (countries.data ?? []).map((c) => ({ value: c.code, label: c.name }));
    return { nameOf, options, countries: countries.data ?? [], loading: countries.isLoading };
  }, [countries.data, countries.isLoading, lang]);
}

/** Spoken-language options with names in the interface language, sorted for the reader. */
export function useLanguageOptions(extra: readonly string[] = []) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const codes = [...new Set([...SPOKEN_LANGUAGE_CODES, ...extra])];
    const collator = new Intl.Collator(lang);
    return codes
      .map((code) => ({ value: code, label: languageName(code, lang) }))
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [lang, extra]);
}

import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { RTL_LANGUAGES, UI_LANGUAGES, type TUiLanguage } from '@focal/shared';
import en from './en.json';
import fr from './fr.json';
import es from './es.json';
import ar from './ar.json';

const STORAGE_KEY = 'focal.uiLanguage';

export function isUiLanguage(value: unknown): value is TUiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

/** The interface language before sign-in: the last one chosen here, else the browser's, else English. */
export function detectLanguage(): TUiLanguage {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isUiLanguage(stored)) return stored;
  } catch {
    // Storage may be disabled; fall through to the browser's languages.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isUiLanguage(base)) return base;
  }
  return 'en';
}

export function directionOf(lang: TUiLanguage): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.includes(lang) ? 'rtl' : 'ltr';
}

/** Switch the interface language, the document's language and direction, and remember the choice. */
export async function applyLanguage(lang: TUiLanguage): Promise<void> {
  document.documentElement.lang = lang;
  document.documentElement.dir = directionOf(lang);
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered; the choice still applies to this page.
  }
  if (i18n.language !== lang) await i18n.changeLanguage(lang);
}

export function currentLanguage(): TUiLanguage {
  return isUiLanguage(i18n.language) ? i18n.language : 'en';
}

const initial = detectLanguage();
document.documentElement.lang = initial;
document.documentElement.dir = directionOf(initial);

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr }, es: { translation: es }, ar: { translation: ar } },
  lng: initial,
  fallbackLng: 'en',
  supportedLngs: [...UI_LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;

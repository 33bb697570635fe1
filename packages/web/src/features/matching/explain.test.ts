import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_CODES, MATCH_IDENTIFIER_KINDS, PART_AGREEMENTS, UI_LANGUAGES, type TEvidence } from '@focal/shared';
import en from '../../i18n/en.json';
import fr from '../../i18n/fr.json';
import es from '../../i18n/es.json';
import ar from '../../i18n/ar.json';
import { explainEvidence, formatPartialDate, type ExplainContext } from './explain';

const resources = { en: { translation: en }, fr: { translation: fr }, es: { translation: es }, ar: { translation: ar } };
const COUNTRIES: Record<string, Record<string, string>> = {
  en: { UA: 'Ukraine', FR: 'France', NG: 'Nigeria' },
  fr: { UA: 'Ukraine', FR: 'France', NG: 'Nigéria' },
  es: { UA: 'Ucrania', FR: 'Francia', NG: 'Nigeria' },
  ar: { UA: 'أوكرانيا', FR: 'فرنسا', NG: 'نيجيريا' },
};

function contextFor(lang: string): ExplainContext {
  const instance = i18next.createInstance();
  void instance.init({ resources, lng: lang, fallbackLng: 'en', interpolation: { escapeValue: false }, initAsync: false });
  return { t: instance.t.bind(instance) as ExplainContext['t'], lang, countryName: (code) => COUNTRIES[lang]?.[code] ?? '' };
}

// Isolation marks keep names in their own direction; they are not what a reader sees.
const plain = (text: string) => text.replace(/[\u2068\u2069]/g, '');
const say = (evidence: TEvidence, lang: string) => plain(explainEvidence(evidence, contextFor(lang)).text);

const names: TEvidence = {
  kind: 'name',
  effect: 'for',
  code: 'name.compared',
  params: { aName: 'Олександр Петренко', bName: 'Oleksandr PETRENKO Jr' },
  text: '"Олександр Петренко" and "Oleksandr PETRENKO Jr": name parts agree: …',
  detail: {
    parts: [
      { a: 'Олександр', b: 'Oleksandr', similarity: 1, agreement: 'exact', transliterated: true },
      { a: 'Петренко', b: 'PETRENKO', similarity: 0.95, agreement: 'spelling variant', transliterated: true },
    ],
    unmatchedA: [],
    unmatchedB: ['Jr'],
  },
};
const birth: TEvidence = { kind: 'birthDate', effect: 'against', code: 'birthDate.different', params: { a: '1961-04-02', b: '1961' }, text: 'Different dates of birth: 1961-04-02 and 1961' };
const countries: TEvidence = { kind: 'country', effect: 'for', code: 'country.shared', params: { countries: ['UA', 'FR'] }, text: 'Both linked to UA, FR' };
const iban: TEvidence = { kind: 'identifier', effect: 'for', code: 'identifier.same', params: { identifierKind: 'iban', value: 'CH9300762011623852957' }, text: 'Same IBAN on both: CH9300762011623852957' };
const clash: TEvidence = { kind: 'name', effect: 'against', code: 'schema.mismatch', params: { a: 'Person', b: 'Company' }, text: 'One is a Person, the other a Company' };

describe('explanations in the reader’s language', () => {
  it('in English', () => {
    expect(say(names, 'en')).toBe('“Олександр Петренко” and “Oleksandr PETRENKO Jr”: name parts agree: Олександр ↔ Oleksandr (transliterated, exact); Петренко ↔ PETRENKO (transliterated, spelling variant); only in the second: Jr');
    expect(say(birth, 'en')).toBe('Different dates of birth: April 2, 1961 and 1961');
    expect(say(countries, 'en')).toBe('Both linked to Ukraine and France');
    expect(say(iban, 'en')).toBe('Same IBAN on both: CH9300762011623852957');
    expect(say(clash, 'en')).toBe('Not the same kind of entity: Person and Company');
  });

  it('in French', () => {
    expect(say(names, 'fr')).toBe(
      '« Олександр Петренко » et « Oleksandr PETRENKO Jr » : parties du nom concordantes : Олександр ↔ Oleksandr (translittéré, identique) ; Петренко ↔ PETRENKO (translittéré, variante orthographique) ; seulement dans le second : Jr',
    );
    expect(say(birth, 'fr')).toBe('Dates de naissance différentes : 2 avril 1961 et 1961');
    expect(say(countries, 'fr')).toBe('Toutes deux liées à : Ukraine et France');
    expect(say(iban, 'fr')).toBe('Identique des deux côtés — IBAN : CH9300762011623852957');
    expect(say(clash, 'fr')).toBe('Pas le même type d’entité : Personne et Société');
  });

  it('in Spanish', () => {
    expect(say(names, 'es')).toBe(
      '«Олександр Петренко» y «Oleksandr PETRENKO Jr»: partes del nombre que concuerdan: Олександр ↔ Oleksandr (transliterado, idéntico); Петренко ↔ PETRENKO (transliterado, variante ortográfica); solo en el segundo: Jr',
    );
    expect(say(birth, 'es')).toBe('Fechas de nacimiento distintas: 2 de abril de 1961 y 1961');
    expect(say(countries, 'es')).toBe('Ambas vinculadas a: Ucrania y Francia');
    expect(say(clash, 'es')).toBe('No son el mismo tipo de entidad: Persona y Empresa');
  });

  it('in Arabic', () => {
    const text = say(names, 'ar');
    expect(text).toContain('أجزاء الاسم المتطابقة');
    expect(text).toContain('Петренко ↔ PETRENKO (بعد النقل الحرفي، اختلاف في الكتابة)');
    expect(text).toContain('في الثاني فقط: Jr');
    expect(text).toContain('؛ ');
    expect(say(birth, 'ar')).toMatch(/^تاريخا ميلاد مختلفان: .*(1961|١٩٦١).* و(1961|١٩٦١)$/);
    expect(say(birth, 'ar')).toContain('أبريل');
    expect(say(countries, 'ar')).toBe('كلاهما مرتبط بـ: أوكرانيا وفرنسا');
    expect(say(clash, 'ar')).toBe('ليسا من نوع الكيان نفسه: شخص وشركة');
  });

  it('names in any script keep their own direction inside the sentence', () => {
    const text = explainEvidence(names, contextFor('ar')).text;
    expect(text).toContain('\u2068Oleksandr PETRENKO Jr\u2069');
  });

  it('word every code, agreement and identifier kind in each language, never showing a key', () => {
    for (const lang of UI_LANGUAGES) {
      const context = contextFor(lang);
      for (const code of EVIDENCE_CODES) {
        const params = { aName: 'A', bName: 'B', a: 'x', b: 'y', value: 'v', identifierKind: 'passport', countries: ['FR'], names: 2, fewest: 3 };
        const { text, translated } = explainEvidence({ kind: 'name', effect: 'for', code, params, text: 'English', detail: { parts: [], unmatchedA: [], unmatchedB: [] } }, context);
        expect(translated, `${lang} ${code}`).toBe(true);
        expect(text, `${lang} ${code}`).not.toMatch(/matching\.|\{\{/);
      }
      for (const agreement of PART_AGREEMENTS) {
        const part = { a: 'A', b: 'B', similarity: 1, agreement, transliterated: false };
        const text = explainEvidence({ ...names, detail: { parts: [part], unmatchedA: [], unmatchedB: [] } }, context).text;
        expect(text).not.toContain('matching.');
        if (lang !== 'en') expect(text, `${lang} ${agreement}`).not.toContain(`(${agreement})`);
      }
      for (const identifierKind of MATCH_IDENTIFIER_KINDS) {
        const text = say({ ...iban, params: { identifierKind, value: '1' } }, lang);
        expect(text).not.toContain('matching.');
        if (lang !== 'en') expect(text, `${lang} ${identifierKind}`).not.toMatch(/registration number|tax number|passport number|crypto address|account number|SWIFT\/BIC code/);
      }
    }
  });

  it('keeps the matcher’s English where the evidence has no code this interface knows', () => {
    const old: TEvidence = { kind: 'name', effect: 'for', text: 'An identifier is the same (compared as keyed hashes)' };
    expect(explainEvidence(old, contextFor('fr'))).toEqual({ text: old.text, translated: false });
    expect(explainEvidence({ ...old, code: 'name.somethingNew' }, contextFor('ar'))).toEqual({ text: old.text, translated: false });
  });
});

describe('dates of birth', () => {
  it('are written as precisely as they are known', () => {
    expect(formatPartialDate('1961-04-02', 'en')).toBe('April 2, 1961');
    expect(formatPartialDate('1961-04-02', 'fr')).toBe('2 avril 1961');
    expect(formatPartialDate('1961-04', 'fr')).toBe('avril 1961');
    expect(formatPartialDate('1961', 'es')).toBe('1961');
    expect(formatPartialDate('around 1961', 'en')).toBe('around 1961');
  });
});

import { describe, expect, it } from 'vitest';
import { person, score, why } from './test-helpers.js';

// Each kind of variation between two sources writing one person, with invented names.
const VARIATIONS: [kind: string, a: string, b: string][] = [
  ['order', 'Tomasz Wieczorek', 'Wieczorek Tomasz'],
  ['order with comma', 'ECHEVERRIA SOLANO, Martina', 'Martina Echeverria Solano'],
  ['honorific', 'Dr. Ifeoma Nwankwo', 'Ifeoma Nwankwo'],
  ['honorific (chief)', 'Chief Babatunde Oyelaran', 'Babatunde Oyelaran'],
  ['honorific (alhaji)', 'Alhaji Umaru Danjuma', 'Umaru Danjuma'],
  ['honorific (sheikh)', 'Sheikh Khalifa bin Nasser', 'Khalifa Nasser'],
  ['honorific (H.E.)', 'H.E. Gen. Mamadou Keita', 'Mamadou Keita'],
  ['honorific (native script)', 'господин Игорь Пахомов', 'Igor Pakhomov'],
  ['particle', 'Beatriz dos Reis', 'Beatriz Reis'],
  ['particle (Dutch)', 'Willem van der Horst', 'Willem Horst'],
  ['particle (glued)', 'Youssef Ben Salem', 'Youssef Bensalem'],
  ['particle (Arabic article)', 'Karim el-Masri', 'Karim Masri'],
  ['initials', 'T. R. Okonjo', 'Tunde Rasheed Okonjo'],
  ['initials (capitals)', 'TR Okonjo', 'Tunde R. Okonjo'],
  ['middle name', 'Lucia Fernanda Prado Mejia', 'Lucia Prado Mejia'],
  ['patronymic', 'Anton Viktorovich Belov', 'Anton Belov'],
  ['transliteration (German)', 'Wiktor Schtschukin', 'Viktor Shchukin'],
  ['transliteration (French)', 'Mouammar Khadafi', 'Muammar Qadhafi'],
  ['transliteration (y/i)', 'Yuriy Dmitriyev', 'Iurii Dmitriev'],
  ['Abd names', 'Abdul Karim Haddad', 'Abdelkarim Haddad'],
  ['diacritics', 'Zoë Müller-Lüdenscheidt', 'Zoe Muller-Ludenscheidt'],
  ['diacritics (digraph)', 'Radu Ștefănescu', 'Radu Shtefanescu'],
  ['hyphen', 'Marie-Hélène Dubois', 'Marie Helene Dubois'],
  ['nickname', 'Bill Hargreaves', 'William Hargreaves'],
  ['nickname (Slavic)', 'Sasha Kovalchuk', 'Oleksandr Kovalchuk'],
  ['typo', 'Bartholomew Okereke', 'Bartholomew Okerekke'],
  ['typo (vowel)', 'Esperanza Villalobos', 'Esperanza Villalobas'],
];

describe('variations of one person name', () => {
  it.each(VARIATIONS)('%s: "%s" = "%s"', (_kind, a, b) => {
    const result = score(person(a), person(b));
    expect(result.match, why(result)).toBe(true);
  });

  it.each(VARIATIONS)('%s: is symmetric', (_kind, a, b) => {
    expect(score(person(a), person(b)).score).toBe(score(person(b), person(a)).score);
  });
});

describe('aliases', () => {
  it('takes the best pair of aliases', () => {
    const result = score(person(['Kofi Mensah-Boateng', 'K. M. Boateng']), person(['Kwame Asante', 'Kofi Boateng']));
    expect(result.match, why(result)).toBe(true);
  });

  it('reads aliases separated by "a.k.a." in one name', () => {
    expect(score(person('Vasile Rusu a.k.a. Vasea Rusu'), person('Vasea Rusu')).match).toBe(true);
  });
});

describe('what a name comparison must not forgive', () => {
  it('a different given name with the same surname', () => {
    for (const [a, b] of [
      ['Tomasz Wieczorek', 'Pawel Wieczorek'],
      ['Lucia Fernanda Prado Mejia', 'Rosa Elena Prado Mejia'],
      ['Youssef Ben Salem', 'Hamza Ben Salem'],
      ['Ifeoma Nwankwo', 'Chinedu Nwankwo'],
    ]) {
      const result = score(person(a as string), person(b as string));
      expect(result.match, `${a} / ${b}\n${why(result)}`).toBe(false);
    }
  });

  it('a different second surname', () => {
    expect(score(person('Lucia Fernanda Prado Mejia'), person('Lucia Fernanda Prado Ortiz')).match).toBe(false);
  });

  it('a single shared name part without anything else', () => {
    expect(score(person('Wieczorek'), person('Tomasz Wieczorek')).match).toBe(false);
  });

  it('a patronymic against a given name', () => {
    expect(score(person('Anton Viktorovich Belov'), person('Viktor Belov')).match).toBe(false);
  });
});

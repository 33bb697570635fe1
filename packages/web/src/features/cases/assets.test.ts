import { describe, expect, it } from 'vitest';
import type { TAssetStage } from '@focal/shared';
import {
  amountToMinor,
  currencyDigits,
  currencyOptions,
  DEFAULT_MEASURE_TYPE,
  formatMinor,
  formatMoney,
  isCurrency,
  isInOrder,
  minorToAmount,
  parseAmount,
  remainingForStage,
  sortStages,
  stageRank,
  suggestedStage,
} from './assets';

// Intl separates thousands with no-break spaces in French: compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00A0\u202F]/g, ' ');

describe('asset stages', () => {
  it('ranks the stages of an asset’s life, alternatives sharing a step', () => {
    expect(['identified', 'traced', 'frozen', 'seized', 'confiscated', 'returned', 'released'].map((s) => stageRank(s as TAssetStage))).toEqual([0, 1, 2, 2, 3, 4, 4]);
    expect(sortStages(['returned', 'identified', 'seized', 'frozen', 'traced'])).toEqual(['identified', 'traced', 'frozen', 'seized', 'returned']);
  });

  it('suggests the step after the furthest reached', () => {
    expect(suggestedStage(null)).toBe('identified');
    expect(suggestedStage('identified')).toBe('traced');
    expect(suggestedStage('seized')).toBe('confiscated');
    expect(suggestedStage('confiscated')).toBe('returned');
    expect(suggestedStage('released')).toBe('released');
    expect(DEFAULT_MEASURE_TYPE.frozen).toBe('freezing_order');
    expect(DEFAULT_MEASURE_TYPE.returned).toBe('return_agreement');
  });

  it('needs an earlier step before any but the first', () => {
    expect(isInOrder([], 'identified')).toBe(true);
    expect(isInOrder([], 'frozen')).toBe(false);
    expect(isInOrder([{ stage: 'identified' }], 'frozen')).toBe(true);
    expect(isInOrder([{ stage: 'frozen' }], 'frozen')).toBe(false);
  });

  it('reckons what the previous stage still holds, per currency, like the server', () => {
    const m = (stage: TAssetStage, amountMinor: number, currency = 'CHF') => ({ stage, amountMinor, currency });
    const measures = [m('identified', 250_000_000), m('frozen', 100_000_000), m('identified', 5_000, 'EUR')];
    expect(remainingForStage(measures, 'identified', 'CHF')).toBeNull();
    // Freezing follows identification when nothing was traced.
    expect(remainingForStage(measures, 'frozen', 'CHF')).toBe(150_000_000);
    expect(remainingForStage(measures, 'seized', 'CHF')).toBe(150_000_000);
    expect(remainingForStage(measures, 'frozen', 'EUR')).toBe(5_000);
    expect(remainingForStage(measures, 'frozen', 'USD')).toBeNull();
    expect(remainingForStage(measures, 'confiscated', 'CHF')).toBe(100_000_000);
    // A release follows a freeze, a return follows a confiscation; the two are counted apart.
    expect(remainingForStage([...measures, m('released', 40_000_000)], 'released', 'CHF')).toBe(60_000_000);
    expect(remainingForStage([...measures, m('confiscated', 80_000_000), m('released', 10_000_000)], 'returned', 'CHF')).toBe(80_000_000);
  });
});

describe('money', () => {
  it('formats the exact decimal in the reader’s language', () => {
    expect(plain(formatMoney('2500000.00', 'CHF', 'fr'))).toBe('2 500 000,00 CHF');
    expect(plain(formatMoney('2500000.00', 'CHF', 'en'))).toBe('CHF 2,500,000.00');
    expect(plain(formatMoney('1250000.5', 'EUR', 'es'))).toBe('1.250.000,50 EUR');
    expect(formatMoney('1800000', 'CHF', 'ar')).toMatch(/CHF/);
    expect(formatMoney('1800000', 'CHF', 'ar')).toMatch(/[\u0660-\u0669]|1,800,000/);
    // Fifteen digits and cents survive (a float would round them).
    expect(plain(formatMoney('999999999999999.99', 'USD', 'en'))).toBe('USD 999,999,999,999,999.99');
    expect(plain(formatMoney('1500', 'JPY', 'en'))).toBe('JPY 1,500');
    // Not a currency Intl knows: the number and the code as given.
    expect(formatMoney('12.5', 'XX1', 'en')).toBe('12.5 XX1');
  });

  it('turns minor units into the API’s decimal and back', () => {
    expect(minorToAmount(125050, 'EUR')).toBe('1250.50');
    expect(minorToAmount(5, 'EUR')).toBe('0.05');
    expect(minorToAmount(1500, 'JPY')).toBe('1500');
    expect(minorToAmount(1234, 'KWD')).toBe('1.234');
    expect(minorToAmount(-250, 'USD')).toBe('-2.50');
    expect(plain(formatMinor(180_000_000, 'CHF', 'fr'))).toBe('1 800 000,00 CHF');
    expect(amountToMinor('1250.5', 'EUR')).toBe(125050);
    expect(amountToMinor('1500', 'JPY')).toBe(1500);
    expect(amountToMinor('12.345', 'EUR')).toBeNull();
    expect(amountToMinor('1.5', 'JPY')).toBeNull();
    expect(currencyDigits('KWD')).toBe(3);
    expect(isCurrency('CHF')).toBe(true);
    expect(isCurrency('chf')).toBe(false);
  });

  it('reads amounts as people type them', () => {
    expect(parseAmount('2500000', 'fr')).toBe('2500000');
    expect(parseAmount('2 500 000', 'fr')).toBe('2500000');
    expect(parseAmount('2\u202F500\u202F000,50', 'fr')).toBe('2500000.50');
    expect(parseAmount("2'500'000.50", 'fr')).toBe('2500000.50');
    expect(parseAmount('2,500,000.50', 'en')).toBe('2500000.50');
    expect(parseAmount('2.500.000,50', 'es')).toBe('2500000.50');
    expect(parseAmount('1250000.50', 'fr')).toBe('1250000.50');
    // One separator and three digits: thousands, unless it is the language's decimal separator.
    expect(parseAmount('1,250', 'en')).toBe('1250');
    expect(parseAmount('1,250', 'fr')).toBe('1.250');
    expect(parseAmount('1.250', 'fr')).toBe('1250');
    expect(parseAmount('1.25', 'fr')).toBe('1.25');
    expect(parseAmount('٢٬٥٠٠٬٠٠٠٫٥', 'ar')).toBe('2500000.5');
    expect(parseAmount('007', 'en')).toBe('7');
    for (const bad of ['', 'abc', '-5', '1.2.3,4,5', '1,2345.5.5', '12.3456', '1e6', '1234567890123456']) expect(parseAmount(bad, 'en'), bad).toBeNull();
  });

  it('lists currencies by name, the usual ones first', () => {
    const options = currencyOptions('fr', ['CHF', 'EUR']);
    expect(options.slice(0, 2).map((o) => o.value)).toEqual(['CHF', 'EUR']);
    expect(options[0]!.label).toBe('CHF — franc suisse');
    expect(options.filter((o) => o.value === 'CHF')).toHaveLength(1);
    expect(options.length).toBeGreaterThan(100);
  });
});

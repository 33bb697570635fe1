import { describe, expect, it } from 'vitest';
import { countdown, entityGroup, formatDuration, formatTimeLeft, nodeKind } from './format';

const now = new Date('2025-06-02T12:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

describe('countdown', () => {
  it('rounds time left down and picks the unit a reader expects', () => {
    expect(countdown(at(8 * H), now)).toEqual({ overdue: false, value: 8, unit: 'hour' });
    expect(countdown(at(8 * H + 59 * MIN), now)).toEqual({ overdue: false, value: 8, unit: 'hour' });
    expect(countdown(at(59 * MIN + 59_000), now)).toEqual({ overdue: false, value: 59, unit: 'minute' });
    expect(countdown(at(47 * H), now)).toEqual({ overdue: false, value: 47, unit: 'hour' });
    expect(countdown(at(3 * D + 11 * H), now)).toEqual({ overdue: false, value: 3, unit: 'day' });
  });

  it('never says "in 0 minutes", and the deadline itself is still on time', () => {
    expect(countdown(at(20_000), now)).toEqual({ overdue: false, value: 1, unit: 'minute' });
    expect(countdown(at(0), now)).toEqual({ overdue: false, value: 1, unit: 'minute' });
  });

  it('rounds lateness up', () => {
    expect(countdown(at(-1), now)).toEqual({ overdue: true, value: 1, unit: 'minute' });
    expect(countdown(at(-(2 * H + 1)), now)).toEqual({ overdue: true, value: 3, unit: 'hour' });
    expect(countdown(at(-(2 * D)), now)).toEqual({ overdue: true, value: 2, unit: 'day' });
  });

  it('is written in the reader’s language', () => {
    expect(formatTimeLeft({ overdue: false, value: 5, unit: 'hour' }, 'en')).toBe('in 5 hours');
    expect(formatTimeLeft({ overdue: false, value: 5, unit: 'hour' }, 'fr')).toBe('dans 5 heures');
    expect(formatDuration({ value: 2, unit: 'day' }, 'en')).toBe('2 days');
    expect(formatDuration({ value: 1, unit: 'day' }, 'es')).toBe('1 día');
    expect(formatDuration({ value: 3, unit: 'hour' }, 'ar')).toMatch(/ساعات/);
  });
});

describe('entity kinds', () => {
  it('groups schemata for the list', () => {
    expect(entityGroup('Person')).toBe('people');
    expect(entityGroup('Company')).toBe('companies');
    expect(entityGroup('LegalEntity')).toBe('companies');
    expect(entityGroup('BankAccount')).toBe('accounts');
    expect(entityGroup('CryptoWallet')).toBe('accounts');
    expect(entityGroup('RealEstate')).toBe('assets');
    expect(entityGroup('Ownership')).toBe('relations');
    expect(entityGroup('Payment')).toBe('relations');
  });

  it('draws a company as an organisation, an account as an asset', () => {
    expect(nodeKind('Person')).toBe('person');
    expect(nodeKind('Company')).toBe('organization');
    expect(nodeKind('Organization')).toBe('organization');
    expect(nodeKind('BankAccount')).toBe('asset');
    expect(nodeKind('Vessel')).toBe('asset');
  });
});

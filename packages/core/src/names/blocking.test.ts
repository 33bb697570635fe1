import { describe, expect, it } from 'vitest';
import { blockingKeys, blockingRecall, shareBlockingKey } from './blocking.js';
import { company, person } from './test-helpers.js';
import type { MatchEntity } from './types.js';

describe('blocking keys', () => {
  it('gives name, phonetic and skeleton keys for name parts, not for titles, particles or initials', () => {
    const keys = blockingKeys(person('Dr. Ibrahim J. al-Fayed', '1962-07-14'));
    expect(keys).toContain('n:ibrahim');
    expect(keys).toContain('n:faied');
    expect(keys).toContain('d:1962-07-14');
    expect(keys.some((key) => key.startsWith('p:'))).toBe(true);
    expect(keys).not.toContain('n:dr');
    expect(keys).not.toContain('n:al');
    expect(keys).not.toContain('n:j');
  });

  it('gives no key for a partial birth date, which many people share', () => {
    expect(blockingKeys(person('Ibrahim Fayed', '1962')).some((key) => key.startsWith('d:'))).toBe(false);
  });

  it('gives normalised identifier keys', () => {
    const entity: MatchEntity = { schema: 'BankAccount', names: [], identifiers: [{ kind: 'iban', value: 'de89 3704 0044 0532 0130 00' }] };
    expect(blockingKeys(entity)).toEqual(['id:iban:DE89370400440532013000']);
  });

  it('leaves legal forms out of company keys', () => {
    const keys = blockingKeys(company('Harrowgate Freight Limited'));
    expect(keys).toContain('n:harovgate');
    expect(keys).not.toContain('n:limited');
  });

  it('gives no key shorter than three letters or consonants', () => {
    for (const key of blockingKeys(person('Li Na Wu'))) if (key.startsWith('n:') || key.startsWith('p:') || key.startsWith('s:')) expect(key.length).toBeGreaterThanOrEqual(5);
  });

  it('lets the variations the scorer forgives share a key', () => {
    const pairs: [MatchEntity, MatchEntity][] = [
      [person('Борис Лебедев'), person('Boris Lebedev')],
      [person('سعيد الحمادي'), person('Saeed Hammadi')],
      [person('刘德明'), person('Liu Deming')],
      [person('한승훈', undefined, ['KR']), person('Han Seung-hoon')],
      [person('马里奥·罗西'), person('Mario Rossi')],
      [person('Bartholomew Okereke'), person('Bartolomew Okerekke')],
      [company('Atlantic Maritime Services Corporation'), company('AMSC')],
      [company('Tecnologia Industrial Brasileira'), company('Tecnibras')],
    ];
    for (const [a, b] of pairs) expect(shareBlockingKey(a, b), `${a.names[0]} / ${b.names[0]}`).toBe(true);
    expect(blockingRecall(pairs.map(([a, b]) => ({ a, b })))).toBe(1);
  });

  it('keeps unrelated names apart', () => {
    expect(shareBlockingKey(person('Boris Lebedev'), person('Saeed Hammadi'))).toBe(false);
    expect(shareBlockingKey(company('Harrowgate Freight Ltd'), company('Veldkamp Trading BV'))).toBe(false);
  });

  it('is deterministic and sorted', () => {
    const keys = blockingKeys(person('Борис Андреевич Лебедев'));
    expect(keys).toEqual([...keys].sort());
    expect(blockingKeys(person('Борис Андреевич Лебедев'))).toEqual(keys);
  });
});

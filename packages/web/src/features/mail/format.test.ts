import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import { forwardSubject, listCount, quoteBody, replyAllRecipients, replySubject } from './format';

const person = (id: string) => ({ id, name: id, nameLatin: id, country: 'FR' });

describe('reply and forward helpers', () => {
  it('prefixes subjects once', () => {
    expect(replySubject('Freeze request')).toBe('Re: Freeze request');
    expect(replySubject('Re: Freeze request')).toBe('Re: Freeze request');
    expect(replySubject('RE:Freeze')).toBe('RE:Freeze');
    expect(forwardSubject('Re: Freeze request')).toBe('Fwd: Re: Freeze request');
    expect(forwardSubject('Fwd: Freeze request')).toBe('Fwd: Freeze request');
    expect(forwardSubject('')).toBe('Fwd:');
  });

  it('quotes every line under a header', () => {
    expect(quoteBody('On 1 May, Ann wrote:', 'one\r\n\ntwo')).toBe('\n\nOn 1 May, Ann wrote:\n> one\n>\n> two\n');
  });

  it('replies to all without me and without repeats', () => {
    const message = { sender: person('a'), to: [person('me'), person('b'), person('a')], cc: [person('c'), person('b')] };
    expect(replyAllRecipients(message, 'me')).toEqual({
      to: [{ kind: 'user', id: 'a' }, { kind: 'user', id: 'b' }],
      cc: [{ kind: 'user', id: 'c' }],
    });
  });
});

describe('the count under a message list', () => {
  const render = ({ key, values }: ReturnType<typeof listCount>) =>
    en.mail.list[key.split('.').pop() as 'count' | 'countAtLeast'].replace(/\{\{(\w+)\}\}/g, (_, name: 'shown' | 'total') => values[name]);

  it('is exact, in the reader\'s digits', () => {
    expect(render(listCount(50, { total: 1234, totalAtLeast: false }, 'en'))).toBe('50 of 1,234');
    expect(listCount(3, { total: 12345, totalAtLeast: false }, 'es').values).toEqual({ shown: '3', total: new Intl.NumberFormat('es').format(12345) });
    // Until the first page arrives, and never fewer than shown.
    expect(render(listCount(0, undefined, 'en'))).toBe('0 of 0');
    expect(render(listCount(60, { total: 40, totalAtLeast: false }, 'en'))).toBe('60 of 60');
  });

  it('says "more than" when the server stopped counting a search', () => {
    expect(render(listCount(50, { total: 1000, totalAtLeast: true }, 'en'))).toBe('50 of 1,000+ messages');
    expect(listCount(50, { total: 1000, totalAtLeast: true }, 'fr')).toEqual({ key: 'mail.list.countAtLeast', values: { shown: '50', total: new Intl.NumberFormat('fr').format(1000) } });
  });
});

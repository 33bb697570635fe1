import { describe, expect, it } from 'vitest';
import { forwardSubject, quoteBody, replyAllRecipients, replySubject } from './format';

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

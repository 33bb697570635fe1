import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sanitiseFileName, sniffContentType, snippetOf } from './content.js';
import { normaliseWord, wordHash, wordHashes, wordsOf } from './words.js';
import { contentDisposition } from './attachments.js';

describe('the word index', () => {
  it('folds case, accents and Arabic short vowels, and keeps each word once', () => {
    expect(wordsOf('Genève GENEVE genève, Société')).toEqual(['geneve', 'societe']);
    expect(wordsOf('دُبَيّ و دبي')).toEqual(['دبي']);
    expect(normaliseWord('ﬁnance')).toBe('finance');
    expect(normaliseWord('تـــحويل')).toBe('تحويل');
  });

  it('indexes each character of scripts written without spaces', () => {
    expect(wordsOf('上海的银行')).toEqual(['上', '海', '的', '银', '行']);
    expect(wordsOf('東京で')).toEqual(['東', '京', 'で']);
  });

  it('keeps numbers and drops single letters and punctuation', () => {
    expect(wordsOf('Account 7 of A. B-C; IBAN FR76 3000')).toEqual(['account', '7', 'of', 'iban', 'fr76', '3000']);
    expect(wordsOf("l'argent d’Alger")).toEqual(['largent', 'dalger']);
  });

  it('hashes a word differently for each mailbox and each key', () => {
    const key = crypto.randomBytes(32);
    const a = wordHash(key, 'user-a', 'geneve');
    expect(a).toBe(wordHash(key, 'user-a', 'geneve'));
    expect(a).not.toBe(wordHash(key, 'user-b', 'geneve'));
    expect(a).not.toBe(wordHash(crypto.randomBytes(32), 'user-a', 'geneve'));
    expect(BigInt(a) >= -(2n ** 63n) && BigInt(a) < 2n ** 63n).toBe(true);
  });

  it('keeps the hashes already stored: the first 64 bits of HMAC-SHA-256(key, owner ‖ NUL ‖ word), signed', () => {
    const key = Buffer.alloc(32, 7);
    const owner = '3f0b9c1e-0000-4000-8000-000000000001';
    expect(wordHash(key, owner, 'genève')).toBe('-6862089098735348827');
    expect(wordHashes(key, owner, ['genève', '上', 'دبي'])).toEqual(
      ['genève', '上', 'دبي'].map((word) => crypto.createHmac('sha256', key).update(owner).update('\0').update(word).digest().readBigInt64BE(0).toString()),
    );
  });
});

describe('attachments', () => {
  it('sniffs the type from the bytes, not the name', () => {
    expect(sniffContentType(Buffer.from('%PDF-1.4 ...'), 'x.exe')).toBe('application/pdf');
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'scan.pdf')).toBe('image/jpeg');
    expect(sniffContentType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]), 'report.docx')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffContentType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]), 'archive.zip')).toBe('application/zip');
    expect(sniffContentType(Buffer.from('date;amount\n2026-01-01;10,00\n'), 'statement.csv')).toBe('text/csv');
    expect(sniffContentType(Buffer.from('<script>alert(1)</script>'), 'page.html')).toBe('text/plain');
    expect(sniffContentType(Buffer.from([0, 1, 2, 3, 0xfe]), 'data.bin')).toBe('application/octet-stream');
  });

  it('sanitises file names', () => {
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('C:\\Users\\x\\report.pdf')).toBe('report.pdf');
    expect(sanitiseFileName('..hidden')).toBe('hidden');
    expect(sanitiseFileName('a\u0000b\u202Egpj.exe')).toBe('abgpj.exe');
    expect(sanitiseFileName('   ')).toBe('attachment');
    const long = sanitiseFileName(`${'x'.repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('names downloads per RFC 6266 and 5987', () => {
    expect(contentDisposition('Relevé (1).pdf')).toBe(`attachment; filename="Releve (1).pdf"; filename*=UTF-8''Relev%C3%A9%20%281%29.pdf`);
    expect(contentDisposition('كشف.pdf')).toBe(`attachment; filename=".pdf"; filename*=UTF-8''%D9%83%D8%B4%D9%81.pdf`);
  });
});

describe('snippets', () => {
  it('shows the start of the body as plain text', () => {
    expect(snippetOf('# Title\n\n**Bold** and [a link](https://x.test) and ![img](https://x.test/a.png)')).toBe('Title Bold and a link and img');
    expect(snippetOf('x'.repeat(500))).toHaveLength(160);
  });
});

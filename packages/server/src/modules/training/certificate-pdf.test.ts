import { describe, expect, it } from 'vitest';
import { formatCertificateCode } from '@focal/shared';
import { pdfText } from '../../test/pdf.js';
import { formatDays, renderCertificatePdf, visualRuns, type CertificateContent } from './certificate-pdf.js';

const base: CertificateContent = {
  language: 'en',
  holderName: 'كريم الشناوي',
  holderNameLatin: 'Karim El-Shenawy',
  workshopTitle: 'Tracing crypto-assets in corruption cases',
  startsOn: '2026-03-10',
  endsOn: '2026-03-12',
  hostCountry: 'JO',
  mode: 'in_person',
  modules: ['Crypto-assets', 'Asset tracing'],
  sessionsAttended: 3,
  sessionsTotal: 3,
  issuedAt: new Date('2026-03-12T15:00:00Z'),
  code: '7QKM2X9DH4TBWN3C',
  verifyUrl: 'https://focal.example/verify/7QKM2X9DH4TBWN3C',
};

describe('visualRuns', () => {
  it('keeps a left-to-right line whole', () => {
    expect(visualRuns('Дмитро Бондаренко')).toEqual([{ text: 'Дмитро Бондаренко', rtl: false }]);
  });

  it('hands an Arabic name over whole, in logical order, for the font engine to reverse', () => {
    expect(visualRuns('كريم الشناوي')).toEqual([{ text: 'كريم الشناوي', rtl: true }]);
  });

  it('orders runs of a mixed line for display', () => {
    // In a left-to-right sentence the Arabic name stays between its neighbours.
    expect(visualRuns('Awarded to كريم الشناوي today').map((r) => r.text)).toEqual(['Awarded to ', 'كريم الشناوي', ' today']);
    // In a right-to-left sentence the Latin name and the number are placed from the right:
    // the sentence's last words come first on the left.
    const runs = visualRuns('بعد حضور 3 من 4 جلسات');
    expect(runs.map((r) => r.text).join('|')).toBe(' جلسات|4| من |3|بعد حضور ');
    expect(runs.filter((r) => r.rtl).length).toBe(3);
  });

  it('mirrors brackets inside right-to-left text', () => {
    expect(visualRuns('كريم (م)')[0]!.text).toBe('كريم )م(');
  });
});

describe('formatDays', () => {
  it('writes the dates in the certificate’s language, with Latin digits', () => {
    expect(formatDays('en', '2026-03-10', '2026-03-12')).toMatch(/^March 10\s–\s12, 2026$/u);
    expect(formatDays('fr', '2026-03-10', '2026-03-10')).toBe('10 mars 2026');
    expect(formatDays('ar', '2026-03-10', '2026-03-10')).toMatch(/10 مارس 2026/);
  });
});

describe('renderCertificatePdf', () => {
  it('writes the Arabic name in logical order, the Latin name, the workshop, the code and the address', async () => {
    const pdf = await renderCertificatePdf(base);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('كريم الشناوي');
    expect(text).toContain('Karim El-Shenawy');
    expect(text).toContain('Certificate of completion');
    expect(text).toContain('Tracing crypto-assets in corruption cases');
    expect(text).toContain(formatCertificateCode(base.code));
    expect(text).toContain(base.verifyUrl);
    expect(text).toMatch(/March 10\s–\s12, 2026/u);
    expect(text).toContain('Jordan');
    // The font is embedded: no reader has to have it.
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
  });

  it('writes a Cyrillic name and a certificate in Arabic with its sentences in logical order', async () => {
    const cyrillic = await pdfText(await renderCertificatePdf({ ...base, holderName: 'Дмитро Бондаренко', holderNameLatin: 'Dmytro Bondarenko' }));
    expect(cyrillic).toContain('Дмитро Бондаренко');
    expect(cyrillic).toContain('Dmytro Bondarenko');

    const arabic = await pdfText(await renderCertificatePdf({ ...base, language: 'ar', sessionsAttended: 2, sessionsTotal: 3 }));
    expect(arabic).toContain('شهادة إتمام');
    expect(arabic).toContain('كريم الشناوي');
    expect(arabic).toContain('قد أتم ورشة العمل التدريبية');
    // The lam-alef ligature reads back as its two letters, in order.
    expect(arabic).toContain('باسترداد الأصول');
    expect(arabic).toContain('الأردن');
  });

  it('gives the same document when downloaded again', async () => {
    const a = await renderCertificatePdf(base);
    const b = await renderCertificatePdf(base);
    // pdfkit writes a random document id; everything else is the same.
    const strip = (pdf: Buffer) => pdf.toString('latin1').replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/, '');
    expect(strip(a)).toBe(strip(b));
  });
});

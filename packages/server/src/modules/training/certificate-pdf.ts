import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import bidiImport, { type Bidi } from 'bidi-js';
import QRCode from 'qrcode';
import { formatCertificateCode, type TUiLanguage } from '@focal/shared';
import { countryName } from '../reference/service.js';

/**
 * The certificate of completion as a PDF: A4 landscape, DejaVu Sans embedded (it covers Latin,
 * Cyrillic, Greek and Arabic), every line centred.
 *
 * Right-to-left text: pdfkit shapes glyphs through fontkit, which also reverses a run of Arabic
 * or Hebrew, but it neither splits a line into runs of one direction nor orders those runs, and
 * it lays text out word by word (which would put Arabic words in the wrong order). So each line
 * goes through the Unicode Bidirectional Algorithm (bidi-js): split into runs of one embedding
 * level, runs reordered for display, and each run drawn whole, in its logical order, for fontkit
 * to shape and reverse. Text extracted from the file then reads in logical order.
 */

const require = createRequire(import.meta.url);
const FONT_FILES = { regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf', bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf' } as const;
type FontName = keyof typeof FONT_FILES;
let parsedFonts: Record<FontName, Buffer> | undefined;

/**
 * The fonts, parsed once per process. Parsing DejaVu's tables is most of the cost of a document,
 * and pdfkit accepts an already parsed font (any object with `layout`), which it then subsets per
 * document; so the fonts are parsed through pdfkit itself, once.
 */
function fonts(): Record<FontName, Buffer> {
  if (!parsedFonts) {
    const probe = new PDFDocument({ autoFirstPage: false });
    const parsed = {} as Record<FontName, Buffer>;
    for (const name of Object.keys(FONT_FILES) as FontName[]) {
      probe.registerFont(name, fs.readFileSync(require.resolve(FONT_FILES[name])));
      probe.font(name);
      // Typed as a file for pdfkit's types; it is the fontkit font pdfkit made from the file.
      parsed[name] = (probe as unknown as { _font: { font: Buffer } })._font.font;
    }
    parsedFonts = parsed;
  }
  return parsedFonts;
}
// bidi-js is CommonJS exporting the factory itself; its types describe an ES default export.
const bidiFactory = ((bidiImport as unknown as { default?: () => Bidi }).default ?? bidiImport) as unknown as () => Bidi;
const bidi = bidiFactory();

/** Lays a whole run out at once: without `features`, pdfkit lays out (and reverses) word by word. */
const WHOLE_RUN: { features: PDFKit.Mixins.OpenTypeFeatures[] } = { features: [] };

export interface CertificateContent {
  language: TUiLanguage;
  holderName: string;
  holderNameLatin: string;
  workshopTitle: string;
  startsOn: string;
  endsOn: string;
  hostCountry: string;
  mode: 'in_person' | 'online';
  modules: string[];
  sessionsAttended: number;
  sessionsTotal: number;
  issuedAt: Date;
  code: string;
  verifyUrl: string;
}

interface Strings {
  title: string;
  certifies: string;
  completed: string;
  attended: (attended: number, total: number) => string;
  modules: string;
  held: (dates: string, place: string) => string;
  online: string;
  issued: (date: string) => string;
  code: string;
  verify: string;
  network: string;
}

const STRINGS: Record<TUiLanguage, Strings> = {
  en: {
    title: 'Certificate of completion',
    certifies: 'This is to certify that',
    completed: 'has completed the training workshop',
    attended: (a, t) => `having attended ${a} of ${t} sessions`,
    modules: 'Modules',
    held: (dates, place) => `${dates} · ${place}`,
    online: 'online',
    issued: (date) => `Issued on ${date}`,
    code: 'Verification code',
    verify: 'Check this certificate at',
    network: 'Focal · the global network of asset-recovery focal points',
  },
  fr: {
    title: 'Certificat de réussite',
    certifies: 'Il est certifié que',
    completed: 'a suivi l’atelier de formation',
    attended: (a, t) => `en assistant à ${a} séances sur ${t}`,
    modules: 'Modules',
    held: (dates, place) => `${dates} · ${place}`,
    online: 'en ligne',
    issued: (date) => `Délivré le ${date}`,
    code: 'Code de vérification',
    verify: 'Vérifier ce certificat sur',
    network: 'Focal · le réseau mondial des points focaux pour le recouvrement d’avoirs',
  },
  es: {
    title: 'Certificado de finalización',
    certifies: 'Se certifica que',
    completed: 'ha completado el taller de formación',
    attended: (a, t) => `con asistencia a ${a} de ${t} sesiones`,
    modules: 'Módulos',
    held: (dates, place) => `${dates} · ${place}`,
    online: 'en línea',
    issued: (date) => `Expedido el ${date}`,
    code: 'Código de verificación',
    verify: 'Verifique este certificado en',
    network: 'Focal · la red mundial de puntos focales de recuperación de activos',
  },
  ar: {
    title: 'شهادة إتمام',
    certifies: 'نشهد بأن',
    completed: 'قد أتم ورشة العمل التدريبية',
    attended: (a, t) => `بعد حضور ${a} من ${t} جلسات`,
    modules: 'الوحدات',
    held: (dates, place) => `${dates} · ${place}`,
    online: 'عبر الإنترنت',
    issued: (date) => `صدرت في ${date}`,
    code: 'رمز التحقق',
    verify: 'تحقق من هذه الشهادة على',
    network: 'Focal · الشبكة العالمية لنقاط الاتصال المعنية باسترداد الأصول',
  },
};

export interface VisualRun {
  /** The run as fontkit must receive it. */
  text: string;
  /** Right to left (an odd embedding level). */
  rtl: boolean;
}

/**
 * One line of text as runs in display order, left to right. A right-to-left run is handed over
 * in logical order with mirrored brackets swapped (fontkit reverses it); a right-to-left run with
 * no right-to-left letter (only spaces or punctuation) is reversed here, as fontkit would not.
 */
export function visualRuns(line: string, base: 'ltr' | 'rtl' | 'auto' = 'auto'): VisualRun[] {
  if (!line) return [];
  const { levels } = bidi.getEmbeddingLevels(line, base);
  const runs: { start: number; end: number; level: number }[] = [];
  let start = 0;
  for (let i = 1; i <= line.length; i++) {
    if (i === line.length || levels[i] !== levels[start]) {
      runs.push({ start, end: i, level: levels[start]! });
      start = i;
    }
  }
  // Rule L2: from the highest level down to the lowest odd one, reverse every sequence of runs at that level or above.
  const highest = Math.max(...runs.map((r) => r.level));
  const lowestOdd = Math.min(...runs.map((r) => (r.level % 2 === 1 ? r.level : Number.POSITIVE_INFINITY)));
  for (let level = highest; level >= lowestOdd && level > 0; level--) {
    for (let i = 0; i < runs.length; ) {
      if (runs[i]!.level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < runs.length && runs[j]!.level >= level) j++;
      runs.splice(i, j - i, ...runs.slice(i, j).reverse());
      i = j;
    }
  }
  return runs.map((run) => {
    const logical = line.slice(run.start, run.end);
    if (run.level % 2 === 0) return { text: logical, rtl: false };
    const mirrored = [...logical].map((ch) => bidi.getMirroredCharacter(ch) ?? ch).join('');
    const hasRtlLetter = [...logical].some((ch) => {
      const type = bidi.getBidiCharTypeName(ch);
      return type === 'R' || type === 'AL';
    });
    return { text: hasRtlLetter ? mirrored : [...mirrored].reverse().join(''), rtl: true };
  });
}

const direction = (text: string): 'ltr' | 'rtl' => {
  const { paragraphs } = bidi.getEmbeddingLevels(text, 'auto');
  return (paragraphs[0]?.level ?? 0) % 2 === 1 ? 'rtl' : 'ltr';
};

const dateFormats = new Map<TUiLanguage, Intl.DateTimeFormat>();
/** Day, month in words and year; made once per language (building a format is costly). */
const dateFormat = (language: TUiLanguage) => {
  let format = dateFormats.get(language);
  // Latin digits in every language: a verifier compares them with what the public page shows.
  if (!format) dateFormats.set(language, (format = new Intl.DateTimeFormat(`${language}-u-nu-latn`, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })));
  return format;
};

export function formatDays(language: TUiLanguage, startsOn: string, endsOn: string): string {
  const format = dateFormat(language);
  const from = new Date(`${startsOn}T00:00:00Z`);
  if (startsOn === endsOn) return format.format(from);
  return format.formatRange(from, new Date(`${endsOn}T00:00:00Z`));
}

type Doc = InstanceType<typeof PDFDocument>;

const isRightToLeft = (codePoint: number) => {
  const type = bidi.getBidiCharTypeName(String.fromCodePoint(codePoint));
  return type === 'R' || type === 'AL';
};

/**
 * A glyph standing for several right-to-left letters (the Arabic lam-alef ligature) is drawn in
 * display order, so a reader that turns the line back into logical order reverses its letters
 * too: pdfkit records them in logical order, which would come out swapped ("ال" for "لا"). They
 * are recorded reversed instead, before pdfkit writes the fonts' ToUnicode maps at the end.
 * (pdfkit has no option for this; `unicode` is its table of code points per glyph.)
 */
function mapLigaturesForReading(doc: Doc) {
  const fonts = Object.values((doc as unknown as { _fontFamilies: Record<string, { unicode?: number[][] }> })._fontFamilies);
  for (const font of new Set(fonts)) {
    const table = font.unicode;
    if (!table) continue;
    table.forEach((codePoints, gid) => {
      // A copy: the array belongs to fontkit's glyph, which later layouts reuse.
      if (codePoints && codePoints.length > 1 && codePoints.every(isRightToLeft)) table[gid] = [...codePoints].reverse();
    });
  }
}

class Writer {
  y: number;
  constructor(
    readonly doc: Doc,
    readonly left: number,
    readonly width: number,
    top: number,
  ) {
    this.y = top;
  }

  private widthOf(text: string) {
    return visualRuns(text).reduce((sum, run) => sum + this.doc.widthOfString(run.text, WHOLE_RUN), 0);
  }

  /** Breaks a paragraph into lines that fit, by words, in logical order. */
  private wrap(text: string): string[] {
    const words = text.split(/\s+/).filter(Boolean);
    const lines: string[] = [];
    let current = '';
    for (const word of words) {
      const candidate = current ? `${current} ${word}` : word;
      if (current && this.widthOf(candidate) > this.width) {
        lines.push(current);
        current = word;
      } else current = candidate;
    }
    if (current) lines.push(current);
    return lines;
  }

  /**
   * Centred text: wrapped to at most `maxLines` lines, the size reduced (to half at most) when it
   * would need more.
   */
  paragraph(text: string, options: { size: number; bold?: boolean; color?: string; maxLines?: number; gap?: number; base?: 'ltr' | 'rtl' }) {
    const { doc } = this;
    doc.font(options.bold ? 'bold' : 'regular').fillColor(options.color ?? '#1a1a1a');
    let size = options.size;
    let lines: string[];
    for (;;) {
      doc.fontSize(size);
      lines = this.wrap(text);
      if (lines.length <= (options.maxLines ?? 2) || size <= options.size / 2) break;
      size -= 1;
    }
    // The certificate's own sentences take its language's direction; a name or title, its own.
    const base = options.base ?? direction(text);
    for (const line of lines) {
      const runs = visualRuns(line, base);
      const widths = runs.map((run) => doc.widthOfString(run.text, WHOLE_RUN));
      let x = this.left + (this.width - widths.reduce((a, b) => a + b, 0)) / 2;
      runs.forEach((run, i) => {
        doc.text(run.text, x, this.y, { lineBreak: false, ...WHOLE_RUN });
        x += widths[i]!;
      });
      this.y += doc.currentLineHeight(true);
    }
    this.y += options.gap ?? 0;
  }
}

/** Draws the QR code of `url` with its top-left corner at (x, y), `size` points wide. */
function drawQr(doc: Doc, url: string, x: number, y: number, size: number) {
  // One byte segment: QRCode's search for the shortest mix of modes costs more than the drawing.
  const qr = QRCode.create([{ data: Buffer.from(url, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = size / count;
  doc.save().fillColor('#1a1a1a');
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + col * cell, y + row * cell, cell + 0.05, cell + 0.05);
    }
  }
  doc.fill().restore();
}

export async function renderCertificatePdf(content: CertificateContent): Promise<Buffer> {
  const s = STRINGS[content.language] ?? STRINGS.en;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    // The certificate's own date, so a download made later is the same document.
    info: { Title: `${s.title} — ${content.holderNameLatin}`, Author: 'Focal', Subject: content.workshopTitle, CreationDate: content.issuedAt, ModDate: content.issuedAt },
    lang: content.language,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const { regular, bold } = fonts();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);

  const { width, height } = doc.page;
  doc.lineWidth(3).strokeColor('#1c3d5a').rect(24, 24, width - 48, height - 48).stroke();
  doc.lineWidth(0.8).strokeColor('#8aa4bd').rect(32, 32, width - 64, height - 64).stroke();

  const base = content.language === 'ar' ? 'rtl' : 'ltr';
  const w = new Writer(doc, 70, width - 140, 66);
  w.paragraph(s.network, { size: 10, color: '#4a6178', maxLines: 1, gap: 22, base });
  w.paragraph(s.title, { size: 30, bold: true, color: '#1c3d5a', maxLines: 1, gap: 20, base });
  w.paragraph(s.certifies, { size: 13, color: '#333333', gap: 10, base });
  w.paragraph(content.holderName, { size: 26, bold: true, maxLines: 1, gap: 2 });
  if (content.holderNameLatin && content.holderNameLatin !== content.holderName) w.paragraph(content.holderNameLatin, { size: 14, color: '#333333', maxLines: 1 });
  w.y += 12;
  w.paragraph(s.completed, { size: 13, color: '#333333', gap: 8, base });
  w.paragraph(content.workshopTitle, { size: 19, bold: true, color: '#1c3d5a', maxLines: 2, gap: 8 });
  const place = content.mode === 'online' ? s.online : countryName(content.hostCountry, content.language);
  w.paragraph(s.held(formatDays(content.language, content.startsOn, content.endsOn), place), { size: 12, color: '#333333', gap: 3, base });
  w.paragraph(s.attended(content.sessionsAttended, content.sessionsTotal), { size: 12, color: '#333333', gap: 10, base });
  if (content.modules.length) w.paragraph(`${s.modules}: ${content.modules.join(' · ')}`, { size: 10, color: '#4a6178', maxLines: 3, base });

  // Verification block: the code, the address and its QR code, bottom right.
  const qrSize = 78;
  const qrX = width - 70 - qrSize;
  const qrY = height - 70 - qrSize;
  drawQr(doc, content.verifyUrl, qrX, qrY, qrSize);
  const block = new Writer(doc, 70, qrX - 90, qrY + 4);
  block.paragraph(`${s.code}: ${formatCertificateCode(content.code)}`, { size: 11, bold: true, maxLines: 1, gap: 2, base });
  block.paragraph(s.verify, { size: 9, color: '#4a6178', maxLines: 1, base });
  block.paragraph(content.verifyUrl, { size: 9, color: '#1c3d5a', maxLines: 2, gap: 4, base: 'ltr' });
  block.paragraph(s.issued(dateFormat(content.language).format(content.issuedAt)), { size: 9, color: '#4a6178', maxLines: 1, base });

  mapLigaturesForReading(doc);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

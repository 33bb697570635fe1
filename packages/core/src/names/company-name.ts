import { CJK_BUSINESS_WORDS, LATIN_BUSINESS_PHRASES, WEAK_COMPANY_WORDS } from './lexicon/business-words.js';
import {
  CJK_LEGAL_FORMS,
  CYRILLIC_FORM_WORDS,
  CYRILLIC_ONLY_FORMS,
  FORM_IMPLIED_WORDS,
  GLUED_LEGAL_SUFFIXES,
  LEGAL_FORM_PHRASES,
  LONGEST_LEGAL_PHRASE,
  type LegalForm,
} from './lexicon/legal-forms.js';
import { COMPANY_STOPWORDS } from './lexicon/particles.js';
import { joinTokens, makeToken, type NameToken } from './token.js';
import { splitPieces, type Piece } from './words.js';

// A company name is split into its distinguishing words, its legal form(s) and the full word
// sequence that abbreviations ("SNEPCo", "Petrobras") are built from.

export interface LegalFormHit {
  form: LegalForm;
  /** As written in the source. */
  display: string;
  /** Written in Latin letters, where two different forms are evidence of two jurisdictions. */
  latin: boolean;
}

export interface AcronymWord {
  text: string;
  /** Stopwords, legal forms and weak words may be left out of an abbreviation. */
  skippable: boolean;
}

export interface ParsedCompanyName {
  display: string;
  variants: NameToken[][];
  legalForms: LegalFormHit[];
  acronymWords: AcronymWord[];
}

const CJK_WORDS_LONGEST_FIRST = [...CJK_BUSINESS_WORDS.keys()].sort((a, b) => b.length - a.length);
const CJK = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Cuts CJK legal forms and business words out of a name, leaving the rest as pieces. */
function cjkPieces(name: string, legalForms: LegalFormHit[]): Piece[] {
  let text = name.normalize('NFKC');
  for (const [written, form] of CJK_LEGAL_FORMS) {
    while (text.includes(written)) {
      legalForms.push({ form, display: written, latin: false });
      text = text.replace(written, ' ');
    }
  }
  const pieces: Piece[] = [];
  let rest = '';
  const flush = () => {
    if (rest.trim()) pieces.push(...splitPieces(rest, true));
    rest = '';
  };
  for (let index = 0; index < text.length; ) {
    const word = CJK_WORDS_LONGEST_FIRST.find((candidate) => text.startsWith(candidate, index));
    if (word) {
      flush();
      const english = CJK_BUSINESS_WORDS.get(word) ?? word;
      english.split(' ').forEach((part, partIndex) =>
        pieces.push({ display: partIndex === 0 ? word : '', latin: part, origin: 'translated', group: -index - 1, dotted: false, upper: false, nativeTitle: false, camelParts: [] }),
      );
      index += word.length;
    } else {
      rest += text[index];
      index++;
    }
  }
  flush();
  return pieces;
}

function matchLegalPhrase(pieces: Piece[], start: number): { length: number; form: LegalForm } | undefined {
  for (let length = Math.min(LONGEST_LEGAL_PHRASE, pieces.length - start); length >= 1; length--) {
    const slice = pieces.slice(start, start + length);
    const phrase = slice.map((piece) => piece.latin).join(' ');
    const form = LEGAL_FORM_PHRASES.get(phrase);
    if (!form) continue;
    if (length === 1 && CYRILLIC_ONLY_FORMS.has(phrase) && slice[0]?.origin !== 'cyrillic') continue;
    return { length, form };
  }
  const glued = GLUED_LEGAL_SUFFIXES.find(([suffix]) => pieces[start]?.latin.endsWith(suffix));
  return glued ? { length: 1, form: glued[1] } : undefined;
}

function translatePhrase(pieces: Piece[], start: number): { length: number; english: string } | undefined {
  for (const length of [2, 1]) {
    const phrase = pieces.slice(start, start + length).map((piece) => piece.latin).join(' ');
    const english = LATIN_BUSINESS_PHRASES.get(phrase);
    if (english && start + length <= pieces.length) return { length, english };
  }
  return undefined;
}

/** Parses one alias of a company, organisation or other non-person. */
export function parseCompanyName(name: string): ParsedCompanyName {
  const legalForms: LegalFormHit[] = [];
  const pieces = CJK.test(name) ? cjkPieces(name, legalForms) : splitPieces(name, true);
  const tokens: NameToken[] = [];
  const acronymWords: AcronymWord[] = [];
  const legalTokens: NameToken[] = [];
  for (let index = 0; index < pieces.length; ) {
    const piece = pieces[index] as Piece;
    const legal = matchLegalPhrase(pieces, index);
    if (legal) {
      const slice = pieces.slice(index, index + legal.length);
      legalForms.push({ form: legal.form, display: slice.map((part) => part.display).join(' '), latin: slice.every((part) => part.origin === 'latin') });
      for (const part of slice) {
        acronymWords.push({ text: part.latin, skippable: true });
        legalTokens.push(makeToken(part.display, part.latin, part.origin, 'weak'));
      }
      const impliedWords = piece.origin === 'cyrillic' ? (CYRILLIC_FORM_WORDS.get(piece.latin) ?? []) : (FORM_IMPLIED_WORDS.get(piece.latin) ?? []);
      for (const word of impliedWords) tokens.push(makeToken(piece.display, word, 'translated'));
      index += legal.length;
      continue;
    }
    const translated = translatePhrase(pieces, index);
    if (translated) {
      const display = pieces.slice(index, index + translated.length).map((part) => part.display).join(' ');
      for (const word of translated.english.split(' ')) {
        tokens.push(makeToken(display, word, 'translated', WEAK_COMPANY_WORDS.has(word) ? 'weak' : 'name'));
        acronymWords.push({ text: word, skippable: false });
      }
      index += translated.length;
      continue;
    }
    index++;
    if (COMPANY_STOPWORDS.has(piece.latin)) {
      acronymWords.push({ text: piece.latin, skippable: true });
      legalTokens.push(makeToken(piece.display, piece.latin, piece.origin, 'weak'));
      continue;
    }
    const weak = WEAK_COMPANY_WORDS.has(piece.latin);
    tokens.push(makeToken(piece.display, piece.latin, piece.origin, weak ? 'weak' : 'name'));
    const parts = piece.camelParts.length > 1 ? piece.camelParts : [piece.latin];
    for (const part of parts) acronymWords.push({ text: part, skippable: weak });
  }
  // A name made only of legal-form words and stopwords ("The Company Ltd") keeps them as its name.
  const nameTokens = tokens.length > 0 ? tokens : legalTokens.map((token) => ({ ...token, role: 'name' as const }));
  const variants: NameToken[][] = [nameTokens];
  if (nameTokens.length >= 2 && nameTokens.length <= 5) {
    for (let index = 0; index + 1 < nameTokens.length; index++) {
      const first = nameTokens[index] as NameToken;
      const second = nameTokens[index + 1] as NameToken;
      if (first.role === 'name' && second.role === 'name' && first.latin.length + second.latin.length <= 20) {
        variants.push([...nameTokens.slice(0, index), joinTokens(first, second), ...nameTokens.slice(index + 2)]);
      }
    }
  }
  return { display: name, variants, legalForms, acronymWords };
}

/** Splits "SONANGOL - Sociedade Nacional ..." and "X (formerly Y)" into the names they hold. */
export function splitCompanyAliases(name: string): string[] {
  const parts = name
    .split(/\s+[-–—|]\s+|;|\s+(?:a\.?k\.?a\.?|f\/k\/a|formerly|d\/b\/a)\s+/iu)
    .flatMap((part) => {
      const inner = part.match(/\(([^)]*)\)/u);
      if (!inner?.[1]) return [part];
      const outer = part.replace(inner[0], ' ').trim();
      const innerIsLegalForm = parseCompanyName(inner[1]).variants[0]?.every((token) => token.role === 'weak') || isOnlyLegalForm(inner[1]);
      return innerIsLegalForm ? [part] : [outer, inner[1]];
    })
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  return parts.length > 0 ? parts : [name];
}

function isOnlyLegalForm(text: string): boolean {
  const parsed = parseCompanyName(text);
  return parsed.legalForms.length > 0 && parsed.acronymWords.every((word) => word.skippable);
}

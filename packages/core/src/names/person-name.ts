import { AMBIGUOUS_TITLES, SUFFIXES, TITLES } from './lexicon/honorifics.js';
import { PARTICLES_KEPT_FIRST, PERSON_PARTICLES } from './lexicon/particles.js';
import { joinTokens, makeToken, type NameToken } from './token.js';
import { splitPieces, type Piece } from './words.js';

// A person's name becomes one or more token lists ("variants") that alignment compares;
// the variants cover the ways sources split or join the same parts ("Shui-bian" / "Shuibian",
// "박근혜" as surname + given name or as one word).

const PATRONYMIC = /(ovich|evich|ovych|evych|ievych|ovna|evna|ivna|yivna|ichna|ovic|ievich|yevich)$/;
const CHINESE_COMPOUND_SURNAMES = new Set(['欧阳', '歐陽', '司马', '司馬', '诸葛', '諸葛', '上官', '司徒', '东方', '東方', '皇甫', '南宫', '公孙', '夏侯', '令狐', '慕容', '尉迟', '长孙', '宇文']);
const KOREAN_COMPOUND_SURNAMES = new Set(['남궁', '황보', '제갈', '선우', '독고', '사공', '서문']);
const MAX_VARIANTS = 8;
const MAX_SYLLABLE = 5;

export interface ParsedPersonName {
  display: string;
  variants: NameToken[][];
}

/** "SURNAME, Given" and "Surname, Given Middle" become "Given Surname". */
function reorderComma(name: string): string {
  const parts = name.split(',');
  if (parts.length !== 2) return name;
  const [surname = '', given = ''] = parts.map((part) => part.trim());
  if (!surname || !given || surname.split(/\s+/).length > 3) return name;
  if (SUFFIXES.has(given.toLowerCase().replace(/\./g, ''))) return name;
  return `${given} ${surname}`;
}

function dropTitlesAndSuffixes(pieces: Piece[]): Piece[] {
  let kept = [...pieces];
  const namesLeft = () => kept.filter((piece) => !piece.dotted).length;
  for (;;) {
    const first = kept[0];
    if (!first) break;
    const word = first.latin;
    const clear = first.nativeTitle || TITLES.has(word);
    const ambiguous = AMBIGUOUS_TITLES.has(word);
    if ((clear && kept.length > 1) || (ambiguous && namesLeft() > 2)) kept = kept.slice(1);
    else break;
  }
  while (kept.length > 1) {
    const last = kept[kept.length - 1];
    if (last && SUFFIXES.has(last.latin)) kept = kept.slice(0, -1);
    else break;
  }
  // Titles written with dots ("H.E.", "Hon.") anywhere before the name.
  return kept.filter((piece, index) => !(piece.dotted && TITLES.has(piece.latin) && index < kept.length - 1) && !(piece.nativeTitle && kept.length > 1));
}

function dropParticles(pieces: Piece[]): Piece[] {
  const kept = pieces.filter((piece, index) => {
    if (!PERSON_PARTICLES.has(piece.latin) || piece.dotted) return true;
    return index === 0 && PARTICLES_KEPT_FIRST.has(piece.latin);
  });
  return kept.length > 0 ? kept : pieces;
}

function isInitials(piece: Piece): boolean {
  if (piece.dotted) return true;
  if (piece.latin.length === 1 && piece.origin === 'latin') return true;
  // "JG Zuma": capital consonants only cannot be a name part.
  return piece.upper && piece.origin === 'latin' && piece.latin.length <= 3 && !/[aeiouy]/.test(piece.latin);
}

function syllabicTokens(piece: Piece): NameToken[][] {
  const chars = [...piece.display];
  const parts = piece.syllables ?? [];
  if (parts.length < 2 || parts.length !== chars.length || parts.length > 4) return [[makeToken(piece.display, piece.latin, piece.origin)]];
  const twoCharSurname = CHINESE_COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) || KOREAN_COMPOUND_SURNAMES.has(chars.slice(0, 2).join(''));
  const surnameLength = twoCharSurname && parts.length > 2 ? 2 : 1;
  const surname = makeToken(chars.slice(0, surnameLength).join(''), parts.slice(0, surnameLength).join(''), piece.origin);
  const given = makeToken(chars.slice(surnameLength).join(''), parts.slice(surnameLength).join(''), piece.origin);
  // Transcriptions of foreign names into Han characters have no surname: keep them whole too.
  const whole = piece.origin === 'han' ? [[makeToken(piece.display, piece.latin, piece.origin)]] : [];
  return [[surname, given], ...whole];
}

function pieceTokens(pieces: Piece[]): NameToken[] {
  const tokens: NameToken[] = [];
  const substantial = pieces.filter((piece) => !isInitials(piece)).length;
  pieces.forEach((piece, index) => {
    if (isInitials(piece)) {
      for (const letter of piece.latin) tokens.push(makeToken(letter.toUpperCase(), letter, piece.origin, 'initial'));
      return;
    }
    const patronymic = substantial >= 3 && index > 0 && PATRONYMIC.test(piece.latin);
    tokens.push(makeToken(piece.display, piece.latin, piece.origin, patronymic ? 'patronymic' : 'name'));
  });
  return tokens;
}

function joinHyphenGroups(pieces: Piece[], tokens: NameToken[]): NameToken[] | undefined {
  if (tokens.length !== pieces.length) return undefined;
  const joined: NameToken[] = [];
  let changed = false;
  tokens.forEach((token, index) => {
    const previous = joined[joined.length - 1];
    if (index > 0 && previous && pieces[index]?.group === pieces[index - 1]?.group && token.role === 'name' && previous.role === 'name') {
      joined[joined.length - 1] = joinTokens(previous, token);
      changed = true;
    } else joined.push(token);
  });
  return changed ? joined : undefined;
}

function adjacentJoins(tokens: NameToken[]): NameToken[][] {
  if (tokens.length < 2 || tokens.length > 4) return [];
  const variants: NameToken[][] = [];
  for (let index = 0; index + 1 < tokens.length; index++) {
    const first = tokens[index];
    const second = tokens[index + 1];
    // Only syllable-sized parts are joined ("Sai Gon", "Geun Hye"): joining longer ones would
    // let "Muhammad Nawaz" resemble "Muhammad Shehbaz".
    if (!first || !second || first.role !== 'name' || second.role !== 'name' || first.latin.length > MAX_SYLLABLE || second.latin.length > MAX_SYLLABLE) continue;
    variants.push([...tokens.slice(0, index), joinTokens(first, second), ...tokens.slice(index + 2)]);
  }
  return variants;
}

const THEOPHORIC = /^ab(?:d|del|dul|dal|dol|doul|dil)$/;
const THEOPHORIC_PREFIX = /^(ab(?:del|dul|dal|dol|doul))([a-z]{4,})$/;

/**
 * Arabic names built on "Abd" ("servant of") are written "Abdel Rahman", "Abdul Rahman",
 * "Abd al-Rahman" or "Abdulrahman"; all become "Abd" + "Rahman" in one hyphen group, so the
 * split and the joined forms are both compared.
 */
function splitTheophoric(piece: Piece): Piece[] {
  if (piece.origin !== 'latin') return [piece];
  if (THEOPHORIC.test(piece.latin)) return [{ ...piece, latin: 'abd' }];
  const match = THEOPHORIC_PREFIX.exec(piece.latin);
  if (!match?.[2]) return [piece];
  return [
    { ...piece, latin: 'abd', display: piece.display.slice(0, match[1]?.length) },
    { ...piece, latin: match[2], display: piece.display.slice(match[1]?.length) },
  ];
}

/** Particles written glued to the next part ("Benali", "Dossantos", "Vandenberg"). */
function glueParticles(pieces: Piece[]): Piece[] | undefined {
  const glued: Piece[] = [];
  let changed = false;
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index] as Piece;
    const next = pieces[index + 1];
    if (next && !piece.dotted && PERSON_PARTICLES.has(piece.latin) && !PERSON_PARTICLES.has(next.latin)) {
      glued.push({ ...next, display: `${piece.display} ${next.display}`, latin: piece.latin + next.latin, group: -index - 1 });
      index++;
      changed = true;
    } else glued.push(piece);
  }
  return changed ? glued : undefined;
}

/** Parses one alias of a person. */
export function parsePersonName(name: string): ParsedPersonName {
  const withParticles = dropTitlesAndSuffixes(splitPieces(reorderComma(name))).flatMap(splitTheophoric);
  const pieces = dropParticles(withParticles);
  const variants: NameToken[][] = [];
  const syllabic = pieces.filter((piece) => piece.syllables);
  if (syllabic.length === 1 && pieces.length === 1 && syllabic[0]) {
    variants.push(...syllabicTokens(syllabic[0]));
  } else {
    const tokens = pieceTokens(pieces);
    variants.push(tokens);
    const hyphenJoined = joinHyphenGroups(pieces, tokens);
    if (hyphenJoined) variants.push(hyphenJoined);
    variants.push(...adjacentJoins(tokens));
    const glued = glueParticles(withParticles);
    if (glued) variants.push(pieceTokens(glued));
  }
  return { display: name, variants: variants.filter((variant) => variant.length > 0).slice(0, MAX_VARIANTS) };
}

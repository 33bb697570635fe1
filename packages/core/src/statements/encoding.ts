import { StatementError } from './errors.js';

/**
 * Text encodings a statement file may come in. UTF-8 is the default; Windows-1252 (which
 * browsers and WHATWG also use for "ISO-8859-1"/"Latin-1") is what spreadsheet exports on
 * Western European Windows machines produce; UTF-16 is what Excel's "Unicode text" writes.
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const TEXT_ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'];

const REPLACEMENT = '\uFFFD';

/** The byte order mark at the start of `bytes`, if any. */
export function detectBom(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * Windows-1252 differs from ISO-8859-1 in 0x80–0x9F (€, ‚, „, …, Š, Œ, Ž, curly quotes, –, —,
 * ™, š, œ, ž, Ÿ). Node 20's TextDecoder('windows-1252') decodes those bytes as C1 control
 * characters (ISO-8859-1), so they are mapped here; the five bytes Windows-1252 leaves
 * undefined keep their code point, as WHATWG specifies.
 */
const WINDOWS_1252_C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const C1_RANGE = /[\u0080-\u009f]/g;

function fixWindows1252(text: string): string {
  return text.replace(C1_RANGE, (char) => String.fromCharCode(WINDOWS_1252_C1[char.charCodeAt(0) - 0x80] ?? char.charCodeAt(0)));
}

/**
 * A streaming decoder: feed chunks in order (`final` on the last, or call with an empty chunk
 * and final = true); a multi-byte character split across chunks is kept for the next one. A
 * leading byte order mark is removed. Invalid UTF-8 or UTF-16 throws a StatementError whose
 * message suggests Windows-1252; `lineBefore` is the 1-based line where the chunk starts, so
 * that the error can point near the bad byte.
 */
export interface ChunkDecoder {
  decode(chunk: Uint8Array, final: boolean, lineBefore: number): string;
}

export function createChunkDecoder(encoding: TextEncodingName): ChunkDecoder {
  if (encoding === 'windows-1252') {
    const decoder = new TextDecoder('windows-1252');
    let first = true;
    return {
      decode(chunk) {
        // Windows-1252 has no BOM of its own, but a UTF-8 BOM left on a Latin-1 file would read as "ï»¿".
        let text = fixWindows1252(decoder.decode(chunk));
        if (first && text.startsWith('\u00ef\u00bb\u00bf')) text = text.slice(3);
        first = false;
        return text;
      },
    };
  }
  const decoder = new TextDecoder(encoding, { fatal: true });
  return {
    decode(chunk, final, lineBefore) {
      try {
        return decoder.decode(chunk, { stream: !final });
      } catch {
        const text = new TextDecoder(encoding).decode(chunk);
        throw wrongEncoding(encoding, lineBefore + countLineBreaks(text, text.indexOf(REPLACEMENT)));
      }
    },
  };
}

/** A whole file as text: its BOM wins over `encoding`, which defaults to UTF-8. */
export function decodeBytes(bytes: Uint8Array, encoding?: TextEncodingName): string {
  const bom = detectBom(bytes);
  const chosen = bom?.encoding ?? encoding ?? 'utf-8';
  return createChunkDecoder(chosen).decode(bytes, true, 1);
}

/**
 * Text that was already decoded by the caller: a U+FFFD replacement character means bytes were
 * lost to a wrong decoding (typically a Latin-1 file read as UTF-8), so the text is refused
 * rather than imported with holes in names and references.
 */
export function assertNoReplacementCharacters(text: string, lineBefore = 1): void {
  const at = text.indexOf(REPLACEMENT);
  if (at >= 0) throw wrongEncoding('utf-8', lineBefore + countLineBreaks(text, at), true);
}

export function wrongEncoding(encoding: TextEncodingName, line: number, alreadyDecoded = false): StatementError {
  const what = alreadyDecoded
    ? 'the text contains replacement characters (U+FFFD): it was decoded with the wrong encoding'
    : `the file is not valid ${encoding.toUpperCase()}`;
  return new StatementError(`${what}. It may be Latin-1 / Windows-1252: import it again with the encoding windows-1252.`, line);
}

/** Line breaks (LF, CRLF or lone CR) in text[0, end). */
export function countLineBreaks(text: string, end = text.length): number {
  let count = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) count++;
    else if (code === 13 && text.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}

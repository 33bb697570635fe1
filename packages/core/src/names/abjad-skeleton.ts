// Consonant skeletons read straight from Arabic and Hebrew letters. Transliterating first and
// reading the skeleton from Latin letters would invent digraphs: "الزهراء" is z + h + r, not "zh".
// The classes are those of consonantSkeleton() in keys.ts, so the two skeletons compare.

const ARABIC: Record<string, string> = {
  ب: 'B', پ: 'B', ت: 'T', ث: 'T', ٹ: 'T', ج: 'J', چ: 'S', ح: 'H', خ: 'K', د: 'T', ذ: 'T', ڈ: 'T', ر: 'R', ڑ: 'R', ز: 'T', ژ: 'J',
  س: 'S', ش: 'S', ص: 'S', ض: 'T', ط: 'T', ظ: 'T', غ: 'K', ف: 'F', ڤ: 'F', ق: 'K', ك: 'K', ک: 'K', گ: 'K', ل: 'L', م: 'M',
  ن: 'N', ں: 'N', ه: 'H', ہ: 'H', ھ: 'H', ة: 'H',
};

const HEBREW: Record<string, string> = {
  ב: 'B', ג: 'K', ד: 'T', ה: 'H', ז: 'T', ח: 'H', ט: 'T', כ: 'K', ך: 'K', ל: 'L', מ: 'M', ם: 'M', נ: 'N', ן: 'N', ס: 'S',
  פ: 'B', ף: 'F', צ: 'T', ץ: 'T', ק: 'K', ר: 'R', ש: 'S', ת: 'T',
};

/** Skeleton of a word in Arabic or Hebrew script; letters that are vowels or glides are dropped. */
export function abjadSkeleton(word: string): string {
  let skeleton = '';
  for (const char of word) skeleton += ARABIC[char] ?? HEBREW[char] ?? '';
  return skeleton.replace(/H$/, '').replace(/(.)\1+/g, '$1');
}

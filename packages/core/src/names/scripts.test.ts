import { describe, expect, it } from 'vitest';
import { person, score, why } from './test-helpers.js';
import { transliterateWord } from './transliterate.js';

// One invented person per script, written natively and as a Latin source would write them.
const SAME_PERSON: [script: string, native: string, latin: string][] = [
  ['Cyrillic (Russian)', 'Борис Андреевич Лебедев', 'Boris Lebedev'],
  ['Cyrillic (Ukrainian)', 'Григорій Олексійович Ткаченко', 'Hryhoriy Tkachenko'],
  ['Greek', 'Κωνσταντίνος Μαυρίδης', 'Konstantinos Mavridis'],
  ['Arabic', 'سعيد الحمادي', 'Saeed Al-Hammadi'],
  ['Arabic (Urdu letters)', 'عمران چوہدری', 'Imran Chaudhry'],
  ['Hebrew', 'דוד לוין', 'David Levin'],
  ['Chinese', '刘德明', 'Liu Deming'],
  ['Chinese (Wade-Giles)', '張國華', 'Chang Kuo-hua'],
  ['Japanese (katakana)', 'ロベルト・シルバ', 'Roberto Silva'],
  ['Korean', '한승훈', 'Han Seung-hoon'],
  ['Korean (McCune-Reischauer)', '조명철', 'Cho Myong-chol'],
  ['Devanagari', 'विकास मेहता', 'Vikas Mehta'],
  ['Georgian', 'ნიკოლოზ ქავთარაძე', 'Nikoloz Kavtaradze'],
  ['Armenian', 'Գագիկ Սարգսյան', 'Gagik Sargsyan'],
  ['Thai', 'สมศักดิ์ วงศ์ไทย', 'Somsak Wongthai'],
];

describe('names in any script match their Latin spelling', () => {
  it.each(SAME_PERSON)('%s: %s = %s', (_script, native, latin) => {
    const result = score(person(native), person(latin));
    expect(result.match, why(result)).toBe(true);
  });

  it.each(SAME_PERSON)('%s: %s is not an unrelated person', (_script, native) => {
    const result = score(person(native), person('Fernando Quiroga'));
    expect(result.match, why(result)).toBe(false);
  });

  it('explains an aligned transliterated part in plain words', () => {
    const result = score(person('Олександр Гнатюк'), person('Oleksandr Hnatyuk'));
    expect(why(result)).toContain('Олександр ↔ Oleksandr (transliterated, exact)');
  });
});

describe('transliteration', () => {
  it('uses the Ukrainian convention when the name has Ukrainian letters', () => {
    expect(transliterateWord('Григорій', true).latin).toBe('hryhoriy');
    expect(transliterateWord('Григорий').latin).toBe('grigoriy');
  });

  it('spells Russian "е" after a vowel as "ye"', () => {
    expect(transliterateWord('Алиева').latin).toBe('aliyeva');
  });

  it('writes Greek "ου" as "ou"', () => {
    expect(transliterateWord('Παπαδοπούλου').latin).toBe('papadopoulou');
  });

  it('moves Thai leading vowels after their consonant and drops silenced letters', () => {
    expect(transliterateWord('ใจดี').latin).toBe('chaidi');
    expect(transliterateWord('จันทร์').latin).toBe('chanth');
  });

  it('combines small kana with the syllable before them', () => {
    expect(transliterateWord('ジョン').latin).toBe('jon');
    expect(transliterateWord('キョウコ').latin).toBe('kyouko');
  });
});

describe('vowel-less scripts', () => {
  it('compares Arabic by consonants, whatever vowels the Latin source adds', () => {
    for (const latin of ['Tariq Aziz', 'Tareq Azeez', 'Tarek Aziz']) {
      const result = score(person('طارق عزيز'), person(latin));
      expect(result.match, `${latin}\n${why(result)}`).toBe(true);
    }
  });

  it('detaches the Arabic article so that "al-" may be present or absent', () => {
    expect(score(person('ناصر الشمري'), person('Nasser Shammari')).match).toBe(true);
    expect(score(person('ناصر الشمري'), person('Nasser al-Shammari')).match).toBe(true);
  });

  it('does not take a different Arabic name with the same family name for a match', () => {
    expect(score(person('ناصر الشمري'), person('Fahad al-Shammari')).match).toBe(false);
  });
});

describe('Chinese, Japanese and Korean names', () => {
  it('reads a Chinese name as surname and given name, in either order', () => {
    expect(score(person('刘德明'), person('Deming Liu')).match).toBe(true);
  });

  it('treats traditional and simplified characters alike', () => {
    expect(score(person('張國華'), person('张国华')).match).toBe(true);
  });

  it('joins a hyphenated or spaced given name', () => {
    expect(score(person('Liu De-ming'), person('刘德明')).match).toBe(true);
    expect(score(person('Han Seung Hoon'), person('한승훈')).match).toBe(true);
  });

  it('accepts the Korean surname spellings Park, Pak and Bak', () => {
    for (const spelling of ['Park Ji-won', 'Pak Ji-won', 'Bak Ji-won']) expect(score(person('박지원'), person(spelling, undefined, ['KR'])).match, spelling).toBe(true);
  });

  it('keeps given names that differ by one character apart', () => {
    expect(score(person('刘德明'), person('刘德华')).match).toBe(false);
    expect(score(person('한승훈'), person('한승우')).match).toBe(false);
  });

  it('matches a foreign name transcribed into Chinese characters', () => {
    const result = score(person('马里奥·罗西'), person('Mario Rossi'));
    expect(result.match, why(result)).toBe(true);
  });
});

// Name particles: articles, prepositions and kinship connectors that some sources write and
// others drop ("Isabel dos Santos" / "Isabel Santos", "al-Bashir" / "Bashir", "bin", "oglu").
// Folded to lowercase ASCII. They are removed before alignment so their presence never decides.

export const PERSON_PARTICLES = new Set([
  'de', 'da', 'das', 'do', 'dos', 'du', 'des', 'del', 'della', 'delle', 'dello', 'degli', 'di', 'dei', 'e', 'y', 'i',
  'van', 'von', 'vom', 'zu', 'zum', 'zur', 'der', 'den', 'ter', 'ten', 'te', 'het', 'op', 'in',
  'la', 'le', 'les', 'lo', 'st', 'saint', 'sainte', 'mac', 'fitz', 'ap', 'ab', 'ua', 'nic', 'ni',
  'al', 'el', 'ul', 'ud', 'ash', 'bin', 'ibn', 'bint', 'binti', 'ben', 'bte', 'bt',
  'ould', 'ag', 'oglu', 'ogly', 'ogli', 'oglou', 'qizi', 'kyzy', 'kizi', 'gizi', 'uly', 'uulu', 'anak',
]);

/** Particles that are also given names when they open a name ("Ben Smith", "Ng Wei"). */
export const PARTICLES_KEPT_FIRST = new Set(['ben', 'e', 'i', 'la', 'le', 'te', 'do', 'ni', 'ua', 'in']);

/** Arabic-script prefixes glued to the word: the article "ال" is dropped like "al-". */
export const ARABIC_ARTICLE = 'ال';

/** Words with no identifying weight in company names. */
export const COMPANY_STOPWORDS = new Set([
  'the', 'of', 'and', 'for', 'in', 'on', 'at', 'a', 'an', 'de', 'del', 'della', 'di', 'da', 'do', 'dos', 'das', 'du', 'des',
  'la', 'le', 'les', 'el', 'lo', 'los', 'las', 'den', 'der', 'die', 'het', 'y', 'e', 'et', 'und', 'en', 'och', 'og', 've',
  'i', 'fur', 'pour', 'per', 'por', 'para', 'al', 'van', 'von',
]);

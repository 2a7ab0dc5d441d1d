/**
 * Text normalisation shared by every matching step: Unicode NFC, case folding, apostrophe
 * variants, homoglyph folding between Cyrillic and Latin, and script/language detection.
 */

/** The script and (for Cyrillic) language a name is written in. */
export type Script = 'uk' | 'ru' | 'cyrillic' | 'latin' | 'mixed' | 'none';

const APOSTROPHES = /[’'ʼ`´‘ʹʻ]/g;
const CYRILLIC = /[\u0400-\u04FF]/;
const LATIN = /[a-z\u00C0-\u024F]/i;
const UK_ONLY = /[іїєґ']/;
const RU_ONLY = /[ыэъё]/;

// Latin letters that look like Cyrillic ones (and the reverse). Typists mix them, most often
// Latin i in place of Ukrainian і.
const LATIN_TO_CYR: Record<string, string> = {
  a: 'а',
  c: 'с',
  e: 'е',
  i: 'і',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  k: 'к',
  m: 'м',
  h: 'н',
  t: 'т',
  b: 'в',
};
const CYR_TO_LATIN: Record<string, string> = {
  а: 'a',
  с: 'c',
  е: 'e',
  і: 'i',
  о: 'o',
  р: 'p',
  х: 'x',
  у: 'y',
  к: 'k',
  м: 'm',
  т: 't',
  в: 'b',
  н: 'h',
};

/**
 * NFC, lower case, one apostrophe (') for all variants, single spaces, no surrounding
 * punctuation. Does not change the script.
 *
 * @example normalizeText('  ОЛЕКСАНДР  Д’ЯЧЕНКО ') === "олександр д'яченко"
 */
export function normalizeText(input: string | null | undefined): string {
  if (!input) return '';
  return input
    .normalize('NFC')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(/[^\p{L}\p{M}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s'-]+|[\s'-]+$/g, '');
}

/**
 * Folds homoglyphs so each word is in one script: a word that is mostly Cyrillic has its
 * look-alike Latin letters replaced by Cyrillic ones, and the reverse.
 *
 * @example foldHomoglyphs('iвaн') === 'іван'
 */
export function foldHomoglyphs(text: string): string {
  if (!CYRILLIC.test(text) || !LATIN.test(text)) return text;
  return text
    .split(' ')
    .map((word) => {
      let cyr = 0;
      let lat = 0;
      for (const ch of word) {
        if (CYRILLIC.test(ch)) cyr++;
        else if (LATIN.test(ch)) lat++;
      }
      if (cyr === 0 || lat === 0) return word;
      const table = cyr >= lat ? LATIN_TO_CYR : CYR_TO_LATIN;
      return [...word].map((ch) => table[ch] ?? ch).join('');
    })
    .join(' ');
}

/** normalizeText followed by foldHomoglyphs: the form every other step starts from. */
export function cleanName(input: string | null | undefined): string {
  return foldHomoglyphs(normalizeText(input));
}

/**
 * Detects the script of a cleaned name, and for Cyrillic whether its letters mark it as
 * Ukrainian (і ї є ґ, apostrophe) or Russian (ы э ъ ё). 'cyrillic' means the letters do not
 * decide.
 *
 * @example detectScript('юрій') === 'uk'; detectScript('юрий') === 'cyrillic'
 */
export function detectScript(text: string): Script {
  let cyr = false;
  let lat = false;
  for (const ch of text) {
    if (CYRILLIC.test(ch)) cyr = true;
    else if (LATIN.test(ch)) lat = true;
  }
  if (cyr && lat) return 'mixed';
  if (lat) return 'latin';
  if (!cyr) return 'none';
  if (UK_ONLY.test(text)) return 'uk';
  if (RU_ONLY.test(text)) return 'ru';
  return 'cyrillic';
}

/** Strips diacritics from Latin text (ž → z, ë → e) after NFD. */
export function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

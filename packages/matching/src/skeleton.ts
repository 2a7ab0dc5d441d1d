/**
 * The cross-script phonetic skeleton: a key that collides for the same name written in
 * Ukrainian or Russian Cyrillic or in any Latin romanisation (Олександр, Александр,
 * Oleksandr, Aleksandr, Alexander, OLEKSANDR → "ALKSNDR").
 *
 * Vowels are dropped (they carry most of the Ukrainian/Russian/romanisation differences and
 * the gender endings -ий/-а, -ський/-ська/-ская), an initial vowel becomes "A", consonants fold
 * into classes (г ґ х h g kh → H; ж ш щ ч → X; з с ц ts z → S; в w → V), and repeated
 * consonants collapse. Latin spellings that are ambiguous (German "ch" for х, French "j" for ж)
 * yield more than one skeleton.
 */
import { stripDiacritics } from './normalize.ts';

const CYR: Record<string, string> = {
  б: 'B',
  п: 'P',
  в: 'V',
  ф: 'F',
  г: 'H',
  ґ: 'H',
  х: 'H',
  д: 'D',
  т: 'T',
  ж: 'X',
  ш: 'X',
  щ: 'X',
  ч: 'X',
  з: 'S',
  с: 'S',
  ц: 'S',
  к: 'K',
  л: 'L',
  м: 'M',
  н: 'N',
  р: 'R',
  а: 'a',
  е: 'e',
  є: 'e',
  э: 'e',
  ё: 'e',
  и: 'i',
  і: 'i',
  ї: 'i',
  ы: 'i',
  о: 'o',
  у: 'u',
  ю: 'u',
  я: 'a',
};

// Latin tokens, longest first: [spelling, class, alternative class].
const LATIN_TOKENS: [string, string, string?][] = [
  ['schtsch', 'X'],
  ['shtsch', 'X'],
  ['chtch', 'X'],
  ['shch', 'X'],
  ['tsch', 'X'],
  ['sch', 'X'],
  ['tch', 'X'],
  ['sh', 'X'],
  ['zh', 'X'],
  ['ch', 'X', 'H'],
  ['cz', 'S'],
  ['kh', 'H'],
  ['gh', 'H'],
  ['ts', 'S'],
  ['tz', 'S'],
  ['ph', 'F'],
  ['ck', 'K'],
  ['ss', 'S'],
  ['x', 'KS'],
  ['q', 'K'],
  ['w', 'V'],
  ['v', 'V'],
  ['f', 'F'],
  ['h', 'H'],
  ['g', 'H'],
  ['z', 'S'],
  ['s', 'S'],
  ['b', 'B'],
  ['p', 'P'],
  ['d', 'D'],
  ['t', 'T'],
  ['k', 'K'],
  ['l', 'L'],
  ['m', 'M'],
  ['n', 'N'],
  ['r', 'R'],
  ['ou', 'u'],
  ['a', 'a'],
  ['e', 'e'],
  ['i', 'i'],
  ['y', 'i'],
  ['o', 'o'],
  ['u', 'u'],
];
// ISO 9 / GOST 7.79 A letters with diacritics, before diacritics are stripped.
const ISO9: Record<string, string> = {
  ž: 'zh',
  č: 'ch',
  š: 'sh',
  ŝ: 'shch',
  û: 'yu',
  â: 'ya',
  è: 'e',
  ë: 'yo',
};

const isVowel = (t: string): boolean => t >= 'a' && t <= 'z';

/** Joins class tokens: vowels dropped (or kept, once, for the plain form), repeats collapsed. */
function join(tokens: string[], keepVowels: boolean): string {
  let out = '';
  let started = false;
  for (const t of tokens) {
    if (t === '') continue;
    if (isVowel(t)) {
      if (!started) out += keepVowels ? t : 'A';
      else if (keepVowels && !isVowel(out[out.length - 1] ?? 'A')) out += t;
      started = true;
      continue;
    }
    started = true;
    for (const ch of t) if (out[out.length - 1] !== ch) out += ch;
  }
  return out;
}

function cyrillicTokens(word: string): string[] {
  const tokens: string[] = [];
  for (let i = 0; i < word.length; i++) {
    const c = word[i] ?? '';
    if (c === 'т' && word[i + 1] === 'с') {
      tokens.push('S');
      i++;
    } else tokens.push(CYR[c] ?? '');
  }
  return tokens;
}

function latinTokens(word: string): string[][] {
  const w = stripDiacritics([...word].map((c) => ISO9[c] ?? c).join(''));
  let variants: string[][] = [[]];
  const push = (cls: string, alt?: string): void => {
    if (alt !== undefined && variants.length < 4)
      variants = [...variants.map((v) => [...v, cls]), ...variants.map((v) => [...v, alt])];
    else variants.forEach((v) => v.push(cls));
  };
  for (let i = 0; i < w.length;) {
    const c = w[i] ?? '';
    // A glide (j, y, i before a vowel) is not a sound of its own: Yevhen, Juri, Iurii.
    const next = w[i + 1];
    if ((c === 'y' || c === 'j' || c === 'i') && next !== undefined && 'aeiou'.includes(next)) {
      if (c === 'j') push('', 'X');
      i++;
      continue;
    }
    if (c === 'j') {
      push('i', 'X');
      i++;
      continue;
    }
    const tok = LATIN_TOKENS.find(([t]) => w.startsWith(t, i));
    if (!tok) {
      i++;
      continue;
    }
    push(tok[1], tok[2]);
    i += tok[0].length;
  }
  return variants;
}

function tokenVariants(word: string): string[][] {
  const w = word.replace(/['\s-]/g, '');
  if (!w) return [];
  if (/[\u0400-\u04FF]/.test(w)) {
    // Initial й is a glide like Latin y: Йосип ~ Yosyp.
    return [cyrillicTokens(w.startsWith('й') ? w.slice(1) : w)];
  }
  const lower = w.toLowerCase();
  // Plain c: k before a back vowel or consonant, s before e/i/y (Victor, Alicia).
  const fixed = lower.replace(/c(?![hkz])/g, (_m, off: number) =>
    /[eiy]/.test(lower[off + 1] ?? '') ? 's' : 'k',
  );
  return latinTokens(fixed);
}

/**
 * Skeletons of one word (or a whole cleaned name, spaces and hyphens ignored). Cyrillic gives
 * one skeleton; Latin may give up to four.
 *
 * @example wordSkeletons('Олександр') // ['ALKSNDR']
 * @example wordSkeletons('alexander') // ['ALKSNDR']
 */
export function wordSkeletons(word: string): string[] {
  return [...new Set(tokenVariants(word).map((t) => join(t, false)))];
}

/**
 * The skeleton with vowels kept (folded to a e i o u): a cross-script plain form for string
 * similarity. Олександр and Aleksandr → "olaksandr"-like forms that differ only in vowels.
 *
 * @example plainForm('Сергій') === plainForm('Serhii')
 */
export function plainForm(word: string): string {
  const t = tokenVariants(word)[0];
  return t ? join(t, true).toLowerCase() : '';
}

/**
 * Romanisation of Ukrainian and Russian names under the systems real documents use, and a
 * best-effort decoding of Latin spellings back to Cyrillic.
 */
import { SYSTEMS, UK_OVERRIDES } from '../tables/romanisation.ts';
import type { SystemId } from '../tables/romanisation.ts';
import { normalizeText } from './normalize.ts';

export type { SystemId } from '../tables/romanisation.ts';
export const SYSTEM_IDS = Object.keys(SYSTEMS) as SystemId[];

const VOWELS = 'аеєиіїоуюяыэё';
const SOFT = "йьъ'";
const FRONT = 'еиіїйєыэюяё';
// Letters outside a system's alphabet (Ukrainian і in a Russian system, ы in a Ukrainian one)
// take their nearest reading rather than passing through as Cyrillic.
const FALLBACK: Record<string, string> = { і: 'i', ї: 'i', є: 'ie', ґ: 'g', ё: 'e', ы: 'y', э: 'e', ъ: '' };

function titleCase(s: string): string {
  return s.replace(/(^|[\s-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
}

/**
 * Romanises a Cyrillic name under one system. Word-initial and contextual rules restart
 * after spaces and hyphens. Returns title case.
 *
 * @example romanize('Згорани', 'kmu2010') === 'Zghorany'
 * @example romanize('Юлия', 'icao-ru') === 'Iuliia'
 */
export function romanize(name: string, system: SystemId, sourceLang: 'uk' | 'ru' = 'uk'): string {
  const sys = SYSTEMS[system];
  const letters =
    sourceLang === 'uk' && UK_OVERRIDES[system] ? { ...sys.letters, ...UK_OVERRIDES[system] } : sys.letters;
  const s = normalizeText(name);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    const prev = i > 0 ? (s[i - 1] ?? '') : '';
    const next = s[i + 1] ?? '';
    const atStart = i === 0 || prev === ' ' || prev === '-';
    const seq = sys.sequences ? Object.entries(sys.sequences).find(([k]) => s.startsWith(k, i)) : undefined;
    if (seq) {
      out += seq[1];
      i += seq[0].length - 1;
      continue;
    }
    let t: string | undefined;
    if (atStart) t = sys.initial?.[c];
    else if (VOWELS.includes(prev) || SOFT.includes(prev)) {
      t = sys.afterVowel?.[c];
      if (t === undefined && VOWELS.includes(prev) && VOWELS.includes(next)) t = sys.betweenVowels?.[c];
    }
    if (t === undefined && next && FRONT.includes(next)) t = sys.beforeFront?.[c];
    out += t ?? letters[c] ?? FALLBACK[c] ?? c;
  }
  return titleCase(out);
}

// Latin → Cyrillic rules, longest first. Context marks: '^' only at word start.
const DECODE_UK: [string, string][] = [
  ['^ye', 'є'],
  ['^yi', 'ї'],
  ['^yu', 'ю'],
  ['^ya', 'я'],
  ['^yo', 'йо'],
  ['shch', 'щ'],
  ['zgh', 'зг'],
  ['kh', 'х'],
  ['zh', 'ж'],
  ['ts', 'ц'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ie', 'є'],
  ['iu', 'ю'],
  ['ia', 'я'],
  ['h', 'г'],
  ['g', 'ґ'],
  ['y', 'и'],
  ['i', 'і'],
];
const DECODE_RU: [string, string][] = [
  ['^ye', 'е'],
  ['^yu', 'ю'],
  ['^ya', 'я'],
  ['^yo', 'ё'],
  ['shch', 'щ'],
  ['kh', 'х'],
  ['zh', 'ж'],
  ['ts', 'ц'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['iu', 'ю'],
  ['ia', 'я'],
  ['yu', 'ю'],
  ['ya', 'я'],
  ['h', 'х'],
  ['g', 'г'],
  ['y', 'ы'],
  ['i', 'и'],
];
const PLAIN: Record<string, string> = {
  a: 'а',
  b: 'б',
  v: 'в',
  d: 'д',
  e: 'е',
  z: 'з',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  f: 'ф',
  w: 'в',
  x: 'кс',
  c: 'к',
  j: 'й',
  q: 'к',
};

/**
 * Decodes a Latin spelling to its most likely Cyrillic form, assuming Ukrainian KMU 2010
 * ('uk') or Russian ICAO 9303 / passport conventions ('ru'). Ambiguities are resolved by the
 * commonest reading (i after a vowel at word end is й).
 *
 * @example decodeLatin('Zghorany', 'uk') === 'Згорани'
 * @example decodeLatin('Dmitrii', 'ru') === 'Дмитрий'
 */
export function decodeLatin(latin: string, lang: 'uk' | 'ru'): string {
  const rules = lang === 'uk' ? DECODE_UK : DECODE_RU;
  const s = normalizeText(latin).replace(/'/g, '');
  let out = '';
  for (let i = 0; i < s.length;) {
    const atStart = i === 0 || s[i - 1] === ' ' || s[i - 1] === '-';
    const prevOut = out[out.length - 1] ?? '';
    const next = s[i + 1] ?? '';
    if (s[i] === 'i' && VOWELS.includes(prevOut) && !/[aeiouy]/.test(next)) {
      out += 'й';
      i++;
      continue;
    }
    if (s[i] === 'y' && lang === 'ru' && (VOWELS.includes(prevOut) || atStart) && !/[aeiouy]/.test(next)) {
      out += 'й';
      i++;
      continue;
    }
    const rule = rules.find(([k]) =>
      k.startsWith('^') ? atStart && s.startsWith(k.slice(1), i) : s.startsWith(k, i),
    );
    if (rule) {
      out += rule[1];
      i += rule[0].replace('^', '').length;
      continue;
    }
    const ch = s[i] ?? '';
    out += PLAIN[ch] ?? ch;
    i++;
  }
  return titleCase(out);
}

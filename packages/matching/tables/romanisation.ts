/**
 * Romanisation tables for Ukrainian and Russian names, as letter maps plus context rules.
 *
 * Sources (see matching-anchors.md §2.1–2.2):
 * - kmu2010: Resolution of the Cabinet of Ministers of Ukraine No. 55 of 27 Jan 2010
 *   (zakon.rada.gov.ua/laws/show/55-2010-п); also BGN/PCGN Ukrainian 2019.
 * - bgn1965-uk: BGN/PCGN Romanization of Ukrainian 1965 (interscript bgnpcgn-ukr-Cyrl-Latn-1965).
 * - passport2007-uk: Ukrainian passport system 2007 (dchaplinsky/translit-ua UkrainianPassport2007).
 * - icao-uk / icao-ru: ICAO Doc 9303 Part 3, 7th ed. 2015 (current Russian passports).
 * - mvd310-ru: MVD order 310 (1997), older Russian passports (nalgeon/iuliia mvd_310.json).
 * - bgn-ru: BGN/PCGN Russian 1947 (nalgeon/iuliia bgn_pcgn.json, ë fixed).
 * - gost779a-ru / gost779b-ru: GOST 7.79-2000 systems A (= ISO 9:1995) and B (ц is c before
 *   e, i, y, j and cz elsewhere: Цирк → Cirk, Цапля → Czaplya).
 * - german / french: informal spellings used by German- and French-speaking registrars
 *   (Duden-style and French usage, e.g. Schewtschenko, Chevtchenko).
 */
export type SystemId =
  | 'kmu2010'
  | 'bgn1965-uk'
  | 'passport2007-uk'
  | 'icao-uk'
  | 'icao-ru'
  | 'mvd310-ru'
  | 'bgn-ru'
  | 'gost779a-ru'
  | 'gost779b-ru'
  | 'german'
  | 'french';

export interface RomanisationSystem {
  id: SystemId;
  /** Source language the system is defined for ('any' = applied to both). */
  lang: 'uk' | 'ru' | 'any';
  letters: Record<string, string>;
  /** Replacements at the start of a word (after space or hyphen). */
  initial?: Record<string, string>;
  /** Replacements after a vowel, й, ь, ъ or apostrophe. */
  afterVowel?: Record<string, string>;
  /** Replacements between two vowels. */
  betweenVowels?: Record<string, string>;
  /** Letter sequences handled before single letters, e.g. зг → zgh. */
  sequences?: Record<string, string>;
  /** Before letters romanised with e, i, y or j (GOST B: ц → c there, cz elsewhere). */
  beforeFront?: Record<string, string>;
}

const BASE: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  "'": '',
};
const UK_INITIAL = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

export const SYSTEMS: Record<SystemId, RomanisationSystem> = {
  kmu2010: {
    id: 'kmu2010',
    lang: 'uk',
    letters: { ...BASE, г: 'h', ґ: 'g', є: 'ie', и: 'y', і: 'i', ї: 'i', й: 'i', ю: 'iu', я: 'ia', ь: '' },
    initial: UK_INITIAL,
    sequences: { зг: 'zgh' },
  },
  'bgn1965-uk': {
    id: 'bgn1965-uk',
    lang: 'uk',
    letters: { ...BASE, г: 'h', ґ: 'g', є: 'ye', и: 'y', і: 'i', ї: 'yi', й: 'y', ю: 'yu', я: 'ya', ь: "'" },
  },
  'passport2007-uk': {
    id: 'passport2007-uk',
    lang: 'uk',
    letters: { ...BASE, г: 'g', ґ: 'g', є: 'ie', и: 'y', і: 'i', ї: 'i', й: 'i', ю: 'iu', я: 'ia', ь: '' },
  },
  'icao-uk': {
    id: 'icao-uk',
    lang: 'uk',
    letters: { ...BASE, г: 'g', ґ: 'g', є: 'ie', и: 'y', і: 'i', ї: 'i', й: 'i', ю: 'iu', я: 'ia', ь: '' },
  },
  'icao-ru': {
    id: 'icao-ru',
    lang: 'ru',
    letters: { ...BASE, г: 'g', ё: 'e', и: 'i', й: 'i', ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia' },
  },
  'mvd310-ru': {
    id: 'mvd310-ru',
    lang: 'ru',
    letters: { ...BASE, г: 'g', ё: 'e', и: 'i', й: 'y', ъ: '"', ы: 'y', ь: "'", э: 'e', ю: 'yu', я: 'ya' },
  },
  'bgn-ru': {
    id: 'bgn-ru',
    lang: 'ru',
    letters: { ...BASE, г: 'g', ё: 'ë', и: 'i', й: 'y', ъ: '”', ы: 'y', ь: '’', э: 'e', ю: 'yu', я: 'ya' },
    initial: { е: 'ye', ё: 'yë' },
    afterVowel: { е: 'ye', ё: 'yë' },
  },
  'gost779a-ru': {
    id: 'gost779a-ru',
    lang: 'ru',
    letters: {
      ...BASE,
      г: 'g',
      ё: 'ë',
      ж: 'ž',
      и: 'i',
      й: 'j',
      х: 'h',
      ц: 'c',
      ч: 'č',
      ш: 'š',
      щ: 'ŝ',
      ъ: 'ʺ',
      ы: 'y',
      ь: 'ʹ',
      э: 'è',
      ю: 'û',
      я: 'â',
    },
  },
  'gost779b-ru': {
    id: 'gost779b-ru',
    lang: 'ru',
    letters: {
      ...BASE,
      г: 'g',
      ё: 'yo',
      и: 'i',
      й: 'j',
      х: 'x',
      ц: 'cz',
      щ: 'shh',
      ъ: '``',
      ы: 'y`',
      ь: '`',
      э: 'e`',
      ю: 'yu',
      я: 'ya',
    },
    beforeFront: { ц: 'c' },
  },
  german: {
    id: 'german',
    lang: 'any',
    letters: {
      ...BASE,
      в: 'w',
      г: 'g',
      ґ: 'g',
      е: 'e',
      є: 'je',
      ё: 'jo',
      ж: 'sh',
      з: 's',
      и: 'i',
      і: 'i',
      ї: 'ji',
      й: 'j',
      х: 'ch',
      ц: 'z',
      ч: 'tsch',
      ш: 'sch',
      щ: 'schtsch',
      ъ: '',
      ы: 'y',
      ь: '',
      э: 'e',
      ю: 'ju',
      я: 'ja',
    },
    initial: { е: 'je' },
    betweenVowels: { с: 'ss' },
  },
  french: {
    id: 'french',
    lang: 'any',
    letters: {
      ...BASE,
      г: 'g',
      ґ: 'g',
      е: 'e',
      є: 'ie',
      ё: 'io',
      ж: 'j',
      и: 'i',
      і: 'i',
      ї: 'ï',
      й: 'ï',
      у: 'ou',
      х: 'kh',
      ц: 'ts',
      ч: 'tch',
      ш: 'ch',
      щ: 'chtch',
      ъ: '',
      ы: 'y',
      ь: '',
      э: 'e',
      ю: 'iou',
      я: 'ia',
    },
    betweenVowels: { с: 'ss' },
  },
};

/** Ukrainian letters under German/French conventions when the source is Ukrainian. */
export const UK_OVERRIDES: Partial<Record<SystemId, Record<string, string>>> = {
  german: { г: 'h', и: 'y' },
  french: { г: 'h', и: 'y' },
};

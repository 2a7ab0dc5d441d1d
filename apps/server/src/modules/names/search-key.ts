import type { PersonName } from '@homeward/contracts';

// A coarse Latin skeleton of a name, identical for the common Ukrainian, Russian and Latin
// spellings of it, used for fast substring search over a trigram index (listing and search,
// not matching: the matching engine does the real cross-language work).
const cyr: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', є: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', і: 'i',
  ї: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'i', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

export function nameSkeleton(value: string): string {
  const lower = value.normalize('NFC').toLowerCase().replace(/[’'ʼ`]/g, '');
  let out = '';
  for (const ch of lower) out += cyr[ch] ?? ch;
  return out
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/(?<![kzsc])h/g, 'g') // Ukrainian г is romanised h: Hanna / Ganna / Ганна
    .replace(/[yj]/g, 'i')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/(.)\1+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Everything searchable about a set of names, in one string for a trigram index. */
export function namesSearchText(names: ReadonlyArray<Pick<PersonName, 'givenName' | 'familyName' | 'patronymic'>>): string {
  const parts = new Set<string>();
  for (const n of names) {
    for (const p of [n.givenName, n.familyName, n.patronymic]) if (p) parts.add(nameSkeleton(p));
  }
  return [...parts].join(' | ');
}

const ukOnly = /[іїєґ]/i;
const ruOnly = /[ыэъё]/i;
const cyrillic = /\p{Script=Cyrillic}/u;

/** Ukrainian, Russian or Latin, from the letters; Cyrillic with no telling letters counts as Russian. */
export function detectScript(value: string): 'uk-Cyrl' | 'ru-Cyrl' | 'Latn' {
  if (!cyrillic.test(value)) return 'Latn';
  if (ukOnly.test(value)) return 'uk-Cyrl';
  if (ruOnly.test(value)) return 'ru-Cyrl';
  return 'ru-Cyrl';
}

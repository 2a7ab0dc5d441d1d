/**
 * Name knowledge lookups built once from the data tables: given-name equivalence groups,
 * patronymic roots and the place gazetteer, all keyed by the cross-script skeleton so that
 * Latin spellings find their Cyrillic entries.
 */
import { GIVEN_NAME_GROUPS } from '../tables/given-names.ts';
import { PLACES } from '../tables/places.ts';
import { cleanName } from './normalize.ts';
import { wordSkeletons } from './skeleton.ts';

function addTo(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

const GIVEN_BY_SKELETON = new Map<string, number[]>();
GIVEN_NAME_GROUPS.forEach((g, id) => {
  for (const name of [...g.uk, ...g.ru, ...(g.dim ?? [])])
    for (const sk of wordSkeletons(cleanName(name))) addTo(GIVEN_BY_SKELETON, sk, id);
});

/**
 * Equivalence-group ids of a given name (any script, any form or diminutive).
 *
 * @example givenNameGroups('Aleksandr') // same ids as givenNameGroups('Сашко') ∩ …
 */
export function givenNameGroups(skeletons: string[]): number[] {
  const out: number[] = [];
  for (const sk of skeletons)
    for (const id of GIVEN_BY_SKELETON.get(sk) ?? []) if (!out.includes(id)) out.push(id);
  return out;
}

/** The canonical Ukrainian form of a group, for explanations. */
export function groupLabel(id: number): string {
  return GIVEN_NAME_GROUPS[id]?.uk[0] ?? String(id);
}

// Patronymic suffixes as skeleton tails, longest first: -ович/-евич/-йович (VX),
// -івна/-овна/-евна/-ївна (VN), -ична (XN), -ич (X). Ильинична → Ильин-ична.
const PATRONYMIC_TAILS = ['NXN', 'VX', 'VN', 'XN', 'X'];

/**
 * Skeletons of the father's name inside a patronymic, in any language or script:
 * Олександрович, Александровна and Aleksandrovna all give "ALKSNDR".
 *
 * @example patronymicRoots('Сергіївна') // ['SRH']
 */
export function patronymicRoots(skeletons: string[]): string[] {
  const out: string[] = [];
  for (const sk of skeletons) {
    const tail = PATRONYMIC_TAILS.find((t) => sk.endsWith(t) && sk.length > t.length + 1);
    const root = tail ? sk.slice(0, sk.length - tail.length) : sk;
    if (!out.includes(root)) out.push(root);
  }
  return out;
}

const PLACE_BY_SKELETON = new Map<string, number[]>();
PLACES.forEach((p, id) => {
  for (const name of [p.uk, p.ru, ...(p.historic ?? [])])
    for (const sk of wordSkeletons(cleanName(name))) addTo(PLACE_BY_SKELETON, sk, id);
});

/** Gazetteer ids for a place name (current, Russian or historic, any script). */
export function placeIds(skeletons: string[]): number[] {
  const out: number[] = [];
  for (const sk of skeletons)
    for (const id of PLACE_BY_SKELETON.get(sk) ?? []) if (!out.includes(id)) out.push(id);
  return out;
}

/** The oblast of a gazetteer place. */
export function placeOblast(id: number): string | undefined {
  return PLACES[id]?.oblast;
}

export function placeLabel(id: number): string {
  return PLACES[id]?.uk ?? String(id);
}

/**
 * Sibling groups: children removed together are often listed together (46.6% of the
 * children in Yale HRL's study have siblings listed, matching-anchors.md §3), and a renamed
 * child can be found through a sibling who was not renamed. Two records are in one group
 * when they share a surname skeleton (family or former name; skeletons ignore the gender
 * ending, Ковальський = Ковальська), the month of displacement, and the displacement place
 * or the institution.
 */
import { placeKeys } from './blocking.ts';
import type { RecordFeatures } from './features.ts';

/**
 * The group keys a record is filed under; none without a surname, a displacement date at
 * least to the month, and a displacement place or an institution.
 *
 * @example
 * siblingKeys(extractFeatures({ id: 'R1', family_name: 'Коваленко', last_known_place: 'Херсон',
 *   displacement_date: '2022-10-21' })) // ['KVLNK|2022-10|@…']
 */
export function siblingKeys(f: RecordFeatures): string[] {
  const when = f.displacedOn;
  if (!when?.m) return [];
  const where = placeKeys(f.lastPlace);
  if (f.institution?.skels[0]) where.push(`i${f.institution.skels.join(' ')}`);
  const keys: string[] = [];
  for (const n of [f.family, ...f.others])
    if (n?.skels[0] && n.skels[0].length >= 2)
      for (const w of where) keys.push(`${n.skels[0]}|${when.y}-${when.m}|${w}`);
  return [...new Set(keys)];
}

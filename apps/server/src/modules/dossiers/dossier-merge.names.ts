import type { StoredName } from '../names/identity-columns.ts';

/** A dossier holds at most this many names (the contracts' limit: an edit must still validate). */
export const MAX_NAMES = 20;

const parts = (n: StoredName) =>
  [n.givenName, n.familyName ?? '', n.patronymic ?? ''].map((p) => p.trim().toLowerCase());

/** A name is already there when one name has the same letters in every part it gives (kind aside). */
const covers = (have: StoredName, n: StoredName) => {
  const [h, m] = [parts(have), parts(n)];
  return m.every((p, i) => p === '' || p === h[i]);
};

/** An exact stored name (kind and script included): what an undo looks for. */
const exact = (n: StoredName) =>
  JSON.stringify([n.givenName, n.familyName ?? null, n.patronymic ?? null, n.script, n.kind]);

/**
 * The absorbed dossier's names the survivor does not have yet (a name without a patronymic is
 * had when the survivor has it with one), as the survivor will store them:
 * never primary (the survivor keeps its own), so an absorbed primary name becomes `other`.
 * Stops at MAX_NAMES in all; `skipped` counts what did not fit.
 * @example namesToAdd([olexandr], [olexandr, oleksandrLatin]) // { added: [{ ...oleksandrLatin, kind: 'other' }], skipped: 0 }
 */
export function namesToAdd(survivor: readonly StoredName[], absorbed: readonly StoredName[]) {
  const added: StoredName[] = [];
  let skipped = 0;
  for (const n of absorbed) {
    if ([...survivor, ...added].some((have) => covers(have, n))) continue;
    if (survivor.length + added.length >= MAX_NAMES) {
      skipped++;
      continue;
    }
    added.push({ ...n, kind: n.kind === 'primary' ? 'other' : n.kind });
  }
  return { added, skipped };
}

/**
 * Takes back what a merge added: each added name still on the survivor exactly as the merge
 * stored it is removed (once); one changed or removed since counts as `alreadyGone` and is left
 * to the person who edited it. If nothing else would remain, the names are kept (`kept`): a
 * dossier always has a name.
 */
export function namesAfterUndo(current: readonly StoredName[], added: readonly StoredName[]) {
  const remaining = [...current];
  let removed = 0;
  let alreadyGone = 0;
  for (const n of added) {
    const at = remaining.findIndex((c) => exact(c) === exact(n));
    if (at < 0) {
      alreadyGone++;
      continue;
    }
    remaining.splice(at, 1);
    removed++;
  }
  if (remaining.length === 0) return { names: [...current], removed: 0, alreadyGone, kept: removed };
  return { names: remaining, removed, alreadyGone, kept: 0 };
}

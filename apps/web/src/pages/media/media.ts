/** Pure helpers of the photos tab. */
import type { Media } from '../../api/client.ts';

/** Photos only (documents are not shown as pictures), in their order; unordered ones last, oldest first. */
export function photosInOrder(items: readonly Media[]): Media[] {
  return items
    .filter((m) => m.kind === 'photo')
    .sort(
      (a, b) =>
        (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) ||
        a.createdAt.localeCompare(b.createdAt),
    );
}

/** The ids with `id` moved one place earlier (-1) or later (+1); unchanged at either end. */
export function moveInOrder(ids: readonly string[], id: string, by: -1 | 1): string[] {
  const out = [...ids];
  const i = out.indexOf(id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

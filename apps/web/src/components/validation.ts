/**
 * Form values checked with the API's own Zod schemas (from @homeward/contracts) before sending,
 * so a mistake is shown next to its field in the reader's language. Pure: the pages turn the
 * messages into words with `useIssueText`.
 */
import type { z } from 'zod';
import { fromZodIssues, issuesByPath } from '../api/errors.ts';

export type Checked<T> = { ok: true; data: T } | { ok: false; issues: Record<string, string> };

/**
 * The parsed value, or the first issue of each field by its path ('receivingAdult.name').
 * @example check(handoverInput, { handedOverAt: '' }) // { ok: false, issues: { handedOverAt: 'Invalid ISO datetime' } }
 */
export function check<S extends z.ZodType>(schema: S, value: unknown): Checked<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, issues: issuesByPath(fromZodIssues(parsed.error.issues)) };
}

/** The issues of a failed check, none of a passed one. */
export const issuesOf = (c: Checked<unknown> | null): Record<string, string> => (c && !c.ok ? c.issues : {});

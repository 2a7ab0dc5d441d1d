import { calendarDate } from '@homeward/contracts';
import { realpath, readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { AppError, fromZodIssues, type ErrorIssue } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { SubjectRef } from './media.repository.ts';
import { mediaKind, mediaSupplier } from './media.schemas.ts';
import { uploadMedia, type MediaDeps } from './media.service.ts';

/**
 * A file an import row refers to, by a path relative to the import file's folder:
 * `{"file": "photos/s-17-1.jpg", "kind": "photo", "takenOn": "2021-06-01", "suppliedBy": "institution"}`.
 */
export const mediaReference = z
  .object({ file: z.string().min(1).max(500), kind: mediaKind.default('photo'), takenOn: calendarDate.optional(), suppliedBy: mediaSupplier.optional() })
  .strict();
export const mediaReferences = z.array(mediaReference).max(20);
export type MediaReference = z.infer<typeof mediaReference>;

/**
 * Validates a row's references: shape, and paths that stay inside the import file's folder (no
 * absolute paths, no `..`). Issues name the reference by index, never by file name.
 */
export function parseMediaReferences(value: unknown): { refs: MediaReference[]; issues: ErrorIssue[] } {
  if (value === undefined || value === null) return { refs: [], issues: [] };
  const parsed = mediaReferences.safeParse(value);
  if (!parsed.success) return { refs: [], issues: fromZodIssues(parsed.error.issues).map((i) => ({ ...i, path: `media.${i.path}`.replace(/\.$/, '') })) };
  const issues = parsed.data.flatMap((ref, i) =>
    isAbsolute(ref.file) || ref.file.split(/[\\/]/).includes('..') || ref.file.includes('\0')
      ? [{ path: `media.${i}.file`, message: 'must be a path relative to the import file’s folder, without ..' }]
      : [],
  );
  return { refs: issues.length ? [] : parsed.data, issues };
}

/** CSV cells `photos` and `documents`: paths separated by `;`. */
export function mediaReferencesFromCsv(row: Record<string, string | undefined>): unknown {
  const split = (cell: string | undefined) => (cell ?? '').split(';').map((s) => s.trim()).filter(Boolean);
  const refs = [...split(row.photos).map((file) => ({ file, kind: 'photo' })), ...split(row.documents).map((file) => ({ file, kind: 'document' }))];
  return refs.length ? refs : undefined;
}

/**
 * Reads, checks and stores each referenced file for a saved subject. A file that is missing, escapes
 * the folder through a link, or is refused (corrupt, wrong type, too large…) becomes an issue with its
 * code; the others are attached. Attaching is idempotent: a file already attached is not stored twice.
 */
export async function attachReferencedFiles(
  deps: MediaDeps,
  actor: Actor,
  subject: SubjectRef,
  baseDir: string,
  refs: readonly MediaReference[],
): Promise<{ attached: number; issues: ErrorIssue[] }> {
  let attached = 0;
  const issues: ErrorIssue[] = [];
  const root = await realpath(baseDir);
  for (const [i, ref] of refs.entries()) {
    try {
      const path = await realpath(resolve(root, ref.file)).catch(() => {
        throw new AppError('VALIDATION_FAILED', 'The file does not exist.');
      });
      const inside = relative(root, path);
      if (inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) throw new AppError('VALIDATION_FAILED', 'The file is outside the import folder.');
      const info = await stat(path);
      if (!info.isFile()) throw new AppError('VALIDATION_FAILED', 'This is not a file.');
      if (info.size > deps.storage.maxBytes) throw new AppError('FILE_TOO_LARGE', `The file is larger than ${Math.floor(deps.storage.maxBytes / 1e6)} MB.`);
      const input = { bytes: await readFile(path), kind: ref.kind, ...(ref.takenOn ? { takenOn: ref.takenOn } : {}), ...(ref.suppliedBy ? { suppliedBy: ref.suppliedBy } : {}) };
      const { created } = await uploadMedia(deps, actor, subject, input);
      if (created) attached++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      issues.push({ path: `media.${i}`, message: `${error.code}: ${error.message}` });
    }
  }
  return { attached, issues };
}

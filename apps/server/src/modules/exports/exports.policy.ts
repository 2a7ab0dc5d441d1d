import { EXPORT_MAX_HOURS } from '@homeward/contracts';
import { z } from 'zod';
import { AppError, validationFailed } from '../../errors.ts';

/** How long exports live in this deployment: a default, and a ceiling at or under seven days. */
export interface ExportSettings {
  defaultHours: number;
  maxHours: number;
}

const hours = z.coerce.number().int().min(1).max(EXPORT_MAX_HOURS);
const envSchema = z.object({
  HOMEWARD_EXPORT_DEFAULT_HOURS: hours.default(24),
  HOMEWARD_EXPORT_MAX_HOURS: hours.default(EXPORT_MAX_HOURS),
});

/**
 * The deployment's export lifetimes (HOMEWARD_EXPORT_DEFAULT_HOURS, default 24, and
 * HOMEWARD_EXPORT_MAX_HOURS, default and ceiling 168); read when the server is built, so a bad
 * value stops the start-up rather than the first export.
 * @example exportSettings({ HOMEWARD_EXPORT_MAX_HOURS: '48' }) // { defaultHours: 24, maxHours: 48 }
 */
export function exportSettings(env: NodeJS.ProcessEnv = process.env): ExportSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new AppError('CONFIG_INVALID', `Invalid configuration:\n${lines.join('\n')}`);
  }
  const s = { defaultHours: parsed.data.HOMEWARD_EXPORT_DEFAULT_HOURS, maxHours: parsed.data.HOMEWARD_EXPORT_MAX_HOURS };
  if (s.defaultHours > s.maxHours) {
    throw new AppError('CONFIG_INVALID', 'Invalid configuration:\n  HOMEWARD_EXPORT_DEFAULT_HOURS: must not exceed HOMEWARD_EXPORT_MAX_HOURS');
  }
  return s;
}

/** When an export made now stops being downloadable: the hours asked for, or the default; never past the ceiling. */
export function expiryOf(now: Date, requestedHours: number | undefined, settings: ExportSettings): Date {
  const h = requestedHours ?? settings.defaultHours;
  if (!Number.isInteger(h) || h < 1 || h > settings.maxHours) {
    throw validationFailed([{ path: 'body.expiresInHours', message: `must be a whole number of hours from 1 to ${settings.maxHours}` }]);
  }
  return new Date(now.getTime() + h * 3_600_000);
}

/** Expired at its expiry instant, or once its ciphertext is gone, whichever comes first. */
export function isExpired(row: { expires_at: Date; ciphertext: unknown }, now: Date): boolean {
  return now.getTime() >= row.expires_at.getTime() || row.ciphertext === null;
}

/** The name the file is offered under: the export id and format only, never what is in it. */
export const exportFileName = (id: string, extension: string) => `homeward-export-${id}.${extension}.age`;

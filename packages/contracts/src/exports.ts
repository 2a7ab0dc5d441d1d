import { z } from 'zod';
import type { Permission } from './permissions.ts';

// Controlled exports (issue 13): every file that leaves Homeward is made through POST /exports,
// needs the permission of its format, is encrypted with age, watermarked, expiring and audited
// with the ids of the records it holds (docs/EXPORTS.md).

/** Record exports (dossiers, requests) in a data format, and the two documents. */
export const exportKinds = ['dossiers', 'requests', 'report-pdf', 'subject-access'] as const;
export type ExportKind = (typeof exportKinds)[number];

export const recordExportFormats = ['jsonl', 'csv', 'xlsx', 'pfif'] as const;
export type RecordExportFormat = (typeof recordExportFormats)[number];
export const exportFormats = [...recordExportFormats, 'pdf', 'json'] as const;
export type ExportFileFormat = (typeof exportFormats)[number];

/** One permission per format: holding `export.csv` does not let anyone take a JSONL file. */
export const exportPermissions = ['export.jsonl', 'export.csv', 'export.xlsx', 'export.pfif', 'export.report-pdf', 'export.subject-access'] as const;
export type ExportPermission = (typeof exportPermissions)[number] & Permission;

/**
 * The permission an export needs: the record format's for dossiers and requests, the document's own
 * for the monthly report and subject access.
 * @example exportPermission({ kind: 'dossiers', format: 'csv' }) // 'export.csv'
 */
export function exportPermission(e: { kind: ExportKind; format: ExportFileFormat }): ExportPermission {
  if (e.kind === 'report-pdf') return 'export.report-pdf';
  if (e.kind === 'subject-access') return 'export.subject-access';
  return `export.${e.format as RecordExportFormat}`;
}

/** The hard ceiling on an export's life; a deployment may set a shorter one, never a longer. */
export const EXPORT_MAX_HOURS = 7 * 24;

/** An age X25519 recipient (public key): `age1` and 58 bech32 characters. */
export const ageRecipient = z
  .string()
  .trim()
  .regex(/^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/, 'must be an age X25519 public key (age1…)');

const common = {
  expiresInHours: z.number().int().min(1).max(EXPORT_MAX_HOURS).optional().describe('How long the file may be downloaded (default 24, at most the configured maximum, never over 168)'),
  recipient: ageRecipient.optional().describe("Encrypt to this age public key (the requester's own); without it, to a passphrase shown once in the response"),
};

export const createExportInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['dossiers', 'requests']),
    format: z.enum(recordExportFormats),
    partyCode: z.string().trim().min(1).max(40).optional().describe("Only the records this party supplied (default: every record the caller's party may export)"),
    ...common,
  }),
  z.object({
    kind: z.literal('report-pdf'),
    format: z.literal('pdf').default('pdf'),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'),
    lang: z.enum(['uk', 'ru', 'en']).default('uk'),
    ...common,
  }),
  z.object({
    kind: z.literal('subject-access'),
    format: z.literal('json').default('json'),
    dossierId: z.uuid(),
    ...common,
  }),
]);
export type CreateExportInput = z.input<typeof createExportInput>;
export type CreateExport = z.output<typeof createExportInput>;

export const exportStatuses = ['available', 'expired'] as const;

/** An export as its creator sees it: ids, counts and times, never the content. */
export const exportSummary = z.object({
  id: z.uuid(),
  kind: z.enum(exportKinds),
  format: z.enum(exportFormats),
  recordCount: z.number().int().describe('Records in the file (0 for the report: aggregates only)'),
  filters: z.record(z.string(), z.string()).describe('What was asked for: party code, month, dossier id'),
  encryption: z.enum(['passphrase', 'recipient']),
  recipient: z.string().nullable(),
  fileName: z.string().describe('homeward-export-<id>.<format>.age'),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
  expiresAt: z.string(),
  firstDownloadedAt: z.string().nullable(),
  downloadCount: z.number().int(),
  status: z.enum(exportStatuses).describe('expired: past its expiry, the file can no longer be downloaded'),
});
export type ExportSummary = z.infer<typeof exportSummary>;

/** The answer to a new export: the passphrase is in it once (passphrase mode), and never again. */
export const createdExport = exportSummary.extend({
  passphrase: z.string().nullable().describe('Opens the file (age -d); shown only in this response, never stored'),
});
export type CreatedExport = z.infer<typeof createdExport>;

export const exportListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const exportList = z.object({ items: z.array(exportSummary) });

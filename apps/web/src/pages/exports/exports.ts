import {
  exportPermission,
  recordExportFormats,
  type CreateExportInput,
  type ExportKind,
  type ExportSummary,
  type RecordExportFormat,
  type Role,
} from '@homeward/contracts';
import { hasPermission } from '../../auth/permissions.ts';

/** What the user may export: each kind with the formats their roles allow (the server checks again). */
export interface ExportChoices {
  kinds: ExportKind[];
  recordFormats: RecordExportFormat[];
}

export function exportChoices(roles: readonly Role[]): ExportChoices {
  const recordFormats = recordExportFormats.filter((format) =>
    hasPermission(roles, exportPermission({ kind: 'dossiers', format })),
  );
  const kinds: ExportKind[] = [];
  if (recordFormats.length) kinds.push('dossiers', 'requests');
  if (hasPermission(roles, 'export.report-pdf')) kinds.push('report-pdf');
  if (hasPermission(roles, 'export.subject-access')) kinds.push('subject-access');
  return { kinds, recordFormats };
}

export interface ExportForm {
  kind: ExportKind;
  format: RecordExportFormat;
  partyCode: string;
  month: string;
  lang: 'uk' | 'ru' | 'en';
  dossierId: string;
  hours: number;
  recipient: string;
}

/** The request body for the form: only the fields of the chosen kind, empty ones left out. */
export function exportBody(f: ExportForm): CreateExportInput {
  const common = {
    expiresInHours: f.hours,
    ...(f.recipient.trim() ? { recipient: f.recipient.trim() } : {}),
  };
  switch (f.kind) {
    case 'report-pdf':
      return { kind: 'report-pdf', month: f.month, lang: f.lang, ...common };
    case 'subject-access':
      return { kind: 'subject-access', dossierId: f.dossierId.trim(), ...common };
    default:
      return {
        kind: f.kind,
        format: f.format,
        ...(f.partyCode.trim() ? { partyCode: f.partyCode.trim() } : {}),
        ...common,
      };
  }
}

/** The previous calendar month, YYYY-MM: what a monthly report is usually wanted for. */
export function lastMonth(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/** Downloadable now: the server says available and the expiry has not passed on this clock either. */
export const isDownloadable = (e: ExportSummary, now: Date) =>
  e.status === 'available' && Date.parse(e.expiresAt) > now.getTime();

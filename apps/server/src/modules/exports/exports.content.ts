import type { CreateExport } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { exportSubjectAccess } from '../consent/subject-access.service.ts';
import { renderMonthlyReportPdf } from '../reports/report-pdf.ts';
import { buildReport, monthPeriod } from '../reports/reports.service.ts';
import { writeExport, type ExportWatermark } from '../transfer/writers.ts';

/** The plaintext of one export and what the audit entry says it holds. */
export interface ExportContent {
  bytes: Buffer;
  /** The ids of the records in it (dossier or tracing_request ids; the dossier for subject access). */
  recordIds: string[];
  recordType: 'dossier' | 'tracing_request' | 'report';
  extension: string;
  /** The tiers it may carry, for the audit entry. */
  fields: string[];
}

const allTiers = ['identity', 'sensitive', 'restricted'];

/** The watermark as one line (ASCII, so PDF metadata keeps it readable), for a PDF's footer and Subject. */
export const watermarkLine = (w: ExportWatermark) =>
  `Homeward export ${w.exportId} | party ${w.partyCode} | user ${w.userId} | created ${w.createdAt} | expires ${w.expiresAt}`;

/**
 * Writes the plaintext of an export, watermarked, with the module that owns each kind: records
 * through the transfer writers (the sharing gate), the monthly report (suppressed aggregates of
 * the caller's party) and subject access (which audits its own read with every id it holds).
 */
export async function writeExportContent(deps: { db: Kysely<DB>; clock: Clock }, actor: Actor, input: CreateExport, watermark: ExportWatermark): Promise<ExportContent> {
  switch (input.kind) {
    case 'dossiers':
    case 'requests': {
      const w = await writeExport(deps.db, actor, { kind: input.kind, format: input.format, watermark, ...(input.partyCode ? { partyCode: input.partyCode } : {}) });
      return { bytes: w.bytes, recordIds: w.recordIds, recordType: input.kind === 'dossiers' ? 'dossier' : 'tracing_request', extension: w.extension, fields: allTiers };
    }
    case 'report-pdf': {
      const summary = await buildReport(deps.db, { period: monthPeriod(input.month), partyId: actor.partyId, now: deps.clock.now(), audience: 'parties' });
      const bytes = await renderMonthlyReportPdf(summary, input.month, input.lang, watermarkLine(watermark));
      return { bytes, recordIds: [], recordType: 'report', extension: 'pdf', fields: [] };
    }
    case 'subject-access': {
      const held = await exportSubjectAccess(deps, actor, input.dossierId, watermark);
      return { bytes: Buffer.from(`${JSON.stringify(held, null, 2)}\n`, 'utf8'), recordIds: [input.dossierId], recordType: 'dossier', extension: 'json', fields: allTiers };
    }
  }
}

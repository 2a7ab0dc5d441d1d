import type { Command } from 'commander';
import { AppError } from '@homeward/server';
import { renderMonthlyReport } from '@homeward/server/modules/reports/report-html.ts';
import { renderMonthlyReportPdf } from '@homeward/server/modules/reports/report-pdf.ts';
import { pickLang } from '@homeward/server/modules/reports/report-i18n.ts';
import { buildReport, monthPeriod } from '@homeward/server/modules/reports/reports.service.ts';
import { writeFileSync } from 'node:fs';
import { withRuntime } from './runtime.ts';

interface ReportOptions {
  month: string;
  out?: string;
  lang?: string;
  format: string;
  audience: string;
}

/**
 * `homeward report --month 2026-10`: the monthly report of suppressed aggregates (the month and
 * the eleven before it, for trends) over every party's records, as a PDF or printable HTML document
 * with bar charts (or JSON). Cells under 5 are withheld (`--audience public`: under 10).
 */
export function registerReportCommands(program: Command) {
  program
    .command('report')
    .description('Write the monthly report of suppressed aggregate statistics')
    .requiredOption('--month <YYYY-MM>', 'the month reported on')
    .option('--out <file>', 'where to write it (default homeward-report-MONTH.html)')
    .option('--lang <uk|ru|en>', 'language of the report', 'uk')
    .option('--format <html|json|pdf>', 'html (printable, with charts), json, or pdf', 'html')
    .option('--audience <parties|public>', 'parties: cells under 5 withheld; public: under 10', 'parties')
    .action(async (o: ReportOptions) => {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(o.month)) throw new AppError('VALIDATION_FAILED', '--month must be YYYY-MM, e.g. 2026-10.');
      if (!['html', 'json', 'pdf'].includes(o.format)) throw new AppError('VALIDATION_FAILED', '--format must be html, json or pdf.');
      if (!['parties', 'public'].includes(o.audience)) throw new AppError('VALIDATION_FAILED', '--audience must be parties or public.');
      const lang = pickLang(o.lang, undefined);
      const summary = await withRuntime((rt) =>
        buildReport(rt.database.db, { period: monthPeriod(o.month), partyId: null, now: rt.clock.now(), audience: o.audience as 'parties' | 'public' }),
      );
      const out = o.out ?? `homeward-report-${o.month}.${o.format}`;
      const body =
        o.format === 'json'
          ? `${JSON.stringify(summary, null, 2)}\n`
          : o.format === 'pdf'
            ? await renderMonthlyReportPdf(summary, o.month, lang)
            : renderMonthlyReport(summary, o.month, lang);
      writeFileSync(out, body);
      console.log(`Report for ${o.month} (${summary.from} to ${summary.to}, cells under ${summary.threshold} withheld) written to ${out}`);
    });
}

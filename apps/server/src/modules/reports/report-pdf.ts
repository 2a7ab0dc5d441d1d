import type { ReportSummary, SuppressedListDto } from '@homeward/contracts';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { label, words, type ReportLang } from './report-i18n.ts';

// The monthly report as a PDF: the same suppressed aggregates as the HTML report, with bar charts.
// PDF's standard fonts have no Cyrillic, so DejaVu Sans (the dejavu-fonts-ttf package) is embedded.

const require = createRequire(import.meta.url);
const fontDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = join(fontDir, 'DejaVuSans.ttf');
const BOLD = join(fontDir, 'DejaVuSans-Bold.ttf');

const lastDayOf = (exclusive: string) => new Date(Date.parse(`${exclusive}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));

const PAGE = { margin: 50, width: 595.28 };
const CONTENT = PAGE.width - 2 * PAGE.margin;

/**
 * Renders the report; resolves with the PDF bytes. Deterministic for a given summary (no dates from
 * the clock). `watermark` (a controlled export's id, user and times) goes in every page's footer
 * and in the document's Subject.
 */
export function renderMonthlyReportPdf(s: ReportSummary, month: string, lang: ReportLang, watermark?: string): Promise<Buffer> {
  const w = words[lang];
  const doc = new PDFDocument({ size: 'A4', margin: PAGE.margin, info: { Title: `${w.monthlyTitle} ${month}`, Producer: 'Homeward', Creator: 'Homeward' } });
  doc.registerFont('body', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const footer = () => {
    if (!watermark) return;
    const { x, y } = doc;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin must not start a new page
    doc.font('body').fontSize(7).fillColor('#555555').text(watermark, PAGE.margin, doc.page.height - 32, { width: CONTENT, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.x = x;
    doc.y = y;
  };
  if (watermark) doc.info.Subject = watermark;
  footer();
  doc.on('pageAdded', footer);

  const ensure = (height: number) => {
    if (doc.y + height > doc.page.height - PAGE.margin) doc.addPage();
  };
  const heading = (text: string) => {
    ensure(60);
    doc.moveDown(0.8).font('bold').fontSize(13).fillColor('#1b1b1b').text(text, PAGE.margin, doc.y, { width: CONTENT });
    doc.moveDown(0.3);
  };
  const row = (cells: string[], widths: number[], bold = false) => {
    ensure(16);
    const y = doc.y;
    let x = PAGE.margin;
    doc.font(bold ? 'bold' : 'body').fontSize(9).fillColor('#1b1b1b');
    cells.forEach((c, i) => {
      doc.text(c, x, y, { width: widths[i]! - 6, align: i === 0 ? 'left' : 'right', lineBreak: false, ellipsis: true });
      x += widths[i]!;
    });
    doc.y = y + 14;
  };
  const barList = (list: SuppressedListDto) => {
    const max = Math.max(1, ...list.counts.map((c) => c ?? 0));
    const labelW = 190;
    const barW = CONTENT - labelW - 50;
    for (const [i, l] of list.labels.entries()) {
      ensure(16);
      const c = list.counts[i] ?? null;
      const y = doc.y;
      doc.font('body').fontSize(9).fillColor('#1b1b1b').text(label(lang, l), PAGE.margin, y, { width: labelW - 8, align: 'right', lineBreak: false, ellipsis: true });
      if (c === null) {
        doc.fillColor('#777777').text(`— ${w.withheld}`, PAGE.margin + labelW, y, { lineBreak: false });
      } else {
        const bw = Math.max(c > 0 ? 1 : 0, Math.round((c / max) * barW));
        doc.rect(PAGE.margin + labelW, y, bw, 10).fill('#2f6db5');
        doc.fillColor('#1b1b1b').text(String(c), PAGE.margin + labelW + bw + 4, y, { lineBreak: false });
      }
      doc.y = y + 14;
    }
    row([w.total, num(list.total)], [labelW, 60], true);
  };

  doc.font('bold').fontSize(18).text(`${w.monthlyTitle} ${month}`);
  doc.moveDown(0.4).font('body').fontSize(10).text(`${w.period}: ${s.from} – ${lastDayOf(s.to)} (${w.asOf} ${s.asOf})`);
  doc.moveDown(0.2).fillColor('#555555').fontSize(9).text(w.suppression(s.threshold), { width: CONTENT });

  const lists: [string, SuppressedListDto][] = [
    [w.sections.byStatus!, s.children.byStatus],
    [w.sections.byDisplacementKind!, s.children.byDisplacementKind],
    [w.sections.byRegion!, s.children.byRegion],
    [w.sections.byAgeGroup!, s.children.byAgeGroup],
    [w.sections.byDisplacementMonth!, s.children.byDisplacementMonth],
    [w.sections.casesByStatus!, s.casesByStatus],
    [w.sections.filed!, s.requests.filed],
    [w.sections.matched!, s.requests.matched],
    [w.sections.verified!, s.requests.verified],
    [w.sections.reunifications!, s.reunifications],
  ];
  for (const [title, list] of lists) {
    heading(title);
    barList(list);
  }

  heading(w.durations.title);
  const dw = [CONTENT - 210, 70, 70, 70];
  row(['', w.durations.observations, w.durations.median, w.durations.p90], dw, true);
  for (const k of ['requestToMatch', 'matchToReunion', 'requestToReunion'] as const) {
    const d = s.durations[k];
    row([w.durations.rows[k]!, num(d.observations), num(d.medianDays), num(d.p90Days)], dw);
  }

  heading(w.sections.contact!);
  const c = s.contactRegularity;
  const colW = Math.min(70, (CONTENT - 150) / (c.columns.length + 1));
  const cw = [CONTENT - colW * (c.columns.length + 1), ...c.columns.map(() => colW), colW];
  row([w.region, ...c.columns.map((k) => w.contactColumns[k] ?? k), w.total], cw, true);
  c.rows.forEach((r, i) => row([label(lang, r), ...c.cells[i]!.map(num), num(c.rowTotals[i])], cw));
  row([w.total, ...c.columnTotals.map(num), num(c.total)], cw, true);

  doc.end();
  return done;
}

import type { PublicStatistics, ReportSummary, SuppressedListDto } from '@homeward/contracts';
import { label, words, type ReportLang } from './report-i18n.ts';

// Renders suppressed aggregates as one self-contained HTML document (inline CSS and SVG, no
// scripts, no external files): the public /transparency page and the printable monthly report.
// System fonts render Cyrillic; the list names DejaVu and Noto first where they are installed.

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const lastDayOf = (exclusive: string) => new Date(Date.parse(`${exclusive}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const num = (v: number | null) => (v === null ? '—' : String(v));

const css = `
body{font-family:"DejaVu Sans","Noto Sans",Arial,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b;line-height:1.4}
h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}tr.total td{font-weight:bold}
.note{color:#555;font-size:.9rem}.chart{display:block;margin:.5rem 0}
pre{background:#f4f4f4;padding:.5rem;white-space:pre-wrap;word-break:break-all;font-size:.8rem}
nav a{margin-right:1rem}
@media print{body{margin:0;max-width:none}section{break-inside:avoid}nav{display:none}}`;

/** A horizontal bar chart of the published counts; withheld ones get no bar. */
export function barChart(list: SuppressedListDto, lang: ReportLang): string {
  const max = Math.max(1, ...list.counts.map((c) => c ?? 0));
  const rowH = 18;
  const labelW = 300;
  const barW = 340;
  const h = list.labels.length * rowH + 4;
  const bars = list.labels.map((l, i) => {
    const c = list.counts[i] ?? null;
    const y = i * rowH + 2;
    const w = c === null ? 0 : Math.round((c / max) * barW);
    return (
      `<text x="${labelW - 6}" y="${y + 13}" text-anchor="end" font-size="11">${esc(label(lang, l))}</text>` +
      (c === null
        ? `<text x="${labelW + 4}" y="${y + 13}" font-size="11" fill="#777">— ${esc(words[lang].withheld)}</text>`
        : `<rect x="${labelW}" y="${y}" width="${w}" height="${rowH - 4}" fill="#2f6db5"/><text x="${labelW + w + 4}" y="${y + 13}" font-size="11">${c}</text>`)
    );
  });
  return `<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" width="${labelW + barW + 60}" height="${h}" font-family="DejaVu Sans, Noto Sans, Arial, sans-serif">${bars.join('')}</svg>`;
}

function listSection(title: string, list: SuppressedListDto, lang: ReportLang, chart: boolean): string {
  const rows = list.labels.map((l, i) => `<tr><td>${esc(label(lang, l))}</td><td>${num(list.counts[i] ?? null)}</td></tr>`).join('');
  return (
    `<section><h2>${esc(title)}</h2>${chart && list.labels.length ? barChart(list, lang) : ''}` +
    `<table>${rows}<tr class="total"><td>${esc(words[lang].total)}</td><td>${num(list.total)}</td></tr></table></section>`
  );
}

function statisticsBody(s: ReportSummary, lang: ReportLang, charts: boolean): string {
  const w = words[lang];
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
  const d = s.durations;
  const durationRows = (['requestToMatch', 'matchToReunion', 'requestToReunion'] as const)
    .map((k) => `<tr><td>${esc(w.durations.rows[k]!)}</td><td>${num(d[k].observations)}</td><td>${num(d[k].medianDays)}</td><td>${num(d[k].p90Days)}</td></tr>`)
    .join('');
  const c = s.contactRegularity;
  const contactHead = `<tr><th>${esc(w.region)}</th>${c.columns.map((k) => `<th>${esc(w.contactColumns[k] ?? k)}</th>`).join('')}<th>${esc(w.total)}</th></tr>`;
  const contactRows = c.rows
    .map((r, i) => `<tr><td>${esc(label(lang, r))}</td>${c.cells[i]!.map((v) => `<td>${num(v)}</td>`).join('')}<td>${num(c.rowTotals[i] ?? null)}</td></tr>`)
    .join('');
  const contactTotal = `<tr class="total"><td>${esc(w.total)}</td>${c.columnTotals.map((v) => `<td>${num(v)}</td>`).join('')}<td>${num(c.total)}</td></tr>`;
  return (
    `<p>${esc(w.period)}: ${s.from} – ${lastDayOf(s.to)} (${esc(w.asOf)} ${s.asOf})</p><p class="note">${esc(w.suppression(s.threshold))}</p>` +
    lists.map(([t, l]) => listSection(t, l, lang, charts)).join('') +
    `<section><h2>${esc(w.durations.title)}</h2><table><tr><th></th><th>${esc(w.durations.observations)}</th><th>${esc(w.durations.median)}</th><th>${esc(w.durations.p90)}</th></tr>${durationRows}</table></section>` +
    `<section><h2>${esc(w.sections.contact!)}</h2><table>${contactHead}${contactRows}${contactTotal}</table></section>`
  );
}

function page(lang: ReportLang, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${css}</style></head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}

/** The public transparency page: suppressed statistics and the current signed tree head. */
export function renderTransparencyPage(data: PublicStatistics, lang: ReportLang): string {
  const w = words[lang];
  const nav = `<nav>${(['uk', 'ru', 'en'] as const).map((l) => `<a href="/transparency?lang=${l}" hreflang="${l}">${l.toUpperCase()}</a>`).join('')}<a href="/api/public/statistics">${esc(w.json)}</a></nav>`;
  const cp = data.checkpoint;
  const checkpoint = cp
    ? `<table><tr><td>${esc(w.checkpoint.size)}</td><td>${cp.size}</td></tr><tr><td>${esc(w.checkpoint.root)}</td><td><code>${esc(cp.rootHash)}</code></td></tr><tr><td>${esc(w.checkpoint.status)}</td><td>${esc(cp.witnessStatus)}</td></tr></table>` +
      `<pre>${esc(cp.note)}</pre><p>${esc(w.checkpoint.key)}:</p><pre>${esc(cp.logKey)}</pre>`
    : `<p>${esc(w.checkpoint.none)}</p>`;
  return page(
    lang,
    w.title,
    nav +
      `<section><h2>${esc(w.checkpoint.title)}</h2>${w.checkpoint.explain.map((p) => `<p>${esc(p)}</p>`).join('')}${checkpoint}</section>` +
      statisticsBody(data.statistics, lang, true),
  );
}

/** The printable monthly report (print it to PDF from a browser, or see docs/REPORTS.md). */
export function renderMonthlyReport(s: ReportSummary, month: string, lang: ReportLang): string {
  return page(lang, `${words[lang].monthlyTitle} ${month}`, statisticsBody(s, lang, true));
}

/**
 * Draws each workflow's state table as a Mermaid `stateDiagram-v2` and writes it into its doc,
 * between `<!-- state-diagram:<name>:start -->` and `<!-- state-diagram:<name>:end -->`, so that
 * the docs show the table the code enforces. `npm run docs:states` rewrites the docs;
 * `npm run docs:states -- --check` only reports stale ones (exit 1). A test runs the check too.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { caseTransitions } from '../src/modules/cases/case-states.ts';
import { contactPlanTransitions } from '../src/modules/contact/contact-plan-states.ts';

/** One move of a table: `needsReason` steps want a reason, `via` steps belong to a workflow. */
export interface DiagramStep {
  to: string;
  needsReason?: boolean;
  via?: string;
}

export interface StateTable {
  /** Names the markers: `state-diagram:<name>:start`. */
  name: string;
  /** The doc holding the markers, from the repository root. */
  doc: string;
  initial: string;
  transitions: Readonly<Record<string, readonly DiagramStep[]>>;
}

/** Every table drawn in the docs: add a workflow with one line. */
export const stateTables: StateTable[] = [
  { name: 'case', doc: 'docs/CASES.md', initial: 'located', transitions: caseTransitions },
  { name: 'contact-plan', doc: 'docs/CONTACT.md', initial: 'active', transitions: contactPlanTransitions },
];

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Mermaid ids cannot hold hyphens: `in-contact` is drawn as `in_contact` labelled `in-contact`. */
const idOf = (status: string) => status.replace(/[^A-Za-z0-9]/g, '_');

/**
 * The diagram of one table, as a fenced Mermaid block. Steps are labelled "reason" when a
 * person must give one and "via <workflow>" when only that workflow takes them; statuses with
 * no way out end at [*].
 *
 * @example mermaidDiagram({ name: 'x', doc: '', initial: 'a', transitions: { a: [{ to: 'b' }], b: [] } })
 */
export function mermaidDiagram(table: StateTable): string {
  const statuses = [...new Set([table.initial, ...Object.keys(table.transitions), ...Object.values(table.transitions).flatMap((s) => s.map((t) => t.to))])];
  const lines = ['```mermaid', 'stateDiagram-v2'];
  for (const s of statuses) if (idOf(s) !== s) lines.push(`  state "${s}" as ${idOf(s)}`);
  lines.push(`  [*] --> ${idOf(table.initial)}`);
  for (const from of statuses) {
    const steps = table.transitions[from] ?? [];
    for (const t of steps) {
      const label = [t.via ? `via ${t.via}` : null, t.needsReason ? 'reason' : null].filter(Boolean).join(', ');
      lines.push(`  ${idOf(from)} --> ${idOf(t.to)}${label ? `: ${label}` : ''}`);
    }
    if (steps.length === 0) lines.push(`  ${idOf(from)} --> [*]`);
  }
  lines.push('```');
  return lines.join('\n');
}

/** The doc's text with the table's diagram between its markers; throws if the markers are missing. */
export function withDiagram(docText: string, table: StateTable): string {
  const start = `<!-- state-diagram:${table.name}:start -->`;
  const end = `<!-- state-diagram:${table.name}:end -->`;
  const i = docText.indexOf(start);
  const j = docText.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${table.doc} has no ${start} … ${end} markers`);
  // Blank lines around the fence: what Prettier would leave, so formatting the docs never makes them stale.
  return `${docText.slice(0, i + start.length)}\n\n${mermaidDiagram(table)}\n\n${docText.slice(j)}`;
}

/** Rewrites (or, with `check`, only compares) every doc; returns the docs that were stale. */
export function updateStateDiagrams(opts: { check: boolean }): string[] {
  const stale: string[] = [];
  for (const table of stateTables) {
    const path = `${repoRoot}${table.doc}`;
    const current = readFileSync(path, 'utf8');
    const next = withDiagram(current, table);
    if (next === current) continue;
    stale.push(`${table.doc} (${table.name})`);
    if (!opts.check) writeFileSync(path, next);
  }
  return stale;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes('--check');
  const stale = updateStateDiagrams({ check });
  if (check && stale.length) {
    console.error(`State diagrams out of date (run npm run docs:states): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log(stale.length ? `Updated: ${stale.join(', ')}` : 'State diagrams are up to date.');
}

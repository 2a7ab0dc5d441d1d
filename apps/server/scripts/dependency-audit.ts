/**
 * Dependency hygiene for CI (issue 13): fails when `npm audit` reports a high or critical
 * vulnerability in any installed dependency, unless that advisory is accepted, with a reason and
 * an end date, in .ci/audit-allow.json.
 *
 * When the registry's advisory service cannot be reached (the registry these machines use
 * answers `405 Method Not Allowed`), the audit cannot run: it says so in one line and passes,
 * unless HOMEWARD_AUDIT_REQUIRED=1, which makes an unreachable service a failure too (set it on
 * CI machines that reach the service).
 *
 * Usage: tsx apps/server/scripts/dependency-audit.ts   (exit 0 ok or unavailable, 1 vulnerable)
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Finding {
  name: string;
  severity: 'high' | 'critical';
  advisories: string[];
}
export type Verdict =
  | { status: 'ok'; counted: number }
  | { status: 'vulnerable'; findings: Finding[]; accepted: Finding[] }
  | { status: 'unavailable'; reason: string };

/** Accepted advisories: id or URL → why, and until when (YYYY-MM-DD) the acceptance holds. */
export type Allowlist = Record<string, { reason: string; until: string }>;

type AuditVia = string | { url?: string; source?: number; severity?: string };
type AuditJson = {
  error?: unknown;
  statusCode?: number;
  message?: string;
  vulnerabilities?: Record<string, { name?: string; severity?: string; via?: AuditVia[] }>;
};

const serious = new Set(['high', 'critical']);

function advisoryIds(via: AuditVia[] | undefined): string[] {
  const ids: string[] = [];
  for (const v of via ?? []) {
    if (typeof v === 'object' && v && (v.severity === undefined || serious.has(v.severity))) {
      const id = v.url ?? (v.source !== undefined ? String(v.source) : undefined);
      if (id) ids.push(id);
    }
  }
  return ids;
}

function accepted(ids: string[], allow: Allowlist, today: string): boolean {
  if (ids.length === 0) return false;
  return ids.every((id) => {
    const entry = allow[id] ?? Object.entries(allow).find(([k]) => id.endsWith(k))?.[1];
    return entry !== undefined && entry.until >= today;
  });
}

/** What `npm audit --json` printed, judged. Pure: the tests feed it recorded outputs. */
export function judge(output: string, allow: Allowlist = {}, today = new Date().toISOString().slice(0, 10)): Verdict {
  let json: AuditJson;
  try {
    json = JSON.parse(output) as AuditJson;
  } catch {
    return { status: 'unavailable', reason: 'npm audit printed no JSON' };
  }
  if (json.vulnerabilities === undefined) {
    const reason = json.statusCode ? `the advisory service answered ${json.statusCode}` : (json.message ?? 'the advisory service gave no answer');
    return { status: 'unavailable', reason };
  }
  const findings: Finding[] = [];
  const ok: Finding[] = [];
  for (const [key, v] of Object.entries(json.vulnerabilities)) {
    if (!v.severity || !serious.has(v.severity)) continue;
    const finding: Finding = { name: v.name ?? key, severity: v.severity as Finding['severity'], advisories: advisoryIds(v.via) };
    // A package vulnerable only through another package ("via": ["other"]) is judged at the source.
    if (finding.advisories.length === 0) continue;
    (accepted(finding.advisories, allow, today) ? ok : findings).push(finding);
  }
  if (findings.length > 0) return { status: 'vulnerable', findings, accepted: ok };
  return { status: 'ok', counted: Object.keys(json.vulnerabilities).length };
}

function runAudit(cwd: string): Promise<string> {
  return new Promise((done) => {
    execFile('npm', ['audit', '--json'], { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (_err, stdout) => done(stdout));
  });
}

async function main() {
  const root = resolve(fileURLToPath(import.meta.url), '../../../..');
  const allowPath = resolve(root, '.ci/audit-allow.json');
  const allow = existsSync(allowPath) ? (JSON.parse(readFileSync(allowPath, 'utf8')) as Allowlist) : {};
  const verdict = judge(await runAudit(root), allow);
  if (verdict.status === 'ok') {
    console.log('ci: dependency audit: no high or critical vulnerability');
  } else if (verdict.status === 'unavailable') {
    const required = process.env.HOMEWARD_AUDIT_REQUIRED === '1';
    console.log(`ci: dependency audit could not run (${verdict.reason})${required ? '' : '; not required on this machine'}`);
    if (required) process.exitCode = 1;
  } else {
    for (const f of verdict.findings) console.log(`ci: ${f.severity} vulnerability in ${f.name}: ${f.advisories.join(' ')}`);
    for (const f of verdict.accepted) console.log(`ci: accepted (see .ci/audit-allow.json): ${f.name}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

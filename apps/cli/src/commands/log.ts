import type { Command } from 'commander';
import { AppError } from '@homeward/server';
import { verifyLogExport, type LogExport, type PartyKey, type VerifyReport } from '@homeward/translog';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What `--keys FILE` holds: the keys a party trusts, obtained from each party directly. */
export interface TrustedKeys {
  logKey?: string;
  partyKeys: PartyKey[];
  /** The witnesses and quorum the checker requires; without it the latest checkpoint's witnessing is not judged. */
  witnesses?: { keys: string[]; quorum: number; maxAgeSeconds: number };
}

interface Finding {
  severity: string;
  code: string;
  message: string;
  entryIndex?: number | undefined;
}

/** Exit code when the check ran and found problems (1 is kept for commands that failed to run). */
export const EXIT_LOG_INVALID = 4;

const readText = (file: string) => readFileSync(file, 'utf8');

/**
 * The standalone verifier: checks an exported log folder against keys the checker trusts, with no
 * database and no server. Without `keysFile`, the keys in the export are used (and a warning says so).
 * @example verifyExportDir('export', { keysFile: 'keys-from-parties.json', now: new Date() }).ok
 */
export function verifyExportDir(
  dir: string,
  opts: {
    keysFile?: string | undefined;
    savedCheckpoint?: string | undefined;
    now: Date;
    /** Witnesses required (overrides the keys file's or the export's policy). */
    quorum?: number | undefined;
    /** Freshness window in seconds (overrides the policy's). */
    maxAgeSeconds?: number | undefined;
  },
): VerifyReport & { notes: string[] } {
  const exp = JSON.parse(readText(join(dir, 'log.json'))) as LogExport;
  const notes: string[] = [];
  if (opts.keysFile) {
    const raw = JSON.parse(readText(opts.keysFile)) as TrustedKeys | PartyKey[];
    const keys: TrustedKeys = Array.isArray(raw) ? { partyKeys: raw } : raw;
    exp.partyKeys = keys.partyKeys;
    if (keys.witnesses) exp.witnesses = keys.witnesses;
    else delete exp.witnesses;
    if (keys.logKey) exp.logKey = keys.logKey;
    else notes.push('the keys file names no log key: the log key in the export is used');
  } else {
    notes.push(
      'no --keys given: the keys in the export are used; obtain each party’s keys from that party to rule out a swap',
    );
  }
  if (!exp.logKey)
    throw new AppError(
      'VALIDATION_FAILED',
      'The export names no log key and the keys file gives none: nothing can be checked.',
    );
  if (opts.quorum !== undefined || opts.maxAgeSeconds !== undefined) {
    if (!exp.witnesses)
      throw new AppError(
        'VALIDATION_FAILED',
        '--quorum and --max-age need the witnesses’ keys: put `witnesses` in the keys file (or check the export’s own).',
      );
    exp.witnesses = {
      ...exp.witnesses,
      ...(opts.quorum !== undefined ? { quorum: opts.quorum } : {}),
      ...(opts.maxAgeSeconds !== undefined ? { maxAgeSeconds: opts.maxAgeSeconds } : {}),
    };
    if (exp.witnesses.quorum > exp.witnesses.keys.length)
      throw new AppError(
        'VALIDATION_FAILED',
        `--quorum ${exp.witnesses.quorum} exceeds the ${exp.witnesses.keys.length} witness key(s) known.`,
      );
  }
  if (exp.witnesses)
    notes.push(
      `witness policy: ${exp.witnesses.quorum} of ${exp.witnesses.keys.length} witnesses within ${exp.witnesses.maxAgeSeconds} s`,
    );
  const saved = opts.savedCheckpoint;
  // A client accepts a checkpoint only within the freshness window: stale is refused.
  const base = { now: opts.now, refuseStale: true };
  return {
    ...verifyLogExport(exp, saved === undefined ? base : { ...base, savedCheckpoint: saved }),
    notes,
  };
}

/** Lines an official can read: one per finding, then a verdict. */
export function formatReport(
  report: VerifyReport,
  extra: readonly Finding[] = [],
  notes: readonly string[] = [],
): string[] {
  const lines = notes.map((n) => `note: ${n}`);
  for (const f of [...report.findings, ...extra]) {
    const where = f.entryIndex !== undefined ? ` (entry ${f.entryIndex})` : '';
    lines.push(`${f.severity.toUpperCase()} ${f.code}${where}: ${f.message}`);
  }
  const a = report.attestations;
  const witnessed =
    report.latestCheckpoint?.witnessStatus === 'not-checked'
      ? ''
      : ` (witnesses: ${report.latestCheckpoint?.witnessStatus})`;
  const trusted =
    report.trustedCheckpoint === undefined
      ? ''
      : report.trustedCheckpoint === null
        ? ', no checkpoint is trusted'
        : `, trusted (quorum, fresh) up to ${report.trustedCheckpoint.size}`;
  const cp = report.latestCheckpoint
    ? `latest signed checkpoint covers ${report.latestCheckpoint.size}${witnessed}${trusted}`
    : 'no signed checkpoint';
  lines.push(
    `Log of ${report.size} entries (root ${report.root.slice(0, 16)}…), ${cp}; attestations: ${a.valid} valid, ${a.stale} stale, ${a['subject-erased']} subject erased, ${a.invalid} invalid.`,
  );
  const errors = [...report.findings, ...extra].filter((f) => f.severity === 'error').length;
  lines.push(
    errors === 0 ? 'OK: nothing was altered, removed or reordered.' : `NOT OK: ${errors} problem(s) found.`,
  );
  return lines;
}

interface VerifyOptions {
  quorum?: string;
  maxAge?: string;
  sinceCheckpoint?: string;
  saveCheckpoint?: string;
  export?: string;
  keys?: string;
  json?: boolean;
}

async function verifyAction(o: VerifyOptions) {
  const savedCheckpoint = o.sinceCheckpoint ? readText(o.sinceCheckpoint) : undefined;
  const now = new Date();
  let report: VerifyReport;
  let extra: Finding[] = [];
  let notes: string[] = [];
  let latest: string | undefined;
  if (o.export) {
    const quorum = o.quorum === undefined ? undefined : Number(o.quorum);
    if (quorum !== undefined && (!Number.isInteger(quorum) || quorum < 1))
      throw new AppError('VALIDATION_FAILED', '--quorum takes a whole number of witnesses (1 or more).');
    const maxAgeSeconds = o.maxAge === undefined ? undefined : parseDuration(o.maxAge);
    const r = verifyExportDir(o.export, { keysFile: o.keys, savedCheckpoint, now, quorum, maxAgeSeconds });
    ({ notes, ...report } = r);
    latest = (JSON.parse(readText(join(o.export, 'log.json'))) as LogExport).checkpoints.at(-1);
  } else {
    if (o.keys || o.quorum || o.maxAge)
      throw new AppError(
        'VALIDATION_FAILED',
        '--keys, --quorum and --max-age need --export DIR (the database holds its own keys and policy).',
      );
    // Loaded only here, so that the standalone verifier needs no database code.
    const { withRuntime } = await import('./runtime.ts');
    const { verifyStoredLog } = await import('@homeward/server/modules/transparency/log-export.service.ts');
    const { findAllCheckpoints } = await import('@homeward/server/modules/transparency/log.repository.ts');
    const r = await withRuntime(async (rt) => ({
      ...(await verifyStoredLog(rt.database.db, { now, savedCheckpoint })),
      latest: (await findAllCheckpoints(rt.database.db)).at(-1),
    }));
    report = r.report;
    extra = r.database;
    latest = r.latest;
  }
  if (o.json)
    console.log(JSON.stringify({ ...report, findings: [...report.findings, ...extra], notes }, null, 2));
  else for (const line of formatReport(report, extra, notes)) console.log(line);
  if (!report.ok) {
    process.exitCode = EXIT_LOG_INVALID;
    return;
  }
  if (o.saveCheckpoint && latest) {
    writeFileSync(o.saveCheckpoint, latest);
    if (!o.json)
      console.log(
        `Saved the checked checkpoint to ${o.saveCheckpoint}; pass it as --since-checkpoint next time.`,
      );
  }
}

/**
 * Seconds in a duration such as `90`, `90s`, `10m`, `2h` or `7d`.
 * @example parseDuration('10m') // 600
 */
export function parseDuration(text: string): number {
  const m = /^(\d+)\s*(s|m|h|d)?$/.exec(text.trim());
  if (!m || Number(m[1]) === 0)
    throw new AppError('VALIDATION_FAILED', `Not a duration: ${text} (e.g. 90s, 10m, 2h, 7d).`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
}

/** Writes an export folder: log.json (what the verifier reads), keys.json (the published keys), checkpoint.txt. */
export function writeExportDir(dir: string, exp: LogExport): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'log.json'), JSON.stringify(exp, null, 1) + '\n');
  const keys: TrustedKeys = {
    logKey: exp.logKey,
    partyKeys: exp.partyKeys,
    ...(exp.witnesses ? { witnesses: exp.witnesses } : {}),
  };
  writeFileSync(join(dir, 'keys.json'), JSON.stringify(keys, null, 2) + '\n');
  if (exp.checkpoints.length) writeFileSync(join(dir, 'checkpoint.txt'), exp.checkpoints.at(-1)!);
}

async function exportAction(dir: string) {
  const { withRuntime } = await import('./runtime.ts');
  const { buildLogExport } = await import('@homeward/server/modules/transparency/log-export.service.ts');
  const exp = await withRuntime((rt) => buildLogExport(rt.database.db));
  writeExportDir(dir, exp);
  console.log(
    `Exported ${exp.entries.length} entries, ${exp.checkpoints.length} checkpoints and ${exp.envelopes.length} attestations to ${dir}.`,
  );
  console.log(
    'Check it anywhere with: homeward log verify --export DIR --keys KEYS.json (keys obtained from each party).',
  );
}

export function registerLogCommands(program: Command) {
  const log = program
    .command('log')
    .description('The transparency log: check it, and export it for others to check');
  log
    .command('verify')
    .description(
      'Check every entry, checkpoint and attestation; name what is wrong (exit code 4 if anything is)',
    )
    .option('--since-checkpoint <file>', 'a checkpoint saved earlier: also prove the log only grew since')
    .option('--save-checkpoint <file>', 'after a clean check, save the latest checkpoint for next time')
    .option('--export <dir>', 'check an exported log folder instead of the database (no database needed)')
    .option('--keys <file>', 'with --export: the parties’ public keys as you trust them (JSON)')
    .option('--quorum <n>', 'with --export: how many witnesses must have cosigned (overrides the policy)')
    .option('--max-age <duration>', 'with --export: freshness window, e.g. 10m or 1h (overrides the policy)')
    .option('--json', 'print the report as JSON')
    .action(verifyAction);
  log
    .command('export')
    .description('Write the log, its checkpoints, the signed attestations and the published keys to a folder')
    .argument('<dir>')
    .action(exportAction);
}

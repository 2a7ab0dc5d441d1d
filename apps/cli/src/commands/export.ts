import type { Command } from 'commander';
import { createExportInput, exportKinds } from '@homeward/contracts';
import { AppError, systemActor } from '@homeward/server';
import { decryptExport, parseIdentityFile } from '@homeward/server/modules/exports/exports.crypto.ts';
import { createExport, operatorHolds } from '@homeward/server/modules/exports/exports.service.ts';
import { requirePartyByCode } from '@homeward/server/modules/parties/parties.service.ts';
import { deriveSecret } from '@homeward/server/runtime.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { promptHidden } from './prompt.ts';
import { withRuntime } from './runtime.ts';

interface ExportOptions {
  kind?: string;
  party?: string;
  format?: string;
  month?: string;
  lang: string;
  dossier?: string;
  recipient?: string;
  expiresIn?: string;
  note?: string;
}

const withAge = (file: string) => (file.toLowerCase().endsWith('.age') ? file : `${file}.age`);

/** From --format, else the file name (before .age): .csv, .xlsx, .xml (PFIF), anything else JSONL. */
const recordFormatOf = (file: string, given?: string) => {
  const ext = file.toLowerCase().replace(/\.age$/, '').split('.').pop() ?? '';
  return given ?? ({ csv: 'csv', xlsx: 'xlsx', xml: 'pfif' } as Record<string, string>)[ext] ?? 'jsonl';
};

/** The same input the API takes, checked by the same schema. */
function inputOf(file: string, o: ExportOptions) {
  if (!o.kind) throw new AppError('VALIDATION_FAILED', `--kind is required: ${exportKinds.join(' | ')}.`);
  if (!o.note?.trim()) throw new AppError('VALIDATION_FAILED', '--note is required: say why this export is made (it is audited).');
  const common = { ...(o.recipient ? { recipient: o.recipient } : {}), ...(o.expiresIn ? { expiresInHours: Number(o.expiresIn) } : {}) };
  const raw =
    o.kind === 'report-pdf'
      ? { kind: o.kind, month: o.month, lang: o.lang, ...common }
      : o.kind === 'subject-access'
        ? { kind: o.kind, dossierId: o.dossier, ...common }
        : { kind: o.kind, format: recordFormatOf(file, o.format), ...(o.party ? { partyCode: o.party } : {}), ...common };
  const parsed = createExportInput.safeParse(raw);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'The export options are not valid.', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  return parsed.data;
}

async function passphraseFromUser(): Promise<string> {
  const given = process.env.HOMEWARD_EXPORT_PASSPHRASE;
  if (given) return given;
  if (!process.stdin.isTTY) throw new AppError('VALIDATION_FAILED', 'No terminal to ask for the passphrase: set HOMEWARD_EXPORT_PASSPHRASE or use --identity.');
  return promptHidden('Passphrase: ');
}

/**
 * `homeward export FILE --kind … --note …`: a controlled export, recorded like one made through the
 * API (row, audit entry with the record ids, transparency-log entry) with the operator's note as the
 * reason. The .age file is written here and kept nowhere else; the passphrase goes to stderr once.
 * `homeward export decrypt FILE` opens it (so does `age -d FILE`).
 */
export function registerExportCommand(program: Command) {
  const command = program
    .command('export')
    .description('Controlled export, encrypted with age: dossiers or requests (jsonl | csv | xlsx | pfif), the monthly report (report-pdf) or subject access (docs/EXPORTS.md)')
    .argument('<file>', 'where to write it (.age is added when missing)')
    .option('--kind <kind>', exportKinds.join(' | '))
    .option('--note <text>', 'why this export is made (required; audited)')
    .option('--party <CODE>', "act as this party: only its records, or its report (default: every party's)")
    .option('--format <format>', 'jsonl | csv | xlsx | pfif (default: from the file name)')
    .option('--month <YYYY-MM>', 'report-pdf: the month reported on')
    .option('--lang <uk|ru|en>', 'report-pdf: its language', 'uk')
    .option('--dossier <id>', 'subject-access: the dossier')
    .option('--recipient <age1…>', 'encrypt to this age public key instead of a generated passphrase')
    .option('--expires-in <hours>', 'validity written into the file and the record (default 24, at most 168)')
    .action(async (file: string, o: ExportOptions) => {
      const input = inputOf(file, o);
      const out = withAge(file);
      const made = await withRuntime(async (rt) => {
        const partyId = o.party ? (await requirePartyByCode(rt.database.db, o.party)).id : null;
        const deps = { db: rt.database.db, clock: rt.clock, secret: deriveSecret(rt.config.secrets.masterKey, 'server') };
        return createExport(deps, systemActor(partyId), operatorHolds, input, { keep: false, note: o.note!.trim() });
      });
      writeFileSync(out, made.ciphertext, { mode: 0o600 });
      const s = made.summary;
      console.log(`Exported ${s.recordCount} record(s) (${s.kind}, ${s.format}) to ${out}: export ${s.id}, valid until ${s.expiresAt}.`);
      console.log(`Open it with: homeward export decrypt ${out}   (or: age -d ${out})`);
      if (made.passphrase) {
        console.error('Passphrase (shown this once and stored nowhere; pass it on by another channel than the file):');
        console.error(`  ${made.passphrase}`);
      }
    });

  command
    .command('decrypt')
    .description('Open a Homeward export with its passphrase (HOMEWARD_EXPORT_PASSPHRASE, or asked) or an age identity file')
    .argument('<file>', 'the .age file')
    .option('--identity <file>', 'age identity file (AGE-SECRET-KEY-1…), as age-keygen writes it')
    .option('--out <file>', 'where to write the content (default: FILE without .age)')
    .action(async (file: string, o: { identity?: string; out?: string }) => {
      if (!existsSync(file)) throw new AppError('VALIDATION_FAILED', `${file} does not exist.`);
      const out = o.out ?? (file.toLowerCase().endsWith('.age') ? file.slice(0, -4) : `${file}.decrypted`);
      if (existsSync(out)) throw new AppError('VALIDATION_FAILED', `${out} exists already; name another with --out.`);
      const key = o.identity ? { identities: parseIdentityFile(readFileSync(o.identity, 'utf8')) } : { passphrase: await passphraseFromUser() };
      let content: Buffer;
      try {
        content = await decryptExport(readFileSync(file), key);
      } catch {
        throw new AppError('VALIDATION_FAILED', 'Cannot open the file: wrong passphrase or identity, or not an age file.');
      }
      writeFileSync(out, content, { mode: 0o600, flag: 'wx' });
      console.log(`Decrypted to ${out}. It holds personal data: delete it when done.`);
    });
}

import type { Command } from 'commander';
import { AppError, systemActor } from '@homeward/server';
import { seedDemo } from '@homeward/server/modules/demo/demo.service.ts';
import { requirePartyByCode } from '@homeward/server/modules/parties/parties.service.ts';
import { importFile, type FileFormat, type RecordKind } from '@homeward/server/modules/transfer/import.service.ts';
import { writeTemplate } from '@homeward/server/modules/transfer/writers.ts';
import { writeFileSync } from 'node:fs';
import { registerExportCommand } from './export.ts';
import { withRuntime } from './runtime.ts';

const importFormats: readonly FileFormat[] = ['jsonl', 'csv', 'xlsx', 'pfif'];
/** From --format, else the file name: .csv, .xlsx, .xml (PFIF), anything else JSONL. */
const importFormatOf = (file: string, given?: string): FileFormat => {
  const ext = file.toLowerCase().split('.').pop();
  const f = given ?? ({ csv: 'csv', xlsx: 'xlsx', xml: 'pfif' } as Record<string, FileFormat>)[ext ?? ''] ?? 'jsonl';
  if (!importFormats.includes(f as FileFormat)) throw new AppError('VALIDATION_FAILED', `--format must be one of ${importFormats.join(', ')}.`);
  return f as FileFormat;
};
const kindOf = (k: string): RecordKind => {
  if (k !== 'dossiers' && k !== 'requests') throw new AppError('VALIDATION_FAILED', '--kind must be dossiers or requests.');
  return k;
};

class Interrupted extends Error {}

export function registerDataCommands(program: Command) {
  program
    .command('seed')
    .description('Add fictional demo data (clearly labelled as fictional)')
    .requiredOption('--demo [count]', 'number of demo children', '300')
    .action(async (o: { demo: string | true }) => {
      const n = o.demo === true ? 300 : Number(o.demo);
      if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new AppError('VALIDATION_FAILED', '--demo takes a whole number from 1 to 1000000.');
      const r = await withRuntime((rt) => seedDemo(rt.database.db, rt.clock, n));
      console.log(`Seeded ${r.dossiers} fictional dossiers and ${r.requests} fictional requests.`);
    });

  program
    .command('import')
    .description('Import dossiers or requests from JSONL, CSV, XLSX or PFIF 1.4 XML; idempotent by source id (docs/IMPORT.md)')
    .argument('<file>')
    .requiredOption('--kind <kind>', 'dossiers | requests')
    .requiredOption('--party <CODE>', 'the party that supplied the file')
    .option('--format <format>', 'jsonl | csv | xlsx | pfif (default: from the file name; .xml is PFIF)')
    .option('--pfif-domain <domain>', "PFIF: this instance's record domain, stripped from person_record_id (default HOMEWARD_PFIF_DOMAIN)")
    .option('--report <file>', 'where to write rejected rows (default: <file>.rejected.jsonl)')
    .option('--batch <n>', 'rows per transaction', '1000')
    .action(async (file: string, o: { kind: string; party: string; format?: string; pfifDomain?: string; report?: string; batch: string }) => {
      const kind = kindOf(o.kind);
      const format = importFormatOf(file, o.format);
      let interrupted = false;
      const onSigint = () => {
        interrupted = true;
        console.error('\nInterrupted: stopping after the current batch (committed batches stay; re-run to complete).');
      };
      process.on('SIGINT', onSigint);
      const t0 = Date.now();
      try {
        const s = await withRuntime(async (rt) => {
          const party = await requirePartyByCode(rt.database.db, o.party);
          return importFile(rt.database.db, rt.clock, file, {
            kind,
            format,
            partyId: party.id,
            actor: systemActor(party.id),
            batchSize: Number(o.batch),
            ...(o.pfifDomain ? { pfifDomain: o.pfifDomain } : {}),
            onBatch: (p) => {
              if (process.stderr.isTTY) process.stderr.write(`\r${p.read} rows read, ${p.created} created, ${p.updated} updated`);
              if (interrupted) throw new Interrupted();
            },
          });
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        const secs = ((Date.now() - t0) / 1000).toFixed(1);
        if (s.sheet) console.log(`Sheet "${s.sheet}".`);
        for (const note of s.notes ?? []) console.log(note);
        console.log(`Read ${s.read} rows in ${secs} s: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected.length} rejected.`);
        if (s.rejected.length) {
          const report = o.report ?? `${file}.rejected.jsonl`;
          writeFileSync(report, s.rejected.map((r) => JSON.stringify(r)).join('\n') + '\n', { mode: 0o600 });
          const where = format === 'xlsx' ? 'row' : 'line';
          for (const r of s.rejected.slice(0, 10)) console.log(`  ${where} ${r.line} ${r.code}: ${r.issues.map((i) => `${i.path || '(row)'} ${i.message}`).join('; ')}`);
          console.log(`Rejected rows (line numbers and reasons) are in ${report}.`);
          process.exitCode = 3;
        }
      } catch (err) {
        if (err instanceof Interrupted) {
          console.error('Import stopped; every committed batch is whole. Run the same command again to complete it.');
          process.exit(130);
        }
        throw err;
      } finally {
        process.off('SIGINT', onSigint);
      }
    });

  program
    .command('template')
    .description('Write an empty import template (XLSX with a Help sheet and drop-downs, or a CSV header)')
    .requiredOption('--kind <kind>', 'dossiers | requests')
    .requiredOption('--format <format>', 'xlsx | csv')
    .requiredOption('-o, --output <file>', 'where to write it')
    .action(async (o: { kind: string; format: string; output: string }) => {
      if (o.format !== 'xlsx' && o.format !== 'csv') throw new AppError('VALIDATION_FAILED', '--format must be xlsx or csv.');
      writeFileSync(o.output, await writeTemplate(kindOf(o.kind), o.format));
      console.log(`Wrote the ${o.kind} template to ${o.output}; docs/IMPORT.md explains each column.`);
    });

  // Every export is a controlled one: encrypted, watermarked, expiring, recorded (docs/EXPORTS.md).
  registerExportCommand(program);
}

import type { Command } from 'commander';
import { AppError, systemActor } from '@homeward/server';
import { seedDemo } from '@homeward/server/modules/demo/demo.service.ts';
import { requirePartyByCode } from '@homeward/server/modules/parties/parties.service.ts';
import { exportFile } from '@homeward/server/modules/transfer/export.service.ts';
import { importFile, type RecordKind } from '@homeward/server/modules/transfer/import.service.ts';
import { writeFileSync } from 'node:fs';
import { withRuntime } from './runtime.ts';

const formatOf = (file: string, given?: string): 'jsonl' | 'csv' => {
  const f = given ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
  if (f !== 'csv' && f !== 'jsonl') throw new AppError('VALIDATION_FAILED', '--format must be jsonl or csv.');
  return f;
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
    .description('Import dossiers or requests from JSONL or CSV; idempotent by source id')
    .argument('<file>')
    .requiredOption('--kind <kind>', 'dossiers | requests')
    .requiredOption('--party <CODE>', 'the party that supplied the file')
    .option('--format <format>', 'jsonl | csv (default: from the file name)')
    .option('--report <file>', 'where to write rejected rows (default: <file>.rejected.jsonl)')
    .option('--batch <n>', 'rows per transaction', '1000')
    .action(async (file: string, o: { kind: string; party: string; format?: string; report?: string; batch: string }) => {
      const kind = kindOf(o.kind);
      const format = formatOf(file, o.format);
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
            onBatch: (p) => {
              if (process.stderr.isTTY) process.stderr.write(`\r${p.read} rows read, ${p.created} created, ${p.updated} updated`);
              if (interrupted) throw new Interrupted();
            },
          });
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        const secs = ((Date.now() - t0) / 1000).toFixed(1);
        console.log(`Read ${s.read} rows in ${secs} s: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected.length} rejected.`);
        if (s.rejected.length) {
          const report = o.report ?? `${file}.rejected.jsonl`;
          writeFileSync(report, s.rejected.map((r) => JSON.stringify(r)).join('\n') + '\n', { mode: 0o600 });
          for (const r of s.rejected.slice(0, 10)) console.log(`  line ${r.line}: ${r.issues.map((i) => `${i.path || '(row)'} ${i.message}`).join('; ')}`);
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
    .command('export')
    .description('Export dossiers or requests as JSONL or CSV (the import format)')
    .argument('<file>')
    .requiredOption('--kind <kind>', 'dossiers | requests')
    .option('--party <CODE>', 'only what this party supplied')
    .option('--format <format>', 'jsonl | csv (default: from the file name)')
    .action(async (file: string, o: { kind: string; party?: string; format?: string }) => {
      const r = await withRuntime(async (rt) => {
        const partyId = o.party ? (await requirePartyByCode(rt.database.db, o.party)).id : undefined;
        return exportFile(rt.database.db, systemActor(partyId ?? null), file, { kind: kindOf(o.kind), format: formatOf(file, o.format), ...(partyId ? { partyId } : {}) });
      });
      console.log(`Exported ${r.written} ${o.kind} to ${file}.`);
    });
}

import type { Command } from 'commander';
import { runMatchFiles } from '@homeward/matching';
import { AppError } from '@homeward/server';

/** `homeward match-files`: batch matching of JSONL files, with no database and no server. */
export function registerMatchCommands(program: Command) {
  program
    .command('match-files')
    .description('Match tracing requests to records from JSONL files (no database needed)')
    .requiredOption('--records <file>', 'records JSONL (id, given_name, family_name, patronymic, other_names, sex, birth_date, …)')
    .requiredOption('--requests <file>', 'requests JSONL (same fields)')
    .requiredOption('--out <file>', 'where to write one line per request: {request_id, candidates:[…]}')
    .option('--top <n>', 'candidates per request', '5')
    .action(async (o: { records: string; requests: string; out: string; top: string }) => {
      const top = Number(o.top);
      if (!Number.isInteger(top) || top < 1 || top > 100) throw new AppError('VALIDATION_FAILED', '--top takes a whole number from 1 to 100.');
      const t0 = Date.now();
      const s = await runMatchFiles({ recordsPath: o.records, requestsPath: o.requests, outPath: o.out, top });
      for (const e of s.errors) console.error(`${e.file}:${e.line}: ${e.message}`);
      console.log(`Matched ${s.requests} requests against ${s.records} records in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${s.written} lines written to ${o.out}${s.errors.length ? `, ${s.errors.length} input lines skipped` : ''}.`);
    });
}

import { Command, CommanderError } from 'commander';
import { AppError } from '@homeward/server';
import { registerDataCommands } from './commands/data.ts';
import { registerMatchCommands } from './commands/match.ts';
import { registerTokenCommands } from './commands/tokens.ts';
import { registerLogCommands } from './commands/log.ts';
import { registerMediaCommands } from './commands/media.ts';
import { registerJobCommands } from './commands/jobs.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerBundleCommands } from './commands/bundle.ts';
import { registerReportCommands } from './commands/report.ts';
import { registerServeCommands } from './commands/serve.ts';
import { registerUserCommands } from './commands/users.ts';
import { registerWitnessCommands } from './commands/witness.ts';

const program = new Command('homeward')
  .description('Homeward: tracing children separated from their families by war, and bringing them home.')
  .showHelpAfterError()
  .exitOverride();

registerServeCommands(program);
registerUserCommands(program);
registerDataCommands(program);
registerMatchCommands(program);
registerTokenCommands(program);
registerLogCommands(program);
registerWitnessCommands(program);
registerMediaCommands(program);
registerJobCommands(program);
registerBackupCommands(program);
registerBundleCommands(program);
registerReportCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
  if (err instanceof AppError) {
    console.error(`homeward: ${err.message}`);
    for (const i of err.issues ?? []) console.error(`  ${i.path}: ${i.message}`);
    process.exit(1);
  }
  // Unknown failures: the kind and the code location, never the message (it may quote data).
  const e = err as Error & { code?: string };
  console.error(`homeward: unexpected ${e.name ?? 'error'}${e.code ? ` (${e.code})` : ''}`);
  if (process.env.HOMEWARD_DEBUG) console.error(e.stack);
  process.exit(1);
}

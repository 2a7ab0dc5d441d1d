import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '@homeward/server';
import { createBackup } from '@homeward/server/modules/backup/backup.service.ts';
import { restoreBackup, verifyBackupFile } from '@homeward/server/modules/backup/restore.service.ts';
import { mediaStorageFromConfig } from '@homeward/server/modules/media/media.storage.ts';
import { withRuntime } from './runtime.ts';

/**
 * `homeward backup …` and `homeward restore`: the drill in docs/RELIABILITY.md. A backup is one
 * encrypted file (key derived from HOMEWARD_MASTER_KEY) plus a plaintext manifest of counts,
 * hashes and the transparency log's tree head; a restore goes into an empty instance only and is
 * verified against the manifest before it commits.
 */
export function registerBackupCommands(program: Command) {
  const backup = program.command('backup').description('Consistent, encrypted backups of the database and stored files');

  backup
    .command('create', { isDefault: true })
    .description('Write a backup file (and <file>.manifest.json)')
    .option('--out <file>', 'where to write it', `homeward-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.hwb`)
    .option('--no-files', 'leave photos and documents out (database only)')
    .action(async (o: { out: string; files: boolean }) => {
      const out = resolve(o.out);
      if (existsSync(out)) throw new AppError('ALREADY_EXISTS', 'The output file exists already; choose another name.');
      const started = Date.now();
      const m = await withRuntime((rt) =>
        createBackup({ db: rt.database.db, clock: rt.clock, masterKey: rt.config.secrets.masterKey, blobs: o.files ? mediaStorageFromConfig(rt.config).store : undefined }, out),
      );
      const rows = Object.values(m.tables).reduce((n, t) => n + t.rows, 0);
      console.log(`Backup written to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      console.log(`  ${Object.keys(m.tables).length} tables, ${rows} rows, ${m.blobs.count} stored files (${m.blobs.bytes} bytes)${m.blobs.missing ? `, ${m.blobs.missing} files MISSING from the store` : ''}`);
      console.log(`  transparency log: size ${m.log.size}, root ${m.log.root}`);
      console.log(`  manifest: ${out}.manifest.json (counts and hashes only; keep it with the backup)`);
      if (m.blobs.missing) process.exitCode = 3;
    });

  backup
    .command('verify <file>')
    .description('Decrypt and check a backup file end to end, without restoring it')
    .action(async (file: string) => {
      const { loadConfig } = await import('@homeward/server');
      const m = await verifyBackupFile(resolve(file), loadConfig().secrets.masterKey);
      console.log(`Backup of ${m.createdAt} is intact: ${Object.keys(m.tables).length} tables, ${m.blobs.count} files, log size ${m.log.size}, root ${m.log.root}`);
    });

  program
    .command('restore <file>')
    .description('Restore a backup into this (empty) instance, verified against its manifest')
    .action(async (file: string) => {
      const started = Date.now();
      const r = await withRuntime((rt) =>
        restoreBackup({ db: rt.database.db, masterKey: rt.config.secrets.masterKey, blobs: mediaStorageFromConfig(rt.config).store }, resolve(file)),
      );
      console.log(`Restored ${r.rows} rows in ${r.tables} tables and ${r.blobs} stored files in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      console.log(`Verified: every table's count and hash match the manifest; transparency log size ${r.log.size}, root ${r.log.root}.`);
    });
}

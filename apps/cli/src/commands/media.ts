import type { Command } from 'commander';
import { AppError, systemActor } from '@homeward/server';
import { mediaKeyUsage, rotateMediaKeys, sweepMedia } from '@homeward/server/modules/media/media.maintenance.service.ts';
import { mediaStorageFromConfig, prepareMediaStorage } from '@homeward/server/modules/media/media.storage.ts';
import { randomBytes } from 'node:crypto';
import { withRuntime } from './runtime.ts';

/**
 * `homeward media …`: operator tasks for photos and documents. Key rotation, step by step:
 *   1. `homeward media new-key --id k2027` and put the printed spec first in HOMEWARD_MEDIA_KEYS
 *      (keep the old keys after it);
 *   2. restart the server (new files are wrapped with the new key), then `homeward media rotate-keys`;
 *   3. when `homeward media keys` shows nothing under an old key, remove it from HOMEWARD_MEDIA_KEYS.
 */
export function registerMediaCommands(program: Command) {
  const media = program.command('media').description('Photos and documents: keys, rotation, clean-up');

  media
    .command('new-key')
    .description('Print a new media master key spec (id:base64) for HOMEWARD_MEDIA_KEYS')
    .option('--id <id>', 'key id (letters, digits, _ or -)', `k${new Date().getUTCFullYear()}-${randomBytes(3).toString('hex')}`)
    .action((o: { id: string }) => {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(o.id)) throw new AppError('VALIDATION_FAILED', '--id is 1–64 letters, digits, _ or -.');
      console.log(`${o.id}:${randomBytes(32).toString('base64')}`);
    });

  media
    .command('keys')
    .description('Show which master keys wrap how many stored files')
    .action(async () => {
      await withRuntime(async (rt) => {
        const storage = mediaStorageFromConfig(rt.config);
        const usage = await mediaKeyUsage({ db: rt.database.db });
        const configured = new Set(storage.keys.map((k) => k.id));
        console.log(`Current key (wraps new files): ${storage.keys[0]!.id}`);
        for (const u of usage) console.log(`  ${u.keyId}: ${u.blobs} blobs${configured.has(u.keyId) ? '' : '  (NOT CONFIGURED: these files cannot be opened)'}`);
        if (usage.length === 0) console.log('  no stored files');
      });
    });

  media
    .command('rotate-keys')
    .description('Re-wrap every file key under the current master key (the first of HOMEWARD_MEDIA_KEYS)')
    .option('--batch <n>', 'keys per transaction', '500')
    .action(async (o: { batch: string }) => {
      const batchSize = Number(o.batch);
      if (!Number.isInteger(batchSize) || batchSize < 1) throw new AppError('VALIDATION_FAILED', '--batch takes a whole number above 0.');
      const r = await withRuntime(async (rt) => {
        const storage = mediaStorageFromConfig(rt.config);
        return rotateMediaKeys({ db: rt.database.db, clock: rt.clock, storage }, systemActor(), { batchSize });
      });
      const before = r.before.map((b) => `${b.keyId}: ${b.blobs}`).join(', ') || 'none';
      console.log(`Re-wrapped ${r.rewrapped} file keys under ${r.keyId} (before: ${before}). Encrypted files were not touched.`);
    });

  media
    .command('sweep')
    .description('Remove blobs of uploads that never finished (crash) and of deleted files')
    .option('--pending-older-than <minutes>', 'leave uploads younger than this alone', '60')
    .action(async (o: { pendingOlderThan: string }) => {
      const minutes = Number(o.pendingOlderThan);
      if (!Number.isFinite(minutes) || minutes < 0) throw new AppError('VALIDATION_FAILED', '--pending-older-than takes a number of minutes.');
      const r = await withRuntime(async (rt) => {
        const storage = mediaStorageFromConfig(rt.config);
        await prepareMediaStorage(storage);
        return sweepMedia({ db: rt.database.db, clock: rt.clock, storage }, { pendingOlderThanMs: minutes * 60_000 });
      });
      console.log(`Removed ${r.removed} unfinished or deleted files.`);
    });
}

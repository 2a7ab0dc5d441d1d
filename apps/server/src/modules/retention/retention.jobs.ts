import type { BlobStore } from '@homeward/media';
import type { JobDefinition } from '../../jobs/job-types.ts';
import { mediaStorageFromEnvironment } from '../media/media.storage.ts';
import { runRetention } from './retention-run.service.ts';

/** The configured blob store, or null where none can be built (keys are destroyed all the same). */
export function configuredStore(): BlobStore | null {
  try {
    return mediaStorageFromEnvironment().store;
  } catch {
    return null;
  }
}

/** Retention runs daily at 03:15 UTC (registered in jobs/registry.ts). */
export const retentionJobs: JobDefinition[] = [
  {
    name: 'retention.minimise',
    schedule: '15 3 * * *',
    handler: async (ctx) => {
      await runRetention({ db: ctx.db, clock: ctx.clock, store: configuredStore() });
    },
  },
];

import type { JobDefinition } from '../../jobs/job-types.ts';
import { expireExports } from './exports.service.ts';

/**
 * Every 15 minutes the ciphertext of expired exports is deleted (registered in jobs/registry.ts).
 * Downloads are refused from the expiry instant whether or not this has run yet.
 */
export const exportJobs: JobDefinition[] = [
  {
    name: 'exports.expire',
    schedule: '*/15 * * * *',
    handler: async (ctx) => {
      await expireExports({ db: ctx.db, clock: ctx.clock });
    },
  },
];

import type { JobDefinition } from '../../jobs/job-types.ts';
import { flagOverdueWelfareChecks } from './reunification.welfare.service.ts';

/** This module's background jobs (registered in jobs/registry.ts). */
export const reunificationJobs: JobDefinition[] = [
  {
    // Hourly: a check becomes overdue at midnight UTC, and the family side hears of it the same morning.
    name: 'reunification.welfare-overdue',
    schedule: '20 * * * *',
    handler: async (ctx) => {
      await flagOverdueWelfareChecks(ctx);
    },
  },
];

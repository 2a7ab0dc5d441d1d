import type { JobDefinition } from '../../jobs/job-types.ts';
import { scanAgeOut } from './age-out.scan.ts';

/** This module's background jobs (registered in jobs/registry.ts). */
export const ageOutJobs: JobDefinition[] = [
  {
    // Hourly, so that a birthday or a deadline is acted on the same morning whatever the time zone.
    name: 'age-out.scan',
    schedule: '0 * * * *',
    handler: async (ctx) => {
      await scanAgeOut(ctx, ctx.settings.ageOutDeadlineDays);
    },
  },
];

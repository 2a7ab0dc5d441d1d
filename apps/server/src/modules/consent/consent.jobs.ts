import type { JobDefinition } from '../../jobs/job-types.ts';
import { sweepBlockedProposals } from './consent-sweep.service.ts';

/** This module's background jobs (registered in jobs/registry.ts). */
export const consentJobs: JobDefinition[] = [
  {
    // Hourly, like the age-out scan: an 18th birthday takes the person's proposals out the same morning.
    name: 'consent.sweep',
    schedule: '20 * * * *',
    handler: async (ctx) => {
      await sweepBlockedProposals(ctx);
    },
  },
];

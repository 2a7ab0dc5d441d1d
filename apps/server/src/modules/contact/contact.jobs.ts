import type { JobDefinition } from '../../jobs/job-types.ts';
import { flagOverdueContacts } from './contact-overdue.service.ts';

/** This module's background jobs (registered in jobs/registry.ts). */
export const contactJobs: JobDefinition[] = [
  {
    // Every quarter of an hour: a call is overdue a day after it was due, so this is prompt enough.
    name: 'contact.overdue',
    schedule: '*/15 * * * *',
    handler: async (ctx) => {
      await flagOverdueContacts({ db: ctx.db, clock: ctx.clock });
    },
  },
];

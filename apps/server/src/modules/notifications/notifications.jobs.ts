import type { JobDefinition } from '../../jobs/job-types.ts';
import { deliverNotifications } from './delivery.service.ts';

/** This module's background jobs (registered in jobs/registry.ts). */
export const notificationJobs: JobDefinition[] = [
  {
    // Every minute, and on demand (e.g. right after an event): sends due webhooks and e-mails.
    name: 'notifications.deliver',
    schedule: '* * * * *',
    handler: async (ctx) => {
      await deliverNotifications(ctx);
    },
    // The job retries deliveries itself (with backoff, per delivery); a failed run is just the next minute's.
    retryLimit: 0,
  },
];

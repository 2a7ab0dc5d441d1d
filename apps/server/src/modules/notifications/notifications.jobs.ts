import type { JobDefinition } from '../../jobs/job-types.ts';

/** This module's background jobs (registered in jobs/registry.ts). */
export const notificationJobs: JobDefinition[] = [];

import type { JobDefinition } from '../../jobs/job-types.ts';
import { defaultMisuseSettings, scanForMisuse } from './misuse.service.ts';

/** Misuse detection runs every 5 minutes over the audit log (registered in jobs/registry.ts). */
export const securityJobs: JobDefinition[] = [
  {
    name: 'security.misuse-scan',
    schedule: '*/5 * * * *',
    handler: async (ctx) => {
      await scanForMisuse(ctx, ctx.settings.misuse ?? defaultMisuseSettings);
    },
  },
];

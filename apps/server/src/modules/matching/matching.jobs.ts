import type { JobDefinition } from '../../jobs/job-types.ts';
import { matchCatchUp, matchChangedSince } from './matching.runs.ts';

/** Matching's background jobs (registered in jobs/registry.ts). */
export const matchingJobs: JobDefinition[] = [
  {
    // Imports and edits are matched within minutes, whichever process made them.
    name: 'matching.catch-up',
    schedule: '*/5 * * * *',
    // Its first run (or one after a large import) covers every open record: more than 15 minutes at
    // 50,000 children on embedded PGlite. Expired, it was failed mid-run and retried from the start
    // (the watermark is written at the end); a dead server's run is noticed by its heartbeat anyway.
    expireInSeconds: 4 * 3600,
    handler: async (ctx) => {
      await matchCatchUp(ctx);
    },
  },
  {
    // The full re-match: every open request and dossier against everything (weekly, or on demand
    // with `homeward jobs run matching.rematch` after a model or threshold change).
    name: 'matching.rematch',
    schedule: '30 2 * * 0',
    retryLimit: 1,
    expireInSeconds: 4 * 3600,
    handler: async (ctx) => {
      await matchChangedSince(ctx, null);
    },
  },
];

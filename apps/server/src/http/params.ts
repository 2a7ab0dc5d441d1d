import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id is an id that does not exist: the error handler answers 404 for params failures. */
export const idParams = z.object({
  id: z.string().transform((id, ctx) => {
    if (!uuidPattern.test(id)) {
      ctx.addIssue({ code: 'custom', message: 'not found' });
      return z.NEVER;
    }
    return id.toLowerCase();
  }),
});

/** Searches are the expensive reads: limited per account (per address for tokens without a user). */
export const searchRateLimit = (deps: { searchRateLimit?: number }) => ({
  max: deps.searchRateLimit ?? 300,
  timeWindow: '1 minute',
  keyGenerator: (request: FastifyRequest) => request.session?.actor.userId ?? request.ip,
});

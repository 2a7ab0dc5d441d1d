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

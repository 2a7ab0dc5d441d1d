import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../http/app.ts';

// Placeholder: this module's routes, filled in before it lands.
export const exportRoutes =
  (_deps: AppDeps): FastifyPluginAsyncZod =>
  async () => {};

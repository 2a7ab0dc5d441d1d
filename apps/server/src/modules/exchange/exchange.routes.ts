import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../http/app.ts';

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- placeholder until the module's routes exist
export const exchangeRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async () => {};

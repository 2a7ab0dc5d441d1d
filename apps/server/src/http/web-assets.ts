import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The built web application (apps/web/dist), if present. */
export const webDistDir = resolve(import.meta.dirname, '../../../web/dist');

/**
 * Serves the web application at `/`; the not-found handler (error-handler.ts) gives page URLs
 * index.html. API paths never fall through to it.
 */
export async function installWebAssets(app: FastifyInstance, dir = webDistDir) {
  if (!existsSync(resolve(dir, 'index.html'))) return false;
  await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: ['index.html'], cacheControl: false });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
    else if (!request.url.startsWith('/api/')) reply.header('cache-control', 'no-cache');
  });
  return true;
}

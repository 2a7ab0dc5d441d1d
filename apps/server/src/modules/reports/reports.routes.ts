import { publicStatistics, reportSummary, reportSummaryQuery } from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/app.ts';
import { actorOf } from '../../http/auth-hook.ts';
import { getPublicStatistics, PUBLIC_CACHE_SECONDS } from './public-statistics.service.ts';
import { renderTransparencyPage } from './report-html.ts';
import { pickLang } from './report-i18n.ts';
import { buildReport, defaultPeriod } from './reports.service.ts';

const tags = ['reports'];
const publicCache = `public, max-age=${PUBLIC_CACHE_SECONDS}`;

/** Aggregate reports (docs/REPORTS.md): the party summary, the public statistics and /transparency. */
export const reportRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/reports/summary',
      {
        config: { permission: 'report.read' },
        schema: {
          tags,
          description: "Aggregate statistics over what the caller's party may read, cells under 5 suppressed.",
          querystring: reportSummaryQuery,
          response: { 200: reportSummary },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const now = deps.clock.now();
        const fallback = defaultPeriod(now);
        const period = { from: request.query.from ?? fallback.from, to: request.query.to ?? fallback.to };
        return buildReport(deps.db, { period, partyId: actor.partyId, now });
      },
    );

    // Route-level onSend hooks run after the application's, which mark /api answers no-store.
    const cacheable = async (_request: unknown, reply: { header(k: string, v: string): unknown }) => {
      reply.header('cache-control', publicCache);
    };

    app.get(
      '/api/public/statistics',
      {
        config: { public: true },
        onSend: cacheable,
        schema: {
          tags,
          security: [],
          description: 'Public statistics (cells under 10 suppressed) and the current signed tree head. No login.',
          response: { 200: publicStatistics },
        },
      },
      async () => getPublicStatistics(deps),
    );

    app.get(
      '/transparency',
      {
        config: { public: true },
        onSend: cacheable,
        schema: { hide: true, querystring: z.object({ lang: z.string().optional() }) },
      },
      async (request, reply) => {
        const lang = pickLang(request.query.lang, request.headers['accept-language']);
        const html = renderTransparencyPage(await getPublicStatistics(deps), lang);
        return reply.type('text/html; charset=utf-8').header('content-language', lang).header('vary', 'accept-language').send(html);
      },
    );
  };

import type { Command } from 'commander';
import { loadConfig, openRuntime, serve } from '@homeward/server';
import { isDatabaseEmpty, seedDemo } from '@homeward/server/modules/demo/demo.service.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function registerServeCommands(program: Command) {
  program
    .command('start')
    .description('Migrate, seed fictional demo data into an empty embedded database, and serve')
    .action(async () => {
      const t0 = Date.now();
      const config = loadConfig();
      const rt = await openRuntime(config);
      const loginFile = join(config.dataDir, 'demo-login.txt');
      if (!config.databaseUrl && (await isDatabaseEmpty(rt.database.db))) {
        console.log('Empty database: seeding fictional demo data (clearly labelled; no real child)…');
        const seeded = await seedDemo(rt.database.db, rt.clock, 300, { createAdmin: true });
        writeFileSync(loginFile, `${seeded.admin!.email}\n${seeded.admin!.password}\n`, { mode: 0o600 });
        console.log(`Seeded ${seeded.dossiers} dossiers and ${seeded.requests} tracing requests.`);
      }
      await serve(rt, (url) => {
        const shown = url.replace('[::1]', 'localhost');
        console.log(`Homeward is serving at ${shown}  (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
        console.log(`  API: ${shown}/api/v1   OpenAPI: ${shown}/api/openapi.json   Health: ${shown}/api/health`);
        if (!config.databaseUrl && existsSync(loginFile)) {
          const [email, password] = readFileSync(loginFile, 'utf8').split('\n');
          console.log(`  Demo login: ${email} / ${password}   (stored in ${loginFile})`);
        }
        console.log('  Stop with Ctrl-C.');
      });
    });

  program
    .command('serve')
    .description('Serve the API on the configured database (no demo data)')
    .action(async () => {
      const rt = await openRuntime(loadConfig());
      await serve(rt, (url) => console.log(`Homeward is serving at ${url}`));
    });

  program
    .command('migrate')
    .description('Bring the database schema up to date')
    .action(async () => {
      const rt = await openRuntime(loadConfig());
      await rt.close();
      console.log('Database schema is up to date.');
    });
}

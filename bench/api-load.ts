/**
 * Issue 10: API throughput and latency under concurrent load, against the real `homeward serve`
 * process on loopback, for search, dossier read, request create and match review, with the
 * server's memory sampled throughout.
 *
 *   npx tsx bench/api-load.ts [--count 50000] [--database-url postgres://…] [--seconds 30]
 *                             [--connections 16] [--accounts 50] [--driver auto|autocannon|builtin]
 *
 * Without --database-url it runs on embedded PGlite in a fresh temporary data folder; with it, on a
 * fresh database on that server. Background jobs are off during the measurement (HOMEWARD_JOBS=off)
 * so that a scheduled full catch-up does not land inside one workload's window; bench/soak.ts runs
 * with them on. Uses autocannon when it is installed, else an equivalent built-in closed-loop driver.
 */
import { parseArgs } from 'node:util';
import { describeMemory, describeResult, drive, generator, prepareInstance, progress, sampleRss, withServer, workloads, type Workload } from './load-support.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '50000' },
    'database-url': { type: 'string' },
    seconds: { type: 'string', default: '30' },
    connections: { type: 'string', default: '16' },
    accounts: { type: 'string', default: '50' },
    driver: { type: 'string', default: 'auto' },
    only: { type: 'string' },
  },
});
const count = Number(values.count);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const driver = values.driver as 'auto' | 'autocannon' | 'builtin';
const chosen = (values.only ? values.only.split(',') : workloads) as Workload[];

const inst = await prepareInstance({ count, databaseUrl: values['database-url'], accounts: Number(values.accounts), proposeFor: 200, jobs: false });
const tag = `[${inst.backend}, ${count} dossiers, ${connections} connections]`;
console.log(`${tag} seeded in ${inst.seedSeconds.toFixed(1)} s; ${inst.proposalIds.length} open proposals in the review queue`);
const failed = await withServer(inst, async (server) => {
  progress(`server at ${server.url}; ${chosen.join(', ')} for ${seconds} s each`);
  const memory = sampleRss(server.proc.pid!, 1000);
  let errors = false;
  for (const kind of chosen) {
    // A short warm-up of each workload (caches, JIT, the matching index), not measured.
    await drive(server.url, generator(kind, inst), connections, Math.min(3, seconds), driver);
    const r = await drive(server.url, generator(kind, inst), connections, seconds, driver);
    console.log(`${tag} ${describeResult(`${kind} (${r.driver})`, r)}`);
    if (r.errors) errors = true;
  }
  const samples = memory.stop();
  const mb = samples.map(([, v]) => v);
  console.log(`${tag} server RSS: start ${mb[0]!.toFixed(0)} MB, max ${Math.max(...mb).toFixed(0)} MB, end ${mb.at(-1)!.toFixed(0)} MB`);
  console.log(`${tag} RSS over time (s:MB): ${samples.filter((_, i) => i % Math.max(1, Math.floor(samples.length / 20)) === 0).map(([t, v]) => `${t.toFixed(0)}:${v.toFixed(0)}`).join(' ')}`);
  console.log(`${tag} server stopped with exit code ${await server.stop()}`);
  console.log(`${tag} server memory (start; middle; end): ${describeMemory(server.memory())}`);
  return errors;
});
process.exit(failed ? 1 : 0);

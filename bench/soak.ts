/**
 * Issue 10: a bounded soak. A mixed load (search, dossier read, request create, match review, in
 * equal turns) against the real `homeward serve` process with its background jobs on, for a fixed
 * time, sampling the server's resident memory every 10 s. Fails (exit 1) on any error answer or if
 * memory keeps growing: the median of the last three samples may exceed the median of the three
 * samples after the warm-up (the first fifth of the run) by at most --max-growth-mb.
 *
 *   npx tsx bench/soak.ts [--seconds 600] [--count 50000] [--database-url postgres://…]
 *                         [--connections 8] [--max-growth-mb 64] [--driver auto|autocannon|builtin]
 *
 * Not part of CI (it runs for ten minutes by design).
 */
import { parseArgs } from 'node:util';
import { describeMemory, describeResult, drive, generator, jobRuns, prepareInstance, progress, sampleRss, withServer, workloads } from './load-support.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '600' },
    count: { type: 'string', default: '50000' },
    'database-url': { type: 'string' },
    connections: { type: 'string', default: '8' },
    accounts: { type: 'string', default: '50' },
    'max-growth-mb': { type: 'string', default: '64' },
    'sample-seconds': { type: 'string', default: '10' },
    driver: { type: 'string', default: 'auto' },
  },
});
const seconds = Number(values.seconds);
const maxGrowth = Number(values['max-growth-mb']);
const connections = Number(values.connections);

const inst = await prepareInstance({ count: Number(values.count), databaseUrl: values['database-url'], accounts: Number(values.accounts), proposeFor: 200, jobs: true });
const tag = `[soak, ${inst.backend}, ${values.count} dossiers, ${connections} connections, ${seconds} s]`;
const problems = await withServer(inst, async (server) => {
  progress(`server at ${server.url}; mixed load for ${seconds} s`);
  const gens = workloads.map((k) => generator(k, inst));
  let turn = 0;
  const mixed = () => gens[turn++ % gens.length]!();

  const memory = sampleRss(server.proc.pid!, Number(values['sample-seconds']) * 1000);
  // The probe's clock starts with the server: its samples from here on are the load's.
  const startedAt = (performance.now() - server.startedAt) / 1000;
  const r = await drive(server.url, mixed, connections, seconds, values.driver as 'auto' | 'autocannon' | 'builtin');
  const samples = memory.stop();
  console.log(`${tag} ${describeResult(`mixed (${r.driver})`, r)}`);
  console.log(`${tag} RSS samples (s:MB): ${samples.map(([t, v]) => `${t.toFixed(0)}:${v.toFixed(0)}`).join(' ')}`);

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const afterWarmUp = samples.filter(([t]) => t >= seconds / 5).map(([, v]) => v);
  const baseline = median(afterWarmUp.slice(0, 3));
  const final = median(afterWarmUp.slice(-3));
  const growth = final - baseline;
  console.log(`${tag} RSS after warm-up ${baseline.toFixed(0)} MB, at the end ${final.toFixed(0)} MB: growth ${growth.toFixed(1)} MB (limit ${maxGrowth} MB)`);
  const exit = await server.stop();
  console.log(`${tag} server stopped with exit code ${exit}`);
  const heap = server.memory().flatMap((m) => (m.t >= startedAt ? [{ ...m, t: m.t - startedAt }] : []));
  console.log(`${tag} server memory during the load (start; middle; end): ${describeMemory(heap)}`);
  console.log(`${tag} heap used over time (s:MB): ${heap.map((m) => `${m.t.toFixed(0)}:${m.heapUsed.toFixed(0)}`).join(' ')}`);
  console.log(`${tag} background job runs: ${await jobRuns(inst)}`);
  return [
    ...(r.errors ? [`${r.errors} error answers`] : []),
    ...(growth > maxGrowth ? [`memory grew ${growth.toFixed(0)} MB`] : []),
    ...(exit !== 0 ? [`server exit code ${exit}`] : []),
  ];
}, Number(values['sample-seconds']) * 1000);
console.log(problems.length ? `${tag} FAILED: ${problems.join('; ')}` : `${tag} passed: no errors, memory flat`);
process.exit(problems.length ? 1 : 0);

/**
 * Time from an attestation to a checkpoint cosigned by the witnesses' quorum (issue 12: "within
 * 60 s under normal load"). Starts the real `homeward serve` on an embedded data folder and three
 * `homeward witness serve` processes (three parties) polling every `--interval`, then makes
 * `--attestations` attestations one after another (each on a fresh dossier, `--gap` seconds apart)
 * while `--load` background clients keep creating dossiers, and measures, for each attestation,
 * the time until `GET /api/v1/log/checkpoint` reports a trusted checkpoint covering its entry.
 *
 *   npx tsx bench/witness-latency.ts [--interval 5s] [--attestations 12] [--gap 2] [--load 2]
 */
import { type ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor } from '@homeward/server';
import { deriveSecret } from '@homeward/server/runtime.ts';
import { createToken } from '@homeward/server/modules/auth/tokens.service.ts';
import { createParty } from '@homeward/server/modules/parties/parties.service.ts';
import { ensureLogKey, logVerifierKey } from '@homeward/server/modules/transparency/log.service.ts';
import { registerWitnessKey } from '@homeward/server/modules/transparency/witness.service.ts';
import { createUser } from '@homeward/server/modules/users/users.service.ts';
import { initWitness } from '../apps/cli/src/commands/witness.ts';
import {
  bin,
  call,
  childEnv,
  exited,
  login,
  PASSWORD,
  prepareInstance,
  randomMasterKey,
  sleep,
  startServer,
  type Session,
} from '../apps/cli/test/process-support.ts';
import { percentiles } from './stats.ts';

const { values: args } = parseArgs({
  options: {
    interval: { type: 'string', default: '5s' },
    attestations: { type: 'string', default: '12' },
    gap: { type: 'string', default: '2' },
    load: { type: 'string', default: '2' },
  },
});
const PASS = 'bench witness passphrase';
const children: ChildProcess[] = [];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'hw-wlat-'));
  // One verifier signs at once (two-person rule off): this measures the log and the witnesses, and
  // with the rule on the signature is the same act, only made when the second verifier approves.
  const env = childEnv({ HOMEWARD_DATA_DIR: dir, HOMEWARD_MASTER_KEY: randomMasterKey(), HOMEWARD_TWO_PERSON: 'off' });
  const states = [0, 1, 2].map((i) => mkdtempSync(join(tmpdir(), `hw-wlat-w${i}-`)));
  const tokens: string[] = [];
  const sfx = randomBytes(2).toString('hex').toUpperCase();
  await prepareInstance(env, 'op@bench.invalid', async (rt) => {
    const db = rt.database.db;
    const deps = { db, clock: rt.clock, secret: deriveSecret(rt.config.secrets.masterKey, 'server') };
    const logKey = logVerifierKey(await ensureLogKey(deps));
    const kinds = ['home-country-authority', 'mediator', 'humanitarian-organisation'] as const;
    for (const [i, kind] of kinds.entries()) {
      const code = `B${i}-${sfx}`;
      const p = await createParty(db, systemActor(), { code, name: `Bench party ${i}`, kind });
      await db.updateTable('party').set({ require_two_factor: false }).where('id', '=', p.id).execute();
      const admin = await createUser(db, systemActor(), { email: `admin${i}@bench.invalid`, partyCode: code, roles: ['administrator'], password: PASSWORD });
      if (i === 0) await createUser(db, systemActor(), { email: 'verifier@bench.invalid', partyCode: code, roles: ['verifier'], password: PASSWORD });
      await registerWitnessKey(deps, systemActor(), p.id, initWitness(states[i]!, `witness-${i}.bench.invalid`, logKey, PASS));
      tokens.push((await createToken(db, rt.clock, systemActor(p.id), { userId: admin.id, name: 'witness', permissions: ['log.read', 'key.admin'], expiresInDays: 1 })).token);
    }
  });
  const server = await startServer(env, children);
  const witnesses = states.map((s, i) => {
    const proc = spawn(bin, ['witness', 'serve', '--state', s, '--url', server.url, '--interval', args.interval!], {
      env: childEnv({ HOMEWARD_WITNESS_PASSPHRASE: PASS, HOMEWARD_WITNESS_TOKEN: tokens[i]! }),
      stdio: 'ignore',
    });
    children.push(proc);
    return proc;
  });
  const op = await login(server.url, 'op@bench.invalid');
  const verifier = await login(server.url, 'verifier@bench.invalid');
  const admin = await login(server.url, 'admin0@bench.invalid');
  const dossier = async (s: Session) =>
    (await call(server.url, s, 'POST', '/api/v1/dossiers', { names: [{ givenName: 'Бенч', familyName: 'Тест' }], sex: 'male', birthDate: '2015-05-05' })).body.id as string;

  // Background load: closed-loop clients creating dossiers.
  let stop = false;
  let background = 0;
  const load = Array.from({ length: Number(args.load) }, async () => {
    while (!stop) {
      await dossier(op);
      background++;
    }
  });

  const delays: number[] = [];
  const loads: number[] = [];
  for (let n = 0; n < Number(args.attestations); n++) {
    const id = await dossier(op);
    const res = await call(server.url, verifier, 'POST', '/api/v1/attestations', { subjectType: 'dossier', subjectId: id, claim: 'identity-verified' });
    if (res.status !== 201) throw new Error(`attest: ${res.status} ${JSON.stringify(res.body)}`);
    const at = Date.now();
    const index = res.body.logIndex as number;
    for (;;) {
      const cp = (await call(server.url, admin, 'GET', '/api/v1/log/checkpoint')).body as { trusted: { size: number } | null };
      if (cp.trusted && cp.trusted.size > index) break;
      if (Date.now() - at > 180_000) throw new Error('no trusted checkpoint within 180 s');
      await sleep(100);
    }
    delays.push((Date.now() - at) / 1000);
    loads.push(loadavg()[0]!);
    console.log(`attestation ${n + 1}: under a quorum-cosigned checkpoint after ${delays.at(-1)!.toFixed(2)} s`);
    await sleep(Number(args.gap) * 1000 * Math.random());
  }
  stop = true;
  await Promise.all(load);
  const p = percentiles(delays);
  console.log(
    JSON.stringify(
      {
        interval: args.interval,
        attestations: delays.length,
        backgroundClients: Number(args.load),
        backgroundDossiers: background,
        seconds: { min: Math.min(...delays), p50: p.p50, p95: p.p95, max: Math.max(...delays) },
        machine: { cpus: cpus().length, loadAverage1m: { min: Math.min(...loads), max: Math.max(...loads) }, node: process.version },
      },
      null,
      2,
    ),
  );
  for (const c of [...witnesses, server.proc]) c.kill('SIGTERM');
  await Promise.all([...witnesses, server.proc].map(exited));
}

main().catch((err) => {
  console.error(err);
  for (const c of children) c.kill('SIGKILL');
  process.exit(1);
});

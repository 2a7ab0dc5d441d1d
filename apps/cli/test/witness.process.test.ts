import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, openRuntime, systemActor } from '@homeward/server';
import { deriveSecret } from '@homeward/server/runtime.ts';
import { createToken } from '@homeward/server/modules/auth/tokens.service.ts';
import { createParty } from '@homeward/server/modules/parties/parties.service.ts';
import {
  ensureLogKey,
  logStatusTransition,
  logVerifierKey,
  publishCheckpoint,
} from '@homeward/server/modules/transparency/log.service.ts';
import { registerWitnessKey } from '@homeward/server/modules/transparency/witness.service.ts';
import { createUser } from '@homeward/server/modules/users/users.service.ts';
import { initWitness } from '../src/commands/witness.ts';
import {
  bin,
  call,
  childEnv,
  exited,
  login,
  PASSWORD,
  prepareInstance,
  randomMasterKey,
  startServer,
  waitFor,
  type Server,
} from './process-support.ts';

// Issue 12, done when: three parties' witnesses, started as separate processes (`homeward
// witness serve`), cosign a growing log until the server trusts it; a forked checkpoint (a copy
// of the data with a different entry at the same size, served by a second server and signed
// with the same operator key) is refused by a witness, which keeps its state.
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

const PASS = 'witness passphrase for the process test';

function witnessServe(state: string, url: string, token: string, extra: string[] = []) {
  const proc = spawn(bin, ['witness', 'serve', '--state', state, '--url', url, '--interval', '1s', ...extra], {
    env: childEnv({ HOMEWARD_WITNESS_PASSPHRASE: PASS, HOMEWARD_WITNESS_TOKEN: token }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { proc, output: () => out };
}

describe('witnesses as separate processes', () => {
  it('three witnesses cosign a growing log to quorum; a fork is refused and the state kept', async () => {
    const t0 = Date.now();
    const mark = (what: string) => console.log(`${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const masterKey = randomMasterKey();
    const dirA = mkdtempSync(join(tmpdir(), 'hw-wit-a-'));
    const dirB = mkdtempSync(join(tmpdir(), 'hw-wit-b-'));
    const envA = childEnv({ HOMEWARD_DATA_DIR: dirA, HOMEWARD_MASTER_KEY: masterKey });
    const envB = childEnv({ HOMEWARD_DATA_DIR: dirB, HOMEWARD_MASTER_KEY: masterKey });
    const states = [0, 1, 2].map((i) => mkdtempSync(join(tmpdir(), `hw-wit-state-${i}-`)));
    const tokens: string[] = [];
    const sfx = randomBytes(2).toString('hex').toUpperCase();

    // Parties, officials, the log key, three witnesses registered in the log, and their API tokens.
    await prepareInstance(envA, 'op@test.invalid', async (rt) => {
      const db = rt.database.db;
      const deps = { db, clock: rt.clock, secret: deriveSecret(rt.config.secrets.masterKey, 'server') };
      const kinds = ['home-country-authority', 'mediator', 'humanitarian-organisation'] as const;
      const logKey = logVerifierKey(await ensureLogKey(deps));
      for (const [i, kind] of kinds.entries()) {
        const code = `W${i}-${sfx}`;
        const p = await createParty(db, systemActor(), { code, name: `Witness party ${i}`, kind });
        await db.updateTable('party').set({ require_two_factor: false }).where('id', '=', p.id).execute();
        const admin = await createUser(db, systemActor(), {
          email: `admin${i}@test.invalid`,
          partyCode: code,
          roles: ['administrator'],
          password: PASSWORD,
        });
        // The second verifier the two-person rule asks for before the party key signs.
        await createUser(db, systemActor(), { email: `second${i}@test.invalid`, partyCode: code, roles: ['verifier'], password: PASSWORD });
        const vkey = initWitness(states[i]!, `witness-${i}.process.invalid`, logKey, PASS);
        await registerWitnessKey(deps, systemActor(), p.id, vkey);
        const t = await createToken(db, rt.clock, systemActor(p.id), {
          userId: admin.id,
          name: `witness ${i}`,
          permissions: ['log.read', 'key.admin'],
          expiresInDays: 1,
        });
        tokens.push(t.token);
      }
    });
    // A copy of the data as it is now: the fork will grow from here with other entries.
    cpSync(dirA, dirB, { recursive: true });

    mark('prepared');
    const a: Server = await startServer(envA, children);
    mark('server A up');
    const witnesses = states.map((s, i) => witnessServe(s, a.url, tokens[i]!));
    const op = await login(a.url, 'op@test.invalid');
    // Administrators may also attest: parties 0 and 1 (the home country and the mediator) verify.
    const v = await Promise.all([0, 1].map((i) => login(a.url, `admin${i}@test.invalid`)));
    const seconds = await Promise.all([0, 1].map((i) => login(a.url, `second${i}@test.invalid`)));
    const admin = v[0]!;

    async function attestNewDossier() {
      const d = await call(a.url, op, 'POST', '/api/v1/dossiers', {
        names: [{ givenName: 'Тест', familyName: 'Процес' }],
        sex: 'female',
        birthDate: '2014-02-03',
      });
      expect(d.status, JSON.stringify(d.body)).toBe(201);
      for (const [i, s] of v.entries()) {
        // Two-person rule: the administrator's statement is signed once a verifier of the party approves it.
        const r = await call(a.url, s, 'POST', '/api/v1/attestations', {
          subjectType: 'dossier',
          subjectId: d.body.id,
          claim: 'identity-verified',
        });
        expect(r.status, JSON.stringify(r.body)).toBe(202);
        const ok = await call(a.url, seconds[i]!, 'POST', `/api/v1/approvals/${(r.body.approval as { id: string }).id}/approve`, {});
        expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      }
      return d.body.id as string;
    }
    /** Waits until the newest trusted checkpoint covers the whole log. */
    async function untilTrusted() {
      return waitFor(
        'a checkpoint cosigned by the quorum',
        async () => {
          const cp = (await call(a.url, admin, 'GET', '/api/v1/log/checkpoint')).body as {
            size: number;
            witness: { status: string };
            trusted: { size: number; cosigners: unknown[] } | null;
          };
          return cp.trusted && cp.trusted.size === cp.size ? cp : undefined;
        },
        20_000,
        200,
      );
    }

    const first = await attestNewDossier();
    mark('attested');
    const cp1 = await untilTrusted();
    mark('first quorum');
    expect(cp1.trusted!.cosigners).toHaveLength(3);
    const status = await call(a.url, v[0]!, 'GET', `/api/v1/verification/dossiers/${first}`);
    const identity = (status.body.claims as Array<{ claim: string; display: string }>).find(
      (c) => c.claim === 'identity-verified',
    );
    expect(identity?.display).toBe('verified');

    // The log grows; the witnesses follow it with consistency proofs.
    await attestNewDossier();
    const cp2 = await untilTrusted();
    mark('second quorum');
    expect(cp2.size).toBeGreaterThan(cp1.size);

    // Witness 0 stops; its state is the size it last cosigned.
    witnesses[0]!.proc.kill('SIGTERM');
    expect(await exited(witnesses[0]!.proc)).toBe(0);
    const stateFile = join(states[0]!, 'state.json');
    const before = readFileSync(stateFile, 'utf8');
    const cosigned = JSON.parse(before) as { size: number; rootHash: string };

    // The fork: the copy grows by other entries to exactly that size, signed with the same log key.
    const rtB = await openRuntime(loadConfig(envB));
    try {
      const deps = { db: rtB.database.db, clock: rtB.clock, secret: deriveSecret(Buffer.from(masterKey, 'base64'), 'server') };
      const size = (await publishCheckpoint(deps)).size;
      expect(size).toBeLessThan(cosigned.size);
      for (let i = size; i < cosigned.size; i++) {
        await rtB.database.db.transaction().execute((trx) =>
          logStatusTransition(
            trx,
            { subjectType: 'dossier', subjectId: randomUUID(), from: 'open', to: 'closed', partyId: 'fork' },
            rtB.clock.now(),
          ),
        );
      }
      const forked = await publishCheckpoint(deps);
      expect(forked.size).toBe(cosigned.size);
      expect(forked.rootHash).not.toBe(cosigned.rootHash);
    } finally {
      await rtB.close();
    }
    mark('fork prepared');
    const b = await startServer(envB, children);
    mark('server B up');
    const once = witnessServe(states[0]!, b.url, tokens[0]!, ['--once']);
    expect(await exited(once.proc)).toBe(5);
    expect(once.output()).toMatch(/REFUSED WITNESS_FORK/);
    expect(readFileSync(stateFile, 'utf8')).toBe(before);
    b.proc.kill('SIGTERM');

    // Back on the real log, witness 0 carries on from its state, and the quorum is reached again.
    witnesses[0] = witnessServe(states[0]!, a.url, tokens[0]!);
    await attestNewDossier();
    const cp3 = await untilTrusted();
    mark('third quorum');
    expect(cp3.size).toBeGreaterThan(cp2.size);
    expect(cp3.trusted!.cosigners).toHaveLength(3);
    for (const w of witnesses) expect(w.output()).not.toMatch(/REFUSED/);
    for (const w of witnesses) w.proc.kill('SIGTERM');
    a.proc.kill('SIGTERM');
    await Promise.all([a.proc, b.proc, ...witnesses.map((w) => w.proc)].map(exited));
  });
});

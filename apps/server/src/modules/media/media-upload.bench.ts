/**
 * Issue 7 benchmark: photo uploads and thumbnail views through the real HTTP API (in process,
 * `app.inject`, so no network), on embedded PGlite and the local encrypted blob store.
 *
 *   npx tsx apps/server/src/modules/media/media-upload.bench.ts [count]
 *
 * Each upload is a 4000×3000 JPEG (~2 MB, photo-like noise): sniffed, decoded, re-encoded at three sizes
 * without metadata, encrypted (three blobs, fsynced) and recorded with its audit entry.
 */
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { buildServer, loadConfig, openRuntime, systemActor } from '@homeward/server';
import { base32Decode, hotp, timeStep } from '@homeward/server/modules/auth/totp.ts';
import { createParty } from '@homeward/server/modules/parties/parties.service.ts';
import { createUser } from '@homeward/server/modules/users/users.service.ts';
import { minimalDossier } from './media.test-support.ts';

const count = Number(process.argv[2] ?? 16);
const dir = mkdtempSync(join(tmpdir(), 'hw-media-bench-'));
Object.assign(process.env, { HOMEWARD_DATA_DIR: dir, HOMEWARD_LOG_LEVEL: 'warn' });
const rt = await openRuntime(loadConfig());
const app = await buildServer(rt);
const party = await createParty(rt.database.db, systemActor(), { code: 'BENCH', name: 'Bench party', kind: 'holding-country-authority' });
await createUser(rt.database.db, systemActor(), { email: 'bench@bench.invalid', partyCode: 'BENCH', roles: ['caseworker'], password: 'bench password 1234' });
void party;
const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'bench@bench.invalid', password: 'bench password 1234' } });
const headers = { cookie: `hw_session=${login.cookies.find((c) => c.name === 'hw_session')!.value}`, 'x-csrf-token': login.json().csrfToken as string };
if (login.json().twoFactor === 'enrolment-required') {
  const { secret } = (await app.inject({ method: 'POST', url: '/api/v1/auth/2fa/enrol', headers })).json() as { secret: string };
  await app.inject({ method: 'POST', url: '/api/v1/auth/2fa/confirm', headers, payload: { code: hotp(base32Decode(secret), timeStep(new Date())) } });
}
const dossier = (await app.inject({ method: 'POST', url: '/api/v1/dossiers', headers, payload: minimalDossier() })).json().id as string;

async function photo(seed: number): Promise<Buffer> {
  const { data, info } = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 90 + seed * 20, g: 110, b: 140 }, noise: { type: 'gaussian', mean: 120, sigma: 30 } } })
    .blur(1.2)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return sharp(data, { raw: info }).jpeg({ quality: 88 }).toBuffer();
}
// Distinct photos, so that none is recognised as already attached.
const inputs: Buffer[] = [];
for (let i = 0; i < count * 2; i++) inputs.push(await photo(i % 7));
for (const [i, b] of inputs.entries()) b.writeUInt8(i, 20); // inside the JFIF header's density field: harmless, distinct

const ids: string[] = [];
async function run(label: string, from: number, concurrency: number) {
  let next = from;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < from + count) {
        const body = inputs[next++]!;
        const res = await app.inject({ method: 'POST', url: `/api/v1/dossiers/${dossier}/media`, headers: { ...headers, 'content-type': 'image/jpeg' }, payload: body });
        if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
        ids.push(res.json().id);
      }
    }),
  );
  const s = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(34)} ${count} photos in ${s.toFixed(2)} s = ${(count / s).toFixed(2)}/s`);
}

console.log(`node ${process.version}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, ${availableParallelism()} CPUs, PGlite`);
console.log(`inputs: 4000×3000 JPEG, ${(inputs.reduce((n, b) => n + b.length, 0) / inputs.length / 1e6).toFixed(1)} MB on average\n`);
await run('upload, one at a time', 0, 1);
await run(`upload, ${availableParallelism()} in flight`, count, availableParallelism());

const times: number[] = [];
for (const id of ids) {
  const t0 = performance.now();
  const res = await app.inject({ method: 'GET', url: `/api/v1/media/${id}/thumbnail`, headers });
  if (res.statusCode !== 200) throw new Error(`view: ${res.statusCode}`);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
console.log(`thumbnail view (audited, decrypted)   ${times.length} views: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`);
await app.close();
await rt.close();

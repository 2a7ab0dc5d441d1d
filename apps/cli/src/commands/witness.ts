import type { Command } from 'commander';
import { AppError } from '@homeward/server';
import {
  createCosigner,
  createNoteVerifier,
  decryptPrivateKey,
  encodeVerifierKey,
  encryptPrivateKey,
  entryLeafHash,
  fromBase64,
  generateEd25519KeyPair,
  isTranslogError,
  MerkleTree,
  openCheckpoint,
  parseVerifierKey,
  SIG_TYPE_COSIGNATURE_V1,
  witnessCheckpoint,
  type Checkpoint,
  type NoteSigner,
  type EncryptedPrivateKey,
  type LogExport,
  type WitnessState,
} from '@homeward/translog';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/** What `homeward witness init` keeps in the witness's folder (besides state.json). */
interface WitnessConfigFile {
  name: string;
  /** The log operator's checkpoint key, as the witness trusts it. */
  logKey: string;
  key: EncryptedPrivateKey;
}

const bad = (message: string) => new AppError('VALIDATION_FAILED', message);

/** Writes a file so that after a crash it holds either the old or the new content, never half. */
export function writeDurably(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dir = openSync(join(file, '..'), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** Creates a witness: a cosigning key (encrypted with the passphrase) and the log key it trusts. Returns its vkey. */
export function initWitness(stateDir: string, name: string, logKey: string, passphrase: string): string {
  if (existsSync(join(stateDir, 'witness.json'))) throw bad(`${stateDir} already holds a witness.`);
  parseVerifierKey(logKey);
  const { privateKey, publicKey } = generateEd25519KeyPair();
  const vkey = encodeVerifierKey(name, SIG_TYPE_COSIGNATURE_V1, publicKey);
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const config: WitnessConfigFile = { name, logKey, key: encryptPrivateKey(privateKey, passphrase) };
  writeDurably(join(stateDir, 'witness.json'), JSON.stringify(config, null, 2) + '\n');
  return vkey;
}

export type CosignResult =
  { ok: true; note: string; size: number } | { ok: false; code: string; message: string };

/**
 * Checks the latest checkpoint of an exported log and cosigns it: the export's entries must give
 * the checkpoint's root, and the new tree must extend the last one this witness cosigned. The
 * new state is saved durably before the cosigned note is returned. A fork, a rollback or an
 * export that does not match its checkpoint is refused with a code, and the state is kept.
 */
export function cosignExport(stateDir: string, exportDir: string, passphrase: string): CosignResult {
  const config = JSON.parse(readFileSync(join(stateDir, 'witness.json'), 'utf8')) as WitnessConfigFile;
  const statePath = join(stateDir, 'state.json');
  const state = existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as WitnessState) : null;
  const exp = JSON.parse(readFileSync(join(exportDir, 'log.json'), 'utf8')) as LogExport;
  const logVerifier = createNoteVerifier(config.logKey);
  const origin = logVerifier.name;
  let latest: { note: string; cp: Checkpoint } | undefined;
  for (const note of exp.checkpoints) {
    try {
      const cp = openCheckpoint(note, logVerifier, origin).checkpoint;
      if (!latest || cp.size > latest.cp.size) latest = { note, cp };
    } catch {
      // a checkpoint not signed by the trusted log key is ignored
    }
  }
  if (!latest)
    return {
      ok: false,
      code: 'NO_CHECKPOINT',
      message: 'the export holds no checkpoint signed by the trusted log key',
    };
  const tree = MerkleTree.fromLeafHashes(exp.entries.map((e) => entryLeafHash(e.entry)));
  if (
    latest.cp.size > tree.size ||
    Buffer.compare(Buffer.from(tree.root(latest.cp.size)), Buffer.from(latest.cp.rootHash)) !== 0
  ) {
    return {
      ok: false,
      code: 'EXPORT_MISMATCH',
      message: `the exported entries do not give the root signed at size ${latest.cp.size}`,
    };
  }
  const from = state?.size ?? 0;
  const proof = from <= latest.cp.size ? tree.consistencyProof(from, latest.cp.size) : [];
  const cosigner = createCosigner(config.name, decryptPrivateKey(config.key, passphrase), () =>
    Math.floor(Date.now() / 1000),
  );
  try {
    const r = witnessCheckpoint({ origin, logVerifier, cosigner }, state, { checkpoint: latest.note, proof });
    writeDurably(statePath, JSON.stringify(r.state) + '\n');
    return { ok: true, note: r.note, size: r.checkpoint.size };
  } catch (err) {
    if (isTranslogError(err)) return { ok: false, code: err.code, message: err.message };
    throw err;
  }
}

/** Reads a witness folder: its configuration and the last checkpoint it cosigned. */
function readWitness(stateDir: string) {
  const config = JSON.parse(readFileSync(join(stateDir, 'witness.json'), 'utf8')) as WitnessConfigFile;
  const statePath = join(stateDir, 'state.json');
  const state = existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as WitnessState) : null;
  return { config, statePath, state };
}

export type RoundResult =
  | { ok: true; size: number; status: string; cosigners: number }
  | { ok: false; code: string; message: string; refused: boolean };

/** A witness connected to one Homeward server over HTTP with an API token (`log.read` and `key.admin`). */
export interface OnlineWitness {
  stateDir: string;
  url: string;
  token: string;
  cosigner: NoteSigner;
  config: WitnessConfigFile;
}

/** Opens a witness folder for `serve`: decrypts the key once (scrypt is slow). */
export function openOnlineWitness(stateDir: string, url: string, token: string, pass: string): OnlineWitness {
  const { config } = readWitness(stateDir);
  const cosigner = createCosigner(config.name, decryptPrivateKey(config.key, pass), () =>
    Math.floor(Date.now() / 1000),
  );
  return { stateDir, url: url.replace(/\/+$/, ''), token, cosigner, config };
}

async function api(w: OnlineWitness, path: string, body?: unknown) {
  const res = await fetch(`${w.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${w.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * One round of the witness service (c2sp.org/tlog-witness, pulled instead of pushed): fetch the
 * operator's latest checkpoint and a consistency proof from the size this witness last cosigned,
 * verify them against its durable state, save the new state durably, and only then hand the
 * cosignature back (`POST /api/v1/log/cosignatures`). An unchanged checkpoint is cosigned again,
 * which keeps it fresh. A fork, a rollback or an inconsistent proof is refused: nothing is
 * cosigned and the state is kept.
 */
export async function witnessRound(w: OnlineWitness): Promise<RoundResult> {
  const { statePath, state } = readWitness(w.stateDir);
  const cp = await api(w, '/api/v1/log/checkpoint');
  const note = String(cp.note);
  const size = Number(cp.size);
  const from = state?.size ?? 0;
  let proof: Uint8Array[] = [];
  if (from > 0 && size > from) {
    const p = await api(w, `/api/v1/log/proof/consistency?from=${from}&to=${size}`);
    proof = (p.proof as string[]).map((b) => fromBase64(b));
  }
  const logVerifier = createNoteVerifier(w.config.logKey);
  let r;
  try {
    r = witnessCheckpoint({ origin: logVerifier.name, logVerifier, cosigner: w.cosigner }, state, {
      checkpoint: note,
      proof,
    });
  } catch (err) {
    if (isTranslogError(err)) return { ok: false, code: err.code, message: err.message, refused: true };
    throw err;
  }
  writeDurably(statePath, JSON.stringify(r.state) + '\n');
  const status = await api(w, '/api/v1/log/cosignatures', { note: r.note });
  return {
    ok: true,
    size: r.checkpoint.size,
    status: String(status.status),
    cosigners: (status.cosigners as unknown[]).length,
  };
}

/**
 * `homeward witness serve`: runs rounds every `intervalMs` until `signal` aborts. Prints one
 * line when something changes (a new size cosigned, a refusal, an error), not every round.
 * With `once`, runs a single round and returns its result.
 */
export async function serveWitness(
  w: OnlineWitness,
  opts: { intervalMs: number; once?: boolean; signal?: AbortSignal; log?: (line: string) => void },
): Promise<RoundResult | undefined> {
  const log = opts.log ?? ((line: string) => console.log(line));
  let last = '';
  let result: RoundResult | undefined;
  while (!opts.signal?.aborted) {
    try {
      result = await witnessRound(w);
    } catch (err) {
      result = { ok: false, code: 'UNREACHABLE', message: (err as Error).message, refused: false };
    }
    const line = result.ok
      ? `cosigned size ${result.size} (${result.status}, ${result.cosigners} cosigner(s))`
      : `${result.refused ? 'REFUSED' : 'ERROR'} ${result.code}: ${result.message}`;
    const key = result.ok ? `ok ${result.size} ${result.status}` : line;
    if (key !== last || opts.once) log(`${new Date().toISOString()} ${line}`);
    last = key;
    if (opts.once) return result;
    await new Promise<void>((done) => {
      const t = setTimeout(done, opts.intervalMs);
      opts.signal?.addEventListener('abort', () => (clearTimeout(t), done()), { once: true });
    });
  }
  return result;
}

const passphrase = () => {
  const p = process.env.HOMEWARD_WITNESS_PASSPHRASE;
  if (!p) throw bad('Set HOMEWARD_WITNESS_PASSPHRASE: it protects the witness key.');
  return p;
};

/** Exit code when the witness refuses a checkpoint (a fork, a rollback, a mismatched export). */
export const EXIT_WITNESS_REFUSED = 5;

export function registerWitnessCommands(program: Command) {
  const witness = program
    .command('witness')
    .description('Run a witness: check that the log only grows, and cosign its checkpoints');
  witness
    .command('init')
    .description('Create a witness key in a folder; prints the witness key to register with Homeward')
    .requiredOption('--state <dir>', 'the witness folder (keep it; it remembers what was cosigned)')
    .requiredOption('--name <name>', 'the witness name, e.g. witness.ua.example')
    .requiredOption(
      '--log-key <vkey>',
      'the log key you trust (from GET /api/v1/log/checkpoint, checked out of band)',
    )
    .action((o: { state: string; name: string; logKey: string }) => {
      console.log(initWitness(o.state, o.name, o.logKey, passphrase()));
    });
  witness
    .command('cosign')
    .description('Check the latest checkpoint of an exported log and cosign it (exit code 5 if refused)')
    .requiredOption('--state <dir>', 'the witness folder')
    .requiredOption('--export <dir>', 'a folder written by `homeward log export`')
    .option('--out <file>', 'where to write the cosigned checkpoint (default: print it)')
    .action((o: { state: string; export: string; out?: string }) => {
      const r = cosignExport(o.state, o.export, passphrase());
      if (!r.ok) {
        console.error(`REFUSED ${r.code}: ${r.message}`);
        process.exitCode = EXIT_WITNESS_REFUSED;
        return;
      }
      if (o.out) writeFileSync(o.out, r.note);
      else process.stdout.write(r.note);
      if (o.out) console.log(`Cosigned the checkpoint of size ${r.size}; state saved.`);
    });
  witness
    .command('serve')
    .description(
      'Run the witness as a service: every interval, fetch the checkpoint from a Homeward server, check it, cosign it and post the cosignature back',
    )
    .requiredOption('--state <dir>', 'the witness folder (from `witness init`)')
    .requiredOption('--url <url>', 'the Homeward server, e.g. https://homeward.example')
    .option('--token-file <file>', 'a file holding the API token (default: $HOMEWARD_WITNESS_TOKEN)')
    .option('--interval <duration>', 'time between rounds, e.g. 10s or 1m', '10s')
    .option('--once', 'run one round and exit (exit code 5 if refused, 1 if the server is unreachable)')
    .action(async (o: { state: string; url: string; tokenFile?: string; interval: string; once?: boolean }) => {
      const token = (o.tokenFile ? readFileSync(o.tokenFile, 'utf8') : process.env.HOMEWARD_WITNESS_TOKEN ?? '').trim();
      if (!token)
        throw bad('Give an API token (log.read and key.admin) with --token-file or HOMEWARD_WITNESS_TOKEN.');
      const { parseDuration } = await import('./log.ts');
      const intervalMs = parseDuration(o.interval) * 1000;
      const w = openOnlineWitness(o.state, o.url, token, passphrase());
      const stop = new AbortController();
      for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => stop.abort());
      if (!o.once) console.log(`witness ${w.config.name} serving ${w.url} every ${o.interval}`);
      const r = await serveWitness(w, { intervalMs, once: !!o.once, signal: stop.signal });
      if (o.once && r && !r.ok) process.exitCode = r.refused ? EXIT_WITNESS_REFUSED : 1;
    });
}

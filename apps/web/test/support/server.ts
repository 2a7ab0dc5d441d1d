import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../../..');

export type TestServer = { url: string; email: string; password: string; stop: () => Promise<void> };

/** Builds the web application if its sources changed since the last build. */
export function ensureWebBuilt() {
  const r = spawnSync(process.execPath, [join(root, 'apps/web/scripts/ensure-built.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`building the web application failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * `homeward start` on a fresh data folder and a free port; resolves once it serves. With
 * `dataDir` it serves that folder instead and leaves it in place when stopped (see users.ts).
 */
export async function startServer(timeoutMs = 180_000, opts: { dataDir?: string } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'homeward-web-'));
  // As `npm start` runs it: no NODE_ENV (vitest sets 'test'), fresh data folder, any free port.
  const env: NodeJS.ProcessEnv = { ...process.env, HOMEWARD_DATA_DIR: dataDir, PORT: '0' };
  delete env.NODE_ENV;
  const child: ChildProcess = spawn(join(root, 'node_modules/.bin/homeward'), ['start'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`server did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /serving at (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const printed = /Demo login: (\S+) \/ (\S+)/.exec(output);
  const [email, password] = printed
    ? [printed[1]!, printed[2]!]
    : readFileSync(join(dataDir, 'demo-login.txt'), 'utf8').trim().split('\n');
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, email: email!, password: password!, stop };
}

/**
 * The web application's address for a test server: the server itself (how `npm start` serves
 * it). With HOMEWARD_WEB_VIA_VITE=1 the built app is served by `vite preview` instead, proxying
 * /api to the server under the same CSP: a development aid for when the server cannot serve the
 * web application; CI does not set it.
 */
export async function webFront(server: TestServer): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.HOMEWARD_WEB_VIA_VITE !== '1') {
    const r = await fetch(`${server.url}/`);
    const type = r.headers.get('content-type') ?? '';
    if (!type.includes('text/html')) {
      throw new Error(
        `the server does not serve the web application at / (answered ${r.status} ${type}); see apps/server/src/http/web-assets.ts and auth-hook.ts`,
      );
    }
    return { url: server.url, stop: async () => {} };
  }
  const port = await new Promise<number>((ok) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const p = (probe.address() as { port: number }).port;
      probe.close(() => ok(p));
    });
  });
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const child = spawn(
    process.execPath,
    [vite, 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    {
      cwd: join(root, 'apps/web'),
      env: { ...process.env, HOMEWARD_API: server.url },
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: async () => void child.kill('SIGTERM') };
}

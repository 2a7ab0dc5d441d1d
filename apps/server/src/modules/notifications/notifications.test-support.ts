import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { defaultJobSettings, type JobContext, type JobSettings } from '../../jobs/job-types.ts';

/** The server secret test apps are built with (createTestApp): jobs must unseal with the same. */
export const TEST_SECRET = Buffer.alloc(32, 7);

export const jobContext = (db: Kysely<DB>, clock: Clock, settings: Partial<JobSettings> = {}): JobContext => ({
  db,
  clock,
  secret: TEST_SECRET,
  settings: { ...defaultJobSettings, ...settings },
});

export interface Receipt {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver on 127.0.0.1 (random port) that keeps every request and answers `status()`
 * with `headers` (a status of 0: it never answers).
 */
export async function startReceiver(status: () => number = () => 200, headers: Record<string, string> = {}) {
  const received: Receipt[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const code = status();
      if (code) res.writeHead(code, { 'content-type': 'text/plain', ...headers }).end('a body the sender must not keep');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (path = '/hook') => `${base}${path}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface CapturedMail {
  from: string;
  to: string[];
  raw: string;
}

/** An SMTP capture server on 127.0.0.1 (random port, no TLS, no auth): every message is kept. */
export async function startSmtpCapture() {
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        messages.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A party with active users of the roles given (inserted directly: medium tests need no sign-in). */
export async function seedParty(db: Kysely<DB>, roles: string[][] = [['caseworker']]) {
  const code = `N-${randomUUID().slice(0, 8).toUpperCase()}`;
  const party = await db.insertInto('party').values({ code, name: `Party ${code}`, kind: 'home-country-authority' }).returning(['id', 'code']).executeTakeFirstOrThrow();
  const users = [];
  for (const r of roles) {
    const email = `${randomUUID().slice(0, 8)}@notify.test.invalid`;
    users.push(
      await db
        .insertInto('app_user')
        .values({ party_id: party.id, email, display_name: 'Olena Testerenko', password_hash: 'x', roles: r })
        .returning(['id', 'email'])
        .executeTakeFirstOrThrow(),
    );
  }
  return { party, users };
}

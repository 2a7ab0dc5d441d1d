import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithPrivateExif } from '../../../../../packages/media/test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { countRows, createDossier, filesUnder, useTemporaryMediaFolder } from './media.test-support.ts';

let t: TestApp;
let holder: Client;
let blobDir: string;
let dossierId: string;
let port: number;

beforeAll(async () => {
  blobDir = useTemporaryMediaFolder();
  t = await createTestApp();
  holder = await t.login(['caseworker'], await t.party('holding-country-authority'));
  dossierId = await createDossier(holder);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as { port: number }).port;
});
afterAll(() => t.close());

/** Sends the headers and `body`, announcing `declared` bytes, then drops the connection. */
function sendAndDrop(body: Buffer, declared: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `POST /api/v1/dossiers/${dossierId}/media HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/jpeg\r\n` +
          `Content-Length: ${declared}\r\nCookie: ${holder.cookie}\r\nX-CSRF-Token: ${holder.csrf}\r\n\r\n`,
      );
      socket.write(body, () => setTimeout(() => socket.destroy(), 100));
    });
    let answer = '';
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('close', () => resolve(answer));
  });
}

describe('an upload interrupted midway', () => {
  it('stores nothing, even when the bytes received so far form a complete photo', async () => {
    const photo = await jpegWithPrivateExif(300, 200);
    const answer = await sendAndDrop(photo, photo.length + 50_000);
    expect(answer).toBe(''); // the connection died before any answer
    await new Promise((r) => setTimeout(r, 500)); // let the server notice and clean up
    expect(await countRows(t, 'media_file')).toBe(0);
    expect(filesUnder(blobDir)).toEqual([]);

    // The same photo sent whole is accepted on the same server: the refusal above was the interruption.
    const whole = await holder.request({ method: 'POST', url: `/api/v1/dossiers/${dossierId}/media`, payload: photo, headers: { 'content-type': 'image/jpeg' } });
    expect(whole.statusCode).toBe(201);
  });
});

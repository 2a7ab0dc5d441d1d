import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from './blob-store.ts';
import { readDecrypted, storeEncrypted } from './ingest.ts';
import { createMasterKey } from './keys.ts';
import { S3BlobStore } from './s3-blob-store.ts';
import { signS3Request } from './s3-signer.ts';

const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

describe('signS3Request', () => {
  it('matches the "GET Object" example of the S3 SigV4 documentation', () => {
    const headers = signS3Request({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      region: 'us-east-1',
      credentials,
      headers: { Range: 'bytes=0-9' },
      now: new Date('2013-05-24T00:00:00Z'),
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});

/** A tiny S3 stand-in that checks every signature by recomputing it, and keeps objects in memory. */
function fakeS3(): { server: Server; objects: Map<string, Buffer> } {
  const objects = new Map<string, Buffer>();
  const verify = (req: IncomingMessage, body: Buffer): boolean => {
    const url = new URL(req.url!, `http://${req.headers.host}`);
    const date = String(req.headers['x-amz-date']);
    const iso = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`;
    const payloadHash = String(req.headers['x-amz-content-sha256']);
    if (createHash('sha256').update(body).digest('hex') !== payloadHash) return false;
    const expected = signS3Request({
      method: req.method!,
      url,
      region: 'eu-1',
      credentials,
      payloadHash,
      now: new Date(iso),
    });
    return req.headers.authorization === expected.authorization;
  };
  const server = createServer(async (req, res) => {
    const body = await readAll(req);
    if (!verify(req, body))
      return res.writeHead(403).end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
    const key = new URL(req.url!, 'http://x').pathname;
    const found = objects.get(key);
    if (req.method === 'PUT') objects.set(key, body);
    else if (req.method === 'DELETE') objects.delete(key);
    else if (!found) return res.writeHead(404).end();
    res.writeHead(req.method === 'DELETE' ? 204 : 200).end(req.method === 'GET' ? found : undefined);
  });
  return { server, objects };
}

describe('S3BlobStore against a signature-checking fake', () => {
  const { server, objects } = fakeS3();
  let endpoint = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const store = (secretAccessKey = credentials.secretAccessKey) =>
    new S3BlobStore({
      endpoint,
      region: 'eu-1',
      bucket: 'homeward',
      prefix: 'blobs/',
      credentials: { ...credentials, secretAccessKey },
    });

  it('puts, gets, checks and deletes objects under bucket and prefix', async () => {
    const s3 = store();
    await s3.put('abc', Buffer.from('hello'));
    expect([...objects.keys()]).toEqual(['/homeward/blobs/abc']);
    expect(await s3.exists('abc')).toBe(true);
    expect((await readAll(await s3.get('abc'))).toString()).toBe('hello');
    await s3.delete('abc');
    expect(await s3.exists('abc')).toBe(false);
    await expect(s3.get('abc')).rejects.toMatchObject({ code: 'BLOB_NOT_FOUND' });
  });

  it('round-trips an encrypted blob', async () => {
    const master = createMasterKey('k1');
    const data = Buffer.alloc(200_000, 7);
    const stored = await storeEncrypted(store(), { blobId: 'doc1', data, master });
    expect(await readDecrypted(store(), { ...stored, masters: master })).toEqual(data);
  });

  it('surfaces refusals and interrupted uploads as coded errors, storing nothing', async () => {
    await expect(store('wrong').put('x1', Buffer.from('a'))).rejects.toMatchObject({
      code: 'STORAGE_WRITE_FAILED',
    });
    async function* broken() {
      yield Buffer.from('part');
      throw new Error('client went away');
    }
    await expect(store().put('x2', broken())).rejects.toMatchObject({ code: 'UPLOAD_INTERRUPTED' });
    expect(await store().exists('x1')).toBe(false);
    expect(await store().exists('x2')).toBe(false);
    const unreachable = new S3BlobStore({
      endpoint: 'http://127.0.0.1:1',
      region: 'eu-1',
      bucket: 'b',
      credentials,
    });
    await expect(unreachable.exists('x')).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });
});

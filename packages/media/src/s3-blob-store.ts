import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { assertBlobId, readAll } from './blob-store.ts';
import type { BlobSource, BlobStore } from './blob-store.ts';
import { MediaError, isMediaError } from './errors.ts';
import { sha256Hex, signS3Request } from './s3-signer.ts';
import type { S3Credentials } from './s3-signer.ts';

export interface S3BlobStoreOptions {
  /** e.g. `https://s3.eu-central-1.amazonaws.com`, `http://127.0.0.1:9000` (MinIO, Garage, Ceph RGW). */
  endpoint: string;
  region: string;
  bucket: string;
  credentials: S3Credentials;
  /** Key prefix inside the bucket, e.g. `blobs/`. */
  prefix?: string;
  /** `https://endpoint/bucket/key` (default, what self-hosted stores expect) or `https://bucket.endpoint/key`. */
  pathStyle?: boolean;
  /** `put` holds one object in memory to sign it and send its length; larger ones are refused. Default 256 MiB. */
  maxObjectBytes?: number;
  /** For tests. */
  fetch?: typeof fetch;
}

/**
 * A {@link BlobStore} on any S3-compatible service, speaking the REST API with SigV4 signing from
 * node:crypto and the built-in fetch (no AWS SDK). A PUT is atomic on S3: a failed or interrupted upload
 * leaves no object.
 *
 * Limits: `put` buffers the (already encrypted) object to compute its SHA-256 and length, so an object costs
 * its size in memory once; multipart upload for very large files is not implemented. No retries: the caller
 * decides. Credentials are static (no instance-profile or STS refresh).
 *
 * @example
 * const store = new S3BlobStore({ endpoint: 'http://minio:9000', region: 'us-east-1', bucket: 'homeward',
 *   credentials: { accessKeyId, secretAccessKey } });
 */
export class S3BlobStore implements BlobStore {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: S3BlobStoreOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  private urlOf(id: string): URL {
    assertBlobId(id);
    const endpoint = new URL(this.options.endpoint);
    const key = `${this.options.prefix ?? ''}${id}`;
    const base = endpoint.pathname.replace(/\/$/, '');
    if (this.options.pathStyle === false) {
      return new URL(`${endpoint.protocol}//${this.options.bucket}.${endpoint.host}${base}/${key}`);
    }
    return new URL(`${endpoint.origin}${base}/${this.options.bucket}/${key}`);
  }

  private async request(method: string, url: URL, body?: Buffer): Promise<Response> {
    const headers = signS3Request({
      method,
      url,
      region: this.options.region,
      credentials: this.options.credentials,
      payloadHash: body ? sha256Hex(body) : undefined,
    });
    try {
      return await this.fetch(url, { method, headers, body: body ? new Uint8Array(body) : undefined });
    } catch (error) {
      throw new MediaError('STORAGE_UNAVAILABLE', 'The file store could not be reached.', { cause: error });
    }
  }

  async put(id: string, data: BlobSource): Promise<void> {
    const url = this.urlOf(id);
    let body: Buffer;
    try {
      body = await readAll(data, this.options.maxObjectBytes ?? 256 * 1024 * 1024);
    } catch (error) {
      if (isMediaError(error)) throw error;
      throw new MediaError('UPLOAD_INTERRUPTED', 'The upload was interrupted before it finished.', {
        cause: error,
      });
    }
    const response = await this.request('PUT', url, body);
    await response.body?.cancel();
    if (!response.ok) {
      throw new MediaError(
        'STORAGE_WRITE_FAILED',
        `The file store refused the file (HTTP ${response.status}).`,
      );
    }
  }

  async get(id: string): Promise<Readable> {
    const response = await this.request('GET', this.urlOf(id));
    if (response.status === 404) {
      await response.body?.cancel();
      throw new MediaError('BLOB_NOT_FOUND', 'No such file.');
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new MediaError(
        'STORAGE_UNAVAILABLE',
        `The file store could not be read (HTTP ${response.status}).`,
      );
    }
    return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  }

  async delete(id: string): Promise<void> {
    const response = await this.request('DELETE', this.urlOf(id));
    await response.body?.cancel();
    if (!response.ok && response.status !== 404) {
      throw new MediaError(
        'STORAGE_WRITE_FAILED',
        `The file store refused the deletion (HTTP ${response.status}).`,
      );
    }
  }

  async exists(id: string): Promise<boolean> {
    const response = await this.request('HEAD', this.urlOf(id));
    await response.body?.cancel();
    if (response.status === 404) return false;
    if (!response.ok) {
      throw new MediaError(
        'STORAGE_UNAVAILABLE',
        `The file store could not be read (HTTP ${response.status}).`,
      );
    }
    return true;
  }
}

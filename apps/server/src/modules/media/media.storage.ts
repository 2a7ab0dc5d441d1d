import { LocalBlobStore, S3BlobStore, createMasterKey, parseMasterKey, type BlobStore, type MasterKey } from '@homeward/media';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { loadConfig, type Config } from '../../config.ts';

/** Where media goes and the keys that wrap it. `keys[0]` wraps new files; every key opens old ones. */
export interface MediaStorage {
  store: BlobStore;
  keys: readonly MasterKey[];
  maxBytes: number;
}

/**
 * The media key derived from the server's master key, used when no HOMEWARD_MEDIA_KEYS are set. Its id
 * is a fingerprint, so a changed master key shows up as "key not configured", not as tampering.
 */
export function derivedMediaKey(masterKey: Buffer): MasterKey {
  const key = createHash('sha256').update(masterKey).update('homeward:media-kek').digest();
  const id = `m-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
  return createMasterKey(id, key);
}

/** Builds the blob store and key list from configuration (local folder unless S3 is configured). */
export function mediaStorageFromConfig(config: Pick<Config, 'secrets' | 'media'>, store?: BlobStore): MediaStorage {
  const derived = derivedMediaKey(config.secrets.masterKey);
  const configured = config.media.keys.map((spec) => parseMasterKey(spec));
  const keys = [...configured, ...(configured.some((k) => k.id === derived.id) ? [] : [derived])];
  const s3 = config.media.s3;
  return {
    store:
      store ??
      (s3
        ? new S3BlobStore({
            endpoint: s3.endpoint,
            region: s3.region,
            bucket: s3.bucket,
            prefix: s3.prefix,
            credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
          })
        : new LocalBlobStore(config.media.blobDir)),
    keys,
    maxBytes: config.media.maxBytes,
  };
}

/**
 * The storage described by the process environment: the same `loadConfig()` the CLI and server start
 * with, for callers that are not handed a storage (the HTTP app and `homeward import`).
 */
export function mediaStorageFromEnvironment(env: NodeJS.ProcessEnv = process.env): MediaStorage {
  return mediaStorageFromConfig(loadConfig(env));
}

/** libvips' operation cache off: it would keep decoded photos in memory after the request. */
export function disableImageCache(): void {
  sharp.cache(false);
}

/** Start-up housekeeping: temporary files of writes a killed process left behind are removed. */
export async function prepareMediaStorage(storage: MediaStorage): Promise<void> {
  disableImageCache();
  if (storage.store instanceof LocalBlobStore) await storage.store.removeStaleTemporaryFiles();
}

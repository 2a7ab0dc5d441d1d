import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { mediaStorageFromEnvironment, type MediaStorage } from '../media/media.storage.ts';

export interface ExchangeDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Server secret: seals the private keys and signs the transparency log. */
  secret: Buffer;
  /** Where photos are read and stored; the configured storage when absent (resolved only if needed). */
  media?: MediaStorage;
}

export function mediaOf(deps: ExchangeDeps): () => MediaStorage {
  let storage = deps.media;
  return () => (storage ??= mediaStorageFromEnvironment());
}

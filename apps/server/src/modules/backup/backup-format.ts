import { createHash, createHmac } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { AppError } from '../../errors.ts';

/**
 * A Homeward backup is one file:
 *
 *   HWBK1\n
 *   {"format":"homeward-backup","version":1,…,"iv":"…","keyId":"…"}\n     ← header (plaintext, authenticated)
 *   AES-256-GCM( gzip( one JSON record per line ) )                       ← body
 *   16-byte GCM tag
 *
 * Records: {"t":"row","table":…,"row":{…}} in foreign-key order, {"t":"blob",…} chunks of the
 * stored (already encrypted) photo and document blobs, and last {"t":"end","manifest":{…}}. The
 * key is derived from the master key, so a backup opens only where that key is configured — as
 * the parties' private keys and the media keys inside it need anyway.
 */
export const MAGIC = 'HWBK1\n';
export const TAG_BYTES = 16;

export interface BackupHeader {
  format: 'homeward-backup';
  version: 1;
  createdAt: string;
  cipher: 'aes-256-gcm';
  iv: string;
  /** Fingerprint of the backup key (not the key): tells a wrong master key from a damaged file. */
  keyId: string;
}

export interface TableManifest {
  rows: number;
  /** SHA-256 over the table's rows as canonical JSON lines, in primary-key order. */
  sha256: string;
}

/** Counts and hashes only: no personal data, so it can sit next to the backup in plaintext. */
export interface BackupManifest {
  format: 'homeward-backup';
  version: 1;
  createdAt: string;
  migrations: string[];
  tables: Record<string, TableManifest>;
  blobs: { count: number; bytes: number; missing: number; sha256: string };
  log: { size: number; root: string };
}

export type BackupRecord =
  | { t: 'row'; table: string; row: unknown }
  | { t: 'blob'; id: string; seq: number; last: boolean; data: string }
  | { t: 'end'; manifest: BackupManifest };

export function backupKey(masterKey: Buffer): Buffer {
  return createHash('sha256').update(masterKey).update('homeward:backup').digest();
}

export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('homeward-backup-key-id').digest('hex').slice(0, 16);
}

export function headerLine(header: BackupHeader): string {
  return `${MAGIC}${JSON.stringify(header)}\n`;
}

/** Reads and checks the header; returns it with where the body starts and ends. */
export function readHeader(path: string): { header: BackupHeader; line: string; bodyStart: number; bodyEnd: number } {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(size, 4096));
    readSync(fd, buf, 0, buf.length, 0);
    const text = buf.toString('latin1');
    const end = text.indexOf('\n', MAGIC.length);
    if (!text.startsWith(MAGIC) || end < 0) throw new AppError('BACKUP_CORRUPT', 'This is not a Homeward backup file.');
    const line = text.slice(0, end + 1);
    let header: BackupHeader;
    try {
      header = JSON.parse(line.slice(MAGIC.length)) as BackupHeader;
    } catch {
      throw new AppError('BACKUP_CORRUPT', 'The backup header is damaged.');
    }
    if (header.format !== 'homeward-backup' || header.version !== 1 || header.cipher !== 'aes-256-gcm' || typeof header.iv !== 'string') {
      throw new AppError('BACKUP_CORRUPT', 'The backup header is not one this version understands.');
    }
    const bodyStart = Buffer.byteLength(line, 'latin1');
    if (size < bodyStart + TAG_BYTES) throw new AppError('BACKUP_CORRUPT', 'The backup file is truncated.');
    return { header, line, bodyStart, bodyEnd: size - TAG_BYTES };
  } finally {
    closeSync(fd);
  }
}

export function readTag(path: string, bodyEnd: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const tag = Buffer.alloc(TAG_BYTES);
    readSync(fd, tag, 0, TAG_BYTES, bodyEnd);
    return tag;
  } finally {
    closeSync(fd);
  }
}

import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../errors.ts';

export interface DataDirLock {
  path: string;
  release(): void;
}

interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
}

/**
 * PGlite has no locking of its own: two processes writing one data folder corrupt it. We take
 * an exclusive lock file (O_EXCL create) holding our pid; a lock left by a process that no longer
 * exists (kill -9, power loss) is taken over, a live one is a clear error.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, 'homeward.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      const info: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          try {
            unlinkSync(path);
          } catch {
            // already gone: nothing to release
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(path);
      if (holder && holder.hostname === hostname() && isAlive(holder.pid) && holder.pid !== process.pid) {
        throw new AppError(
          'DATA_DIR_LOCKED',
          `The data folder ${dataDir} is in use by another Homeward process (pid ${holder.pid}). ` +
            'Stop that process first, or set HOMEWARD_DATA_DIR to another folder.',
        );
      }
      if (holder && holder.hostname !== hostname()) {
        throw new AppError(
          'DATA_DIR_LOCKED',
          `The data folder ${dataDir} is locked by host ${holder.hostname}. Embedded mode is for one machine; ` +
            `if that host is gone, delete ${path}.`,
        );
      }
      // Stale lock (its process is gone) or unreadable: remove and retry.
      try {
        unlinkSync(path);
      } catch {
        // raced with another process removing it
      }
    }
  }
  throw new AppError('DATA_DIR_LOCKED', `Could not lock the data folder ${dataDir}.`);
}

function readLock(path: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock.ts';

describe('data folder lock', () => {
  it('is exclusive while held and free after release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hw-lock-'));
    const lock = lockDataDir(dir);
    // Pretend the holder is another live process (our parent shell), on this host.
    writeFileSync(lock.path, JSON.stringify({ pid: process.ppid, hostname: hostname(), startedAt: '' }));
    expect(() => lockDataDir(dir)).toThrow(/in use by another Homeward process/);
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
    lockDataDir(dir).release();
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hw-lock-'));
    const dead = spawnSync('true').pid!;
    writeFileSync(join(dir, 'homeward.lock'), JSON.stringify({ pid: dead, hostname: hostname(), startedAt: '' }));
    const lock = lockDataDir(dir);
    expect(existsSync(lock.path)).toBe(true);
    lock.release();
  });
});

import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults and generates secrets once into the data folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hw-cfg-'));
    const a = loadConfig({ HOMEWARD_DATA_DIR: dir });
    expect(a.port).toBe(8080);
    expect(a.host).toBe('127.0.0.1');
    expect(a.databaseUrl).toBeUndefined();
    expect(a.secrets.masterKey).toHaveLength(32);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(loadConfig({ HOMEWARD_DATA_DIR: dir }).secrets.masterKey.equals(a.secrets.masterKey)).toBe(true);
  });

  it('explains every invalid setting', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(/PORT[\s\S]*DATABASE_URL: must start with postgres/);
  });

  it('requires the master key in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', HOMEWARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'hw-cfg-')) })).toThrow(
      /HOMEWARD_MASTER_KEY: required when NODE_ENV=production/,
    );
  });
});

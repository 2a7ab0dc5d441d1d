import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from './errors.ts';

const base64Key = z
  .string()
  .refine((s) => Buffer.from(s, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  HOMEWARD_DATA_DIR: z.string().min(1).default('./data'),
  HOMEWARD_MASTER_KEY: base64Key.optional(),
  HOMEWARD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOMEWARD_PUBLIC_URL: z.string().url().optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: string;
  publicUrl: string | undefined;
  secrets: { masterKey: Buffer };
}

interface SecretsFile {
  masterKey: string;
}

/**
 * Reads and validates the environment. In embedded mode, secrets missing from the environment are
 * generated once into the data folder (mode 0600); in production they must be given.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new AppError('CONFIG_INVALID', `Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.HOMEWARD_DATA_DIR);
  let masterKey = e.HOMEWARD_MASTER_KEY;
  if (!masterKey) {
    if (e.NODE_ENV === 'production') {
      throw new AppError(
        'CONFIG_INVALID',
        'Invalid configuration:\n  HOMEWARD_MASTER_KEY: required when NODE_ENV=production (32 bytes, base64; e.g. `openssl rand -base64 32`)',
      );
    }
    masterKey = loadOrCreateSecrets(dataDir).masterKey;
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    logLevel: e.HOMEWARD_LOG_LEVEL,
    publicUrl: e.HOMEWARD_PUBLIC_URL,
    secrets: { masterKey: Buffer.from(masterKey, 'base64') },
  };
}

function loadOrCreateSecrets(dataDir: string): SecretsFile {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SecretsFile;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secrets: SecretsFile = { masterKey: randomBytes(32).toString('base64') };
  writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return secrets;
}

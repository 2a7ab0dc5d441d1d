import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from './errors.ts';
import type { JobSettings } from './jobs/job-types.ts';

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
  // Photos and documents (modules/media): the blob folder, extra media master keys ("id:base64", the
  // first one wraps new files; the rest still open old ones until `homeward media rotate-keys`), size cap,
  // and an S3-compatible store instead of the folder when HOMEWARD_S3_ENDPOINT is set.
  HOMEWARD_BLOB_DIR: z.string().min(1).optional(),
  HOMEWARD_MEDIA_KEYS: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]{1,64}:[A-Za-z0-9+/=]+)*$/, 'must be id:base64[,id:base64…]')
    .refine((s) => s.split(',').every((k) => Buffer.from(k.slice(k.indexOf(':') + 1), 'base64').length === 32), 'each key must be 32 bytes, base64-encoded')
    .optional(),
  HOMEWARD_MEDIA_MAX_MB: z.coerce.number().int().min(1).max(512).default(25),
  HOMEWARD_S3_ENDPOINT: z.string().url().optional(),
  HOMEWARD_S3_REGION: z.string().min(1).default('us-east-1'),
  HOMEWARD_S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid bucket name').optional(),
  HOMEWARD_S3_PREFIX: z.string().regex(/^[A-Za-z0-9/_-]*$/, 'letters, digits, / _ - only').default(''),
  HOMEWARD_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  HOMEWARD_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  // Background jobs (pg-boss on the same database): off with HOMEWARD_JOBS=off (e.g. a read-only replica's
  // API servers); e-mail notifications go through HOMEWARD_SMTP_URL when set.
  HOMEWARD_JOBS: z.enum(['on', 'off']).default('on'),
  HOMEWARD_AGE_OUT_DEADLINE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  HOMEWARD_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  HOMEWARD_BULK_READS_PER_HOUR: z.coerce.number().int().min(10).max(1_000_000).default(300),
  HOMEWARD_BULK_READ_ACTION: z.enum(['alert', 'end-sessions']).default('end-sessions'),
  HOMEWARD_MAIL_FROM: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address').default('homeward@localhost'),
  // Two-person rule (modules/approvals/two-person.ts): off only for small deployments with one official.
  HOMEWARD_TWO_PERSON: z.enum(['on', 'off']).default('on'),
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
  media: MediaConfig;
  jobs: { enabled: boolean; settings: JobSettings };
}

export interface MediaConfig {
  /** Where the local blob store keeps encrypted files (default `<dataDir>/blobs`). */
  blobDir: string;
  /** Extra master key specs (`id:base64`), newest first; the key derived from the master key is always known too. */
  keys: string[];
  maxBytes: number;
  s3: { endpoint: string; region: string; bucket: string; prefix: string; accessKeyId: string; secretAccessKey: string } | undefined;
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
  const s3Missing = e.HOMEWARD_S3_ENDPOINT
    ? (['HOMEWARD_S3_BUCKET', 'HOMEWARD_S3_ACCESS_KEY_ID', 'HOMEWARD_S3_SECRET_ACCESS_KEY'] as const).filter((k) => !e[k])
    : [];
  if (s3Missing.length) {
    throw new AppError('CONFIG_INVALID', `Invalid configuration:\n${s3Missing.map((k) => `  ${k}: required with HOMEWARD_S3_ENDPOINT`).join('\n')}`);
  }
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
    media: {
      blobDir: resolve(e.HOMEWARD_BLOB_DIR ?? join(dataDir, 'blobs')),
      keys: e.HOMEWARD_MEDIA_KEYS ? e.HOMEWARD_MEDIA_KEYS.split(',') : [],
      maxBytes: e.HOMEWARD_MEDIA_MAX_MB * 1_000_000,
      s3: e.HOMEWARD_S3_ENDPOINT
        ? {
            endpoint: e.HOMEWARD_S3_ENDPOINT,
            region: e.HOMEWARD_S3_REGION,
            bucket: e.HOMEWARD_S3_BUCKET!,
            prefix: e.HOMEWARD_S3_PREFIX,
            accessKeyId: e.HOMEWARD_S3_ACCESS_KEY_ID!,
            secretAccessKey: e.HOMEWARD_S3_SECRET_ACCESS_KEY!,
          }
        : undefined,
    },
    jobs: {
      enabled: e.HOMEWARD_JOBS === 'on',
      settings: {
        ageOutDeadlineDays: e.HOMEWARD_AGE_OUT_DEADLINE_DAYS,
        smtpUrl: e.HOMEWARD_SMTP_URL,
        mailFrom: e.HOMEWARD_MAIL_FROM,
        publicUrl: e.HOMEWARD_PUBLIC_URL,
        misuse: { bulkReadsPerHour: e.HOMEWARD_BULK_READS_PER_HOUR, secondFactorFailures: 5, bulkReadAction: e.HOMEWARD_BULK_READ_ACTION },
      },
    },
  };
}

/**
 * The two-person rule's switch (HOMEWARD_TWO_PERSON, default `on`), read where the rule is applied
 * so that a test or a CLI command sees the same setting as the server; loadConfig validates it.
 */
export function twoPersonEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.HOMEWARD_TWO_PERSON !== 'off';
}

function loadOrCreateSecrets(dataDir: string): SecretsFile {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SecretsFile;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secrets: SecretsFile = { masterKey: randomBytes(32).toString('base64') };
  writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return secrets;
}

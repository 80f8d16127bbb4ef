/**
 * One validated configuration: defaults < config file (FOYER_CONFIG or <dataDir>/foyer.json)
 * < environment < command-line flags. Invalid values stop the start with a readable message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('0.0.0.0'),
  dataDir: z.string().default('./data'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  redisUrl: z.string().regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://').optional(),
  demo: z.boolean().default(false),
  /** Public origin used for links and the WebSocket Origin check; defaults to http://localhost:<port>. */
  publicUrl: z.string().url().optional(),
  /** Extra allowed WebSocket/CSRF origins (comma separated in FOYER_ALLOWED_ORIGINS). */
  allowedOrigins: z.array(z.string()).default([]),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  secureCookies: z.boolean().default(false),
  rateLimits: z.boolean().default(true),
  webDist: z.string().optional(),
  /** Safety-net poll of the outbox; wake-ups over the bus make delivery immediate. */
  outboxPollMs: z.coerce.number().int().min(50).max(600_000).default(1000),
  /** Adds a Server-Timing header (time in Foyer per request) for benchmarks and profiling; off by default. */
  serverTiming: z.boolean().default(false),
  /** Link previews: time limit per fetch. */
  previewTimeoutMs: z.coerce.number().int().min(100).max(30_000).default(5000),
  /** Origins exempt from the preview client's address and port rules: tests against a local fake site only. */
  previewTestOrigins: z.array(z.string()).default([]),
  /** How often periodic jobs (announcement reminders, inactive closed spaces) run. */
  jobIntervalMs: z.coerce.number().int().min(1000).max(86_400_000).default(300_000),
});
export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

function parseBool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new ConfigError(`expected a boolean (1/0/true/false), got "${v}"`);
}

function fromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {
    port: env.PORT,
    host: env.HOST,
    dataDir: env.FOYER_DATA_DIR,
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    demo: parseBool(env.FOYER_DEMO),
    publicUrl: env.FOYER_PUBLIC_URL,
    allowedOrigins: env.FOYER_ALLOWED_ORIGINS?.split(',').map((s) => s.trim()).filter(Boolean),
    logLevel: env.FOYER_LOG_LEVEL,
    secureCookies: parseBool(env.FOYER_SECURE_COOKIES),
    rateLimits: parseBool(env.FOYER_RATE_LIMITS),
    outboxPollMs: env.FOYER_OUTBOX_POLL_MS,
    serverTiming: parseBool(env.FOYER_SERVER_TIMING),
    previewTimeoutMs: env.FOYER_PREVIEW_TIMEOUT_MS,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

function fromFlags(argv: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--demo') out.demo = true;
    else if (a === '--port') out.port = argv[++i];
    else if (a === '--data-dir') out.dataDir = argv[++i];
    else if (a.startsWith('--')) throw new ConfigError(`unknown flag ${a}`);
  }
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): Config {
  const flags = fromFlags(argv);
  const envValues = fromEnv(env);
  const dataDir = (flags.dataDir ?? envValues.dataDir ?? './data') as string;
  const file = env.FOYER_CONFIG ?? path.join(dataDir, 'foyer.json');
  let fileValues: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    try {
      fileValues = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(`config file ${file} is not valid JSON: ${(e as Error).message}`);
    }
  } else if (env.FOYER_CONFIG) {
    throw new ConfigError(`config file ${file} does not exist`);
  }
  const parsed = ConfigSchema.safeParse({ ...fileValues, ...envValues, ...flags });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

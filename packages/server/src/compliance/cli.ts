/**
 * Command-line tools that work without starting the server:
 * - `foyer audit-verify`: checks the audit chain; exit code 1 on any problem.
 * - `foyer policy-show [--format yaml|json] [--version N]`: prints a policy version as a file.
 * - `foyer policy-propose --file <path> --as <admin e-mail> [--note <text>]`: proposes a version
 *   from a file, exactly like the admin screen: it stays pending until the approvals are in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PolicyDocument } from '@foyer/shared';
import { ConfigError, type Config } from '../config.js';
import { openDb, type Db } from '../db/connection.js';
import { migrate } from '../db/migrate.js';
import { memoryBus } from '../events/bus.js';
import { localStore } from '../media/store.js';
import type { Services } from '../services.js';
import type { Actor } from '../policies/actor.js';
import { AppError } from '../errors.js';
import { verifyAudit } from './audit.js';
import { activePolicy } from './active.js';
import { awaitingRoles, propose } from './policy.js';
import { parsePolicyFile, policyToJson, policyToYaml, POLICY_FILE_FORMATS, POLICY_FILE_MAX_BYTES, type PolicyFileFormat } from './policy-file.js';

type Out = (line: string) => void;

export async function auditVerifyCommand(config: Config, out: Out = console.log): Promise<number> {
  const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  try {
    const result = await verifyAudit(db.kysely, db.dialect);
    out(JSON.stringify(result));
    return result.ok ? 0 : 1;
  } finally {
    await db.close();
  }
}

/** A mistake on the command line (reported like a configuration error: exit code 2). */
export class CliUsageError extends ConfigError {}

export interface PolicyShowArgs {
  format: PolicyFileFormat;
  version?: number;
}
export interface PolicyProposeArgs {
  file: string;
  as: string;
  note: string;
}

/** Opens the database as the server would (migrated), for a command that runs and exits. */
async function withServices<T>(config: Config, fn: (svc: Services) => Promise<T>): Promise<T> {
  const db: Db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  const bus = memoryBus();
  try {
    await migrate(db);
    return await fn({ db: db.kysely, dialect: db.dialect, bus, config, files: localStore(path.join(config.dataDir, 'files')) });
  } finally {
    await bus.close();
    await db.close();
  }
}

function reportError(e: unknown, err: Out): number {
  if (!(e instanceof AppError)) throw e;
  err(`error: ${e.message}`);
  const fields = (e.details as { fields?: Record<string, string> } | undefined)?.fields ?? {};
  for (const [p, message] of Object.entries(fields)) err(`  ${p}: ${message}`);
  return 1;
}

export async function policyShowCommand(config: Config, args: PolicyShowArgs, out: Out = (s) => process.stdout.write(s), err: Out = console.error): Promise<number> {
  return withServices(config, async (svc) => {
    const active = await activePolicy(svc.db, svc.dialect);
    const row = await svc.db.selectFrom('policy_versions').select(['version', 'status', 'document']).where('version', '=', args.version ?? active.version).executeTakeFirst();
    if (!row) {
      err(`error: there is no policy version ${args.version}`);
      return 1;
    }
    const doc = PolicyDocument.parse(JSON.parse(row.document));
    out(args.format === 'json' ? policyToJson(doc) : policyToYaml(doc, { version: row.version, status: row.status }));
    return 0;
  });
}

export async function policyProposeCommand(config: Config, args: PolicyProposeArgs, out: Out = console.log, err: Out = console.error): Promise<number> {
  let text: string;
  try {
    if (fs.statSync(args.file).size > POLICY_FILE_MAX_BYTES) {
      err(`error: ${args.file} is larger than ${POLICY_FILE_MAX_BYTES} bytes`);
      return 1;
    }
    text = fs.readFileSync(args.file, 'utf8');
  } catch (e) {
    err(`error: cannot read ${args.file}: ${(e as Error).message}`);
    return 1;
  }
  const format: PolicyFileFormat = path.extname(args.file).toLowerCase() === '.json' ? 'json' : 'yaml';
  return withServices(config, async (svc) => {
    const user = await svc.db.selectFrom('users').select(['id', 'role', 'status']).where('email', '=', args.as.trim().toLowerCase()).executeTakeFirst();
    if (!user || user.status !== 'active' || user.role !== 'admin') {
      err(`error: ${args.as} is not an active administrator`);
      return 1;
    }
    const actor: Actor = { id: user.id, role: user.role, scope: 'session' };
    try {
      const document = parsePolicyFile(text, format);
      const id = await propose(svc, actor, { document, note: args.note });
      const row = await svc.db.selectFrom('policy_versions').select(['id', 'version', 'base_version']).where('id', '=', id).executeTakeFirstOrThrow();
      out(JSON.stringify({ version: row.version, status: 'pending', awaiting: await awaitingRoles(svc.db, row) }));
      return 0;
    } catch (e) {
      return reportError(e, err);
    }
  });
}

export const POLICY_COMMANDS = ['policy-show', 'policy-propose'] as const;

/**
 * Reads `policy-show` / `policy-propose` and their flags off the command line; the remaining
 * arguments (e.g. --data-dir) go to the configuration. null: not a policy command.
 */
export function policyCommand(argv: string[]): { configArgv: string[]; run(config: Config): Promise<number> } | null {
  const name = argv.find((a): a is (typeof POLICY_COMMANDS)[number] => (POLICY_COMMANDS as readonly string[]).includes(a));
  if (!name) return null;
  const own = name === 'policy-show' ? ['--format', '--version'] : ['--file', '--as', '--note'];
  const flags: Record<string, string> = {};
  const configArgv: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === name) continue;
    if (!own.includes(a)) {
      configArgv.push(a);
      continue;
    }
    const value = argv[++i];
    if (value === undefined || value.startsWith('--')) throw new CliUsageError(`${name}: ${a} needs a value`);
    flags[a.slice(2)] = value;
  }
  if (name === 'policy-show') {
    const format = flags.format ?? 'yaml';
    if (!(POLICY_FILE_FORMATS as readonly string[]).includes(format)) throw new CliUsageError(`policy-show: --format is yaml or json`);
    const version = flags.version === undefined ? undefined : Number(flags.version);
    if (version !== undefined && !(Number.isInteger(version) && version > 0)) throw new CliUsageError('policy-show: --version is a positive whole number');
    return { configArgv, run: (config) => policyShowCommand(config, { format: format as PolicyFileFormat, version }) };
  }
  if (!flags.file || !flags.as) throw new CliUsageError('usage: foyer policy-propose --file <policy.yaml|policy.json> --as <admin e-mail> [--note <text>]');
  return { configArgv, run: (config) => policyProposeCommand(config, { file: flags.file, as: flags.as, note: (flags.note ?? '').slice(0, 2000) }) };
}

/** `foyer audit-verify`: checks the audit chain without starting the server; exit code 1 on any problem. */
import type { Config } from '../config.js';
import { openDb } from '../db/connection.js';
import { verifyAudit } from './audit.js';

export async function auditVerifyCommand(config: Config, out: (line: string) => void = console.log): Promise<number> {
  const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  try {
    const result = await verifyAudit(db.kysely, db.dialect);
    out(JSON.stringify(result));
    return result.ok ? 0 : 1;
  } finally {
    await db.close();
  }
}

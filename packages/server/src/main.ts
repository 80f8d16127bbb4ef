#!/usr/bin/env node
/** Starts Foyer: validated config, migrations, optional demo company, HTTP + WebSocket. */
import { loadConfig, ConfigError } from './config.js';
import { createFoyer } from './server.js';
import { seedDemo } from './seed/demo.js';
import { getOrganisation } from './commands/accounts.js';
import { SearchIndexer, enqueueAll } from './search/indexer.js';
import { auditVerifyCommand, policyCommand } from './compliance/cli.js';

async function main() {
  const argv = process.argv.slice(2);
  let config;
  let policyCli: ReturnType<typeof policyCommand> = null;
  try {
    // policy-show / policy-propose take their own flags; the rest configure Foyer as usual.
    policyCli = policyCommand(argv);
    config = loadConfig(process.env, policyCli?.configArgv ?? argv.filter((a) => a !== 'seed' && a !== 'audit-verify' && a !== 'reindex'));
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Foyer cannot start: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  if (argv.includes('audit-verify')) process.exit(await auditVerifyCommand(config));
  if (policyCli) process.exit(await policyCli.run(config));
  const foyer = await createFoyer(config, { logger: true });
  const log = foyer.app.log;
  if (argv.includes('reindex')) {
    // Online: a running server keeps answering from the current documents while each is replaced.
    const started = Date.now();
    const queued = await enqueueAll(foyer.svc.db);
    const processed = await new SearchIndexer(foyer.svc, { batch: 1000 }).drain();
    log.info({ queued, processed, ms: Date.now() - started }, 'search index rebuilt');
    await foyer.close();
    return;
  }
  if (config.demo || argv.includes('seed')) {
    if (await getOrganisation(foyer.svc.db)) log.info('organisation exists; demo data not added again');
    else {
      const started = Date.now();
      await seedDemo(foyer.svc);
      log.info({ ms: Date.now() - started }, 'demo company created');
    }
    if (argv.includes('seed')) {
      await foyer.close();
      return;
    }
  }
  await foyer.app.listen({ port: config.port, host: config.host });
  log.info(`Foyer is running at ${config.publicUrl ?? `http://localhost:${config.port}`}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: finishing requests, closing sockets');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await foyer.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e) => {
  console.error('Foyer failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});

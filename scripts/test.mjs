#!/usr/bin/env node
// The whole test suite: types, server tests on SQLite and PostgreSQL, i18n completeness and the
// browser end-to-end tests. Prints one summary line "N passed, N failed" at the end.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, '.test-results');
fs.mkdirSync(out, { recursive: true });
const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const failures = [];

function step(name, cmd, args, env = {}) {
  if (only.length && !only.some((o) => name.startsWith(o))) return;
  console.log(`\n=== ${name}`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return res.status === 0;
}

function check(name, cmd, args, env) {
  const ok = step(name, cmd, args, env);
  if (ok === undefined) return;
  if (ok) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

/**
 * The first line of a failure and the test-file line it came from, so that the list CI repeats at
 * its end explains itself even where only the end of the log is kept.
 */
function reason(messages = []) {
  const text = (messages[0] ?? '').replace(/\x1b\[[0-9;]*m/g, '');
  const first = text.split('\n')[0].trim().slice(0, 240);
  const where = text.match(/[\w./-]+\.test\.ts:\d+:\d+/)?.[0];
  if (!first) return '';
  return ` — ${first}${where ? ` (${where.replace(/^.*?((?:e2e|packages)\/)/, '$1')})` : ''}`;
}

function vitest(name, config, env) {
  const file = path.join(out, `${name}.json`);
  fs.rmSync(file, { force: true });
  const ok = step(name, 'npx', ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile=${file}`], env);
  if (ok === undefined) return;
  if (!fs.existsSync(file)) {
    failed++;
    failures.push(`${name} (no report)`);
    return;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that failed to load counts as a failure even when no test in it ran.
  const brokenFiles = report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.every((a) => a.status !== 'failed'));
  failed += brokenFiles.length;
  for (const r of report.testResults)
    for (const a of r.assertionResults) if (a.status === 'failed') failures.push(`${name}: ${a.fullName}${reason(a.failureMessages)}`);
  for (const b of brokenFiles) failures.push(`${name}: ${path.relative(root, b.name)} failed to run`);
  if (!ok && report.numFailedTests === 0 && brokenFiles.length === 0) {
    failed++;
    failures.push(`${name} (runner error)`);
  }
}

// Server tests import @foyer/shared from its build, and the multi-process tests start dist/main.js.
console.log('=== build shared and server');
if (spawnSync('npm', ['run', 'build', '-w', 'packages/shared', '-w', 'packages/server'], { cwd: root, stdio: 'inherit' }).status !== 0) {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
check('typecheck:shared', 'npx', ['tsc', '-p', 'packages/shared', '--noEmit']);
check('typecheck:server', 'npx', ['tsc', '-p', 'packages/server', '--noEmit']);
if (fs.existsSync(path.join(root, 'packages/web/tsconfig.json'))) check('typecheck:web', 'npx', ['tsc', '-p', 'packages/web', '--noEmit']);
if (fs.existsSync(path.join(root, 'eslint.config.js'))) check('lint', 'npx', ['eslint', 'packages']);
if (fs.existsSync(path.join(root, 'packages/web/scripts/check-i18n.mjs'))) check('i18n', 'node', ['packages/web/scripts/check-i18n.mjs']);
vitest('server-sqlite', 'vitest.config.ts', { FOYER_TEST_DB: 'sqlite' });
vitest('server-postgres', 'vitest.config.ts', { FOYER_TEST_DB: 'postgres' });
if (fs.existsSync(path.join(root, 'e2e/vitest.config.ts'))) vitest('e2e', 'e2e/vitest.config.ts', {});

// Kept in a file too, so CI can repeat the list after later steps' output.
fs.writeFileSync(path.join(out, 'failures.txt'), failures.map((f) => `${f}\n`).join(''));
if (failures.length) {
  console.log('\nFailed:');
  for (const f of failures) console.log(`  - ${f}`);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, ConfigError } from './config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({ FOYER_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-')) }, []);
    expect(c).toMatchObject({ port: 3000, demo: false, rateLimits: true });
    expect(c.databaseUrl).toBeUndefined();
  });
  it('layers file < environment < flags', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
    fs.writeFileSync(path.join(dir, 'foyer.json'), JSON.stringify({ port: 4000, logLevel: 'warn', demo: false }));
    const c = loadConfig({ FOYER_DATA_DIR: dir, PORT: '5000', FOYER_DEMO: '0' }, ['--demo']);
    expect(c).toMatchObject({ port: 5000, logLevel: 'warn', demo: true });
  });
  it.each([
    [{ PORT: 'eighty' }, [], /port/],
    [{ PORT: '70000' }, [], /port/],
    [{ DATABASE_URL: 'mysql://x' }, [], /DATABASE_URL must start with postgres/],
    [{ REDIS_URL: 'localhost:6379' }, [], /REDIS_URL/],
    [{ FOYER_DEMO: 'maybe' }, [], /boolean/],
    [{}, ['--turbo'], /unknown flag --turbo/],
  ] as const)('stops with a clear message for %o %o', (env, argv, message) => {
    expect(() => loadConfig({ FOYER_DATA_DIR: os.tmpdir(), ...env }, [...argv])).toThrow(ConfigError);
    expect(() => loadConfig({ FOYER_DATA_DIR: os.tmpdir(), ...env }, [...argv])).toThrow(message);
  });
  it('refuses a broken config file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
    fs.writeFileSync(path.join(dir, 'foyer.json'), '{ port: ');
    expect(() => loadConfig({ FOYER_DATA_DIR: dir }, [])).toThrow(/not valid JSON/);
  });
});

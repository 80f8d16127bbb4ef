import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import YAML from 'yaml';
import { DEFAULT_POLICY, type PolicyDocument } from '@foyer/shared';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { policyCommand, policyProposeCommand, policyShowCommand } from '../compliance/cli.js';

describe('the works agreement as a file (YAML and JSON)', () => {
  let t: TestFoyer;
  let council: TestClient, member: TestClient, guest: TestClient;
  let tmp: string;

  /** Sends a file as the body, the way the web upload and curl do. */
  async function upload(client: TestClient, text: string, contentType = 'application/yaml', note?: string) {
    const res = await t.foyer.app.inject({
      method: 'POST',
      url: `/api/v1/policy/versions/file${note === undefined ? '' : `?note=${encodeURIComponent(note)}`}`,
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': contentType },
      payload: text,
    });
    return { status: res.statusCode, body: res.json() };
  }
  async function download(client: TestClient, url: string) {
    const res = await t.foyer.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: client.cookie } });
    return { status: res.statusCode, type: String(res.headers['content-type']), disposition: String(res.headers['content-disposition']), text: res.body };
  }
  /** Everything a refused file must leave as it was: the versions and the audit log. */
  const state = async () => ({
    versions: await t.foyer.svc.db.selectFrom('policy_versions').select(['id', 'version', 'status']).orderBy('id').execute(),
    audit: Number((await t.foyer.svc.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });
  const activeDocument = async (): Promise<{ version: number; document: PolicyDocument }> => (await member.get('/policy')).body;

  beforeAll(async () => {
    t = await startTestFoyer();
    council = await t.user('wanda');
    member = await t.user('mia');
    guest = await t.user('gil', { role: 'guest' });
    expect((await t.admin.put(`/admin/people/${council.id}/roles/governance`)).status).toBe(200);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'foyer-policy-file-'));
  });
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    await t.close();
  });

  it('exports any version as commented YAML and as JSON, to every employee', async () => {
    const active = await activeDocument();
    const yaml = await download(member, '/policy/document.yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.type).toContain('application/yaml');
    expect(yaml.disposition).toContain(`foyer-policy-v${active.version}.yaml`);
    expect(yaml.text).toMatch(/^# Foyer works agreement/);
    expect(yaml.text).toContain('# Features the agreement switches on');
    expect(YAML.parse(yaml.text)).toEqual(active.document);
    const json = await download(member, `/policy/document.json?version=${active.version}`);
    expect(json.status).toBe(200);
    expect(json.type).toContain('application/json');
    expect(JSON.parse(json.text)).toEqual(active.document);
    expect((await download(member, '/policy/document.yaml?version=999')).status).toBe(404);
    expect((await download(guest, '/policy/document.yaml')).status).toBe(403);
    expect((await t.anonymous.request('GET', '/policy/document.json')).status).toBe(401);
  });

  it('round trip: YAML export -> edit -> propose -> approve -> the active version equals the file', async () => {
    const before = await activeDocument();
    const exported = (await download(t.admin, '/policy/document.yaml')).text;
    // An edit as a person would make it, in the text, keeping the comments.
    const edited = exported.replace(/^ {2}k: 5$/m, '  k: 7').replace(/^ {2}analytics: false$/m, '  analytics: true');
    expect(edited).not.toBe(exported);
    const proposed = await upload(t.admin, edited, 'text/yaml; charset=utf-8', 'from a file');
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({ status: 'pending', note: 'from a file', awaiting: ['governance'] });
    expect(proposed.body.changes.sort()).toEqual(['analytics.k', 'modules.analytics']);
    // Pending is not in force: the module the file switches on stays off until the works council agrees.
    expect((await activeDocument()).version).toBe(before.version);
    expect((await member.get('/analytics')).body.error.code).toBe('module_disabled');

    const approved = await council.post(`/policy/versions/${proposed.body.id}/approve`, { reason: 'agreed' });
    expect(approved.body.status).toBe('active');
    const now = await activeDocument();
    expect(now.version).toBe(proposed.body.version);
    expect(now.document).toEqual(YAML.parse(edited));
    expect(now.document).toEqual({ ...before.document, modules: { ...before.document.modules, analytics: true }, analytics: { k: 7 } });
    // And out again, byte for byte what the next person would download.
    expect(YAML.parse((await download(member, '/policy/document.yaml')).text)).toEqual(now.document);
    expect(JSON.parse((await download(member, `/policy/document.json?version=${now.version}`)).text)).toEqual(now.document);
  });

  it('round trip in JSON: an older version exported and proposed again', async () => {
    const old = (await download(t.admin, '/policy/document.json?version=1')).text;
    const proposed = await upload(t.admin, old, 'application/json');
    expect(proposed.status).toBe(200);
    expect(proposed.body.status).toBe('pending');
    expect(proposed.body.document).toEqual(JSON.parse(old));
    const approved = await council.post(`/policy/versions/${proposed.body.id}/approve`, { reason: 'back to version 1' });
    expect(approved.body.status).toBe('active');
    expect((await activeDocument()).document).toEqual(DEFAULT_POLICY);
  });

  it('refuses invalid files with 400 listing each path, and changes nothing', async () => {
    const good = (await download(t.admin, '/policy/document.yaml')).text;
    const cases: { name: string; text: string; type?: string; fields: Record<string, RegExp> }[] = [
      { name: 'broken YAML', text: 'schemaVersion: 1\nmodules: [chat\n', fields: { '(file)': /^line \d+, column \d+: / } },
      { name: 'duplicate key', text: `${good}\nanalytics:\n  k: 9\n`, fields: { '(file)': /unique/i } },
      { name: 'unknown tag', text: good.replace('schemaVersion: 1', 'schemaVersion: !!js/function "1"'), fields: { '(file)': /tag/i } },
      { name: 'broken JSON', text: '{"schemaVersion": 1,', type: 'application/json', fields: { '(file)': /JSON/ } },
      { name: 'empty file', text: '   \n', fields: { '(file)': /empty/ } },
      { name: 'not a mapping', text: '- 1\n- 2\n', fields: { '(root)': /object/i } },
      { name: 'unknown key', text: good.replace(/^ {2}chat: true$/m, '  chat: true\n  chatt: true'), fields: { 'modules.chatt': /unknown key/ } },
      { name: 'unknown section', text: `${good}\nsurveillance:\n  keystrokes: true\n`, fields: { surveillance: /unknown key/ } },
      { name: 'wrong type', text: good.replace(/^ {2}k: \d+$/m, '  k: five'), fields: { 'analytics.k': /number/i } },
      {
        name: 'several problems at once',
        text: good.replace(/^ {2}chat: true$/m, '  chat: "yes"').replace(/^ {2}maxDays: \d+$/m, '  maxDays: 365').replace(/^ {2}mode: "off"$/m, '  mode: sometimes'),
        fields: { 'modules.chat': /boolean/i, 'sealedAccess.maxDays': /90/, 'readReceipts.mode': /off|direct|all/ },
      },
      { name: 'rule across sections', text: good.replace(/^ {2}notifyDelayDays: \d+$/m, '  notifyDelayDays: 60'), fields: { 'sealedAccess.notifyDelayDays': /maxNotifyDelayDays/ } },
    ];
    for (const c of cases) {
      const before = await state();
      const r = await upload(t.admin, c.text, c.type);
      expect(r.status, c.name).toBe(400);
      expect(r.body.error.code, c.name).toBe('validation_failed');
      for (const [p, message] of Object.entries(c.fields)) expect(r.body.error.details.fields[p], `${c.name}: ${p} in ${JSON.stringify(r.body.error.details.fields)}`).toMatch(message);
      expect(await state(), c.name).toEqual(before);
    }
    // A type the route does not read, and a file above the size bound.
    const before = await state();
    expect((await upload(t.admin, good, 'text/plain')).status).toBe(415);
    expect((await upload(t.admin, `${good}\n#${'x'.repeat(70_000)}\n`)).status).toBe(413);
    // The same as the active version is not a change.
    const same = await upload(t.admin, good);
    expect(same.status).toBe(400);
    expect(same.body.error.details.fields.document).toBe('unchanged');
    expect(await state()).toEqual(before);
  });

  it('lets only administrators propose from a file, and never activates one without approval', async () => {
    const good = (await download(t.admin, '/policy/document.yaml')).text;
    const widened = good.replace(/^ {2}integrations: false$/m, '  integrations: true');
    const before = await state();
    // Refused before the file is read: an invalid file gives the same 403 as a valid one.
    for (const c of [member, council, guest]) {
      expect((await upload(c, widened)).status).toBe(403);
      expect((await upload(c, 'modules: [')).status).toBe(403);
    }
    const res = await t.foyer.app.inject({ method: 'POST', url: '/api/v1/policy/versions/file', headers: { 'content-type': 'application/yaml' }, payload: widened });
    expect(res.statusCode).toBe(401);
    expect(await state()).toEqual(before);

    const p = await upload(t.admin, widened);
    expect(p.body.status).toBe('pending');
    // The proposer cannot approve it; a member cannot either; the active version stays in force.
    expect((await t.admin.post(`/policy/versions/${p.body.id}/approve`, {})).status).toBe(403);
    expect((await member.post(`/policy/versions/${p.body.id}/approve`, {})).status).toBe(403);
    expect((await activeDocument()).document.modules.integrations).toBe(false);
    // A later file replaces the pending one; still nothing active changes.
    const again = await upload(t.admin, good.replace(/^ {2}k: \d+$/m, '  k: 6'));
    expect(again.body.status).toBe('pending');
    expect((await t.admin.get(`/policy/versions/${p.body.id}`)).body.status).toBe('superseded');
    expect((await activeDocument()).document).toEqual(DEFAULT_POLICY);
    const rejected = await council.post(`/policy/versions/${again.body.id}/reject`, { reason: 'not agreed' });
    expect(rejected.body.status).toBe('rejected');
    expect((await activeDocument()).document).toEqual(DEFAULT_POLICY);
  });

  it('has command-line tools: policy-show and policy-propose', async () => {
    const lines: string[] = [];
    const errs: string[] = [];
    const out = (s: string) => void lines.push(s);
    const err = (s: string) => void errs.push(s);
    expect(await policyShowCommand(t.config, { format: 'yaml' }, out, err)).toBe(0);
    const shown = lines.join('');
    expect(shown).toMatch(/^# Foyer works agreement/);
    expect(YAML.parse(shown)).toEqual((await activeDocument()).document);
    lines.length = 0;
    expect(await policyShowCommand(t.config, { format: 'json', version: 1 }, out, err)).toBe(0);
    expect(JSON.parse(lines.join(''))).toEqual(DEFAULT_POLICY);
    expect(await policyShowCommand(t.config, { format: 'json', version: 999 }, out, err)).toBe(1);

    const file = path.join(tmp, 'policy.yaml');
    fs.writeFileSync(file, shown.replace(/^ {2}files: true$/m, '  files: false'));
    const before = await state();
    // Only an active administrator; an invalid file names its paths; neither changes anything.
    errs.length = 0;
    expect(await policyProposeCommand(t.config, { file, as: 'mia@example.com', note: '' }, out, err)).toBe(1);
    expect(errs.join('\n')).toContain('not an active administrator');
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ ...DEFAULT_POLICY, analytics: { k: 'five' }, extra: 1 }));
    errs.length = 0;
    expect(await policyProposeCommand(t.config, { file: bad, as: 'ada@example.com', note: '' }, out, err)).toBe(1);
    expect(errs.join('\n')).toMatch(/analytics\.k: .*number/i);
    expect(errs.join('\n')).toContain('extra: unknown key');
    expect(await policyProposeCommand(t.config, { file: path.join(tmp, 'missing.yaml'), as: 'ada@example.com', note: '' }, out, err)).toBe(1);
    expect(await state()).toEqual(before);

    lines.length = 0;
    expect(await policyProposeCommand(t.config, { file, as: 'ADA@example.com', note: 'by the command line' }, out, err)).toBe(0);
    const result = JSON.parse(lines.at(-1)!);
    expect(result).toMatchObject({ status: 'pending', awaiting: ['governance'] });
    const pending = (await t.admin.get('/policy/versions')).body.items.find((v: { version: number }) => v.version === result.version);
    expect(pending).toMatchObject({ status: 'pending', note: 'by the command line', proposedBy: { id: t.admin.id } });
    expect(pending.document.modules.files).toBe(false);
    expect((await activeDocument()).document.modules.files).toBe(true);
    expect((await council.post(`/policy/versions/${pending.id}/approve`, {})).body.status).toBe('active');
    expect((await activeDocument()).document.modules.files).toBe(false);
  });

  it('tells every signed-in client with its session which modules are on', async () => {
    // The previous test left a version in force that switches files off.
    const active = await activeDocument();
    expect(active.document.modules.files).toBe(false);
    for (const c of [member, guest, t.admin]) {
      const s = await c.get('/session');
      expect(s.status).toBe(200);
      expect(s.body.policy).toEqual({
        version: active.version,
        modules: Object.entries(active.document.modules)
          .filter(([, on]) => on)
          .map(([m]) => m),
        presence: 'on',
      });
    }
    expect((await member.get('/spaces/1/files')).body.error.code).toBe('module_disabled');
  });

  it('reads the commands and their flags off the command line', () => {
    expect(policyCommand(['seed'])).toBeNull();
    expect(policyCommand(['policy-show', '--data-dir', '/x'])?.configArgv).toEqual(['--data-dir', '/x']);
    expect(policyCommand(['policy-propose', '--file', 'p.yaml', '--as', 'a@b.c', '--port', '1'])?.configArgv).toEqual(['--port', '1']);
    expect(() => policyCommand(['policy-show', '--format', 'xml'])).toThrow(/yaml or json/);
    expect(() => policyCommand(['policy-show', '--version', 'two'])).toThrow(/whole number/);
    expect(() => policyCommand(['policy-propose', '--file', 'p.yaml'])).toThrow(/usage/);
    expect(() => policyCommand(['policy-propose', '--file', '--as', 'a@b.c'])).toThrow(/needs a value/);
  });
});

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DEFAULT_POLICY, type PolicyDocument } from '@foyer/shared';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { connectWs, type WsClient } from '../test/ws.js';
import { releaseHeldNotifications } from '../notifications/release.js';
import { notify } from '../commands/notifications.js';
import { write } from '../services.js';

const TZ = 'Europe/Berlin';
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const local = (d: Date, timeZone: string, opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', ...opts }).format(d);
const isoWeekday = (d: Date, timeZone = TZ) => WEEKDAYS.indexOf(local(d, timeZone, { weekday: 'short' })) + 1;
const clock = (d: Date, timeZone: string) => local(d, timeZone, { hour: '2-digit', minute: '2-digit' });

// The agreement's only working day is three days from today (in Berlin): the real clock is outside
// everyone's default working hours however long the run takes, without faking time.
const WORKDAY = ((isoWeekday(new Date()) + 2) % 7) + 1;
const QUIET: PolicyDocument['quietHours'] = {
  enabled: true,
  start: '18:00',
  end: '08:00',
  workdays: [WORKDAY],
  timeZone: TZ,
  urgentBypass: true,
  urgentTypes: ['join_request'],
};
const DEFAULT_HOURS = { workdays: [WORKDAY], start: '08:00', end: '18:00', timeZone: TZ };

describe('quiet hours', () => {
  let t: TestFoyer;
  let base: string;
  let council: TestClient, mia: TestClient, ola: TestClient, nick: TestClient;
  let plaza: { id: number };
  let ws: WsClient;
  const db = () => t.foyer.svc.db;
  const held = () => db().selectFrom('notifications').selectAll().where('user_id', '=', mia.id).where('deliver_at', 'is not', null).orderBy('id').execute();
  const listed = async () => (await mia.get('/notifications')).body.items as { id: number; type: string; count: number; data: Record<string, unknown>; postId: number | null }[];
  const unread = async () => (await mia.get('/notifications/unread-count')).body.count as number;
  const createdEvents = () => ws.events('notification.created').map((e) => (e.data as { notificationId: number }).notificationId);

  /** Proposed by the admin, approved by the works council. */
  async function activate(quietHours: PolicyDocument['quietHours']) {
    const p = await t.admin.post('/policy/versions', { document: { ...DEFAULT_POLICY, quietHours }, note: 'quiet hours' });
    expect(p.status).toBe(200);
    expect((await council.post(`/policy/versions/${p.body.id}/approve`, { reason: 'agreed' })).body.status).toBe('active');
  }

  /**
   * An urgent notification for mia (ola asks to join a new private space of hers), delivered at
   * once. Events arrive in commit order, so once its event is here every earlier one is too.
   */
  async function fence(): Promise<number> {
    const space = (await mia.post('/spaces', { name: `Fence ${Date.now()} ${Math.random()}`, visibility: 'private' })).body;
    expect((await ola.post(`/spaces/${space.id}/request`)).status).toBe(200);
    const row = await db().selectFrom('notifications').select(['id', 'deliver_at']).where('user_id', '=', mia.id).where('type', '=', 'join_request').where('space_id', '=', space.id).executeTakeFirstOrThrow();
    expect(row.deliver_at).toBeNull();
    await ws.waitFor((m) => m.kind === 'event' && m.type === 'notification.created' && (m.data as { notificationId: number }).notificationId === row.id);
    return row.id;
  }

  beforeAll(async () => {
    t = await startTestFoyer();
    base = await t.foyer.app.listen({ port: 0, host: '127.0.0.1' });
    council = await t.user('wanda');
    mia = await t.user('mia');
    ola = await t.user('ola');
    nick = await t.user('nick');
    expect((await t.admin.put(`/admin/people/${council.id}/roles/governance`)).status).toBe(200);
    await activate(QUIET);
    plaza = (await ola.post('/spaces', { name: 'Plaza', visibility: 'public' })).body;
    expect((await mia.post(`/spaces/${plaza.id}/join`)).status).toBe(200);
    ws = await connectWs(base, mia.cookie);
  });
  afterAll(async () => {
    ws?.close();
    await t.close();
  });

  it('shows the agreement’s default as my working hours, and the agreement says quiet hours are enforced', async () => {
    const r = await mia.get('/me/working-hours');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ enabled: true, policyDefault: DEFAULT_HOURS, own: null, effective: DEFAULT_HOURS, urgentTypes: ['join_request'] });
    expect((await t.anonymous.request('GET', '/me/working-hours')).status).toBe(401);
    const policy = await mia.get('/policy?locale=en');
    const section = policy.body.sections.find((s: { id: string }) => s.id === 'quietHours');
    expect(section.sentences.join(' ')).toContain('summary');
    expect(section.sentences.join(' ')).not.toContain('does not apply this rule by itself yet');
  });

  it('refuses bad working hours with a typed 400 and changes nothing', async () => {
    const mine = { workdays: [1, 2, 3], start: '07:30', end: '15:30', timeZone: 'Europe/Lisbon' };
    expect((await mia.put('/me/working-hours', { own: mine })).body.own).toEqual(mine);
    const before = (await mia.get('/me/working-hours')).body;
    const bad: [unknown, string][] = [
      [{ own: { ...mine, timeZone: 'Mars/Olympus' } }, 'own.timeZone'],
      [{ own: { ...mine, end: '07:30' } }, 'own.end'],
      [{ own: { ...mine, workdays: [0, 1] } }, 'own.workdays.0'],
      [{ own: { ...mine, workdays: [8] } }, 'own.workdays.0'],
      [{ own: { ...mine, workdays: [2, 2] } }, 'own.workdays'],
      [{ own: { ...mine, workdays: [] } }, 'own.workdays'],
      [{ own: { ...mine, start: '24:00' } }, 'own.start'],
      [{ own: { ...mine, extra: true } }, 'own'],
      [{}, 'own'],
    ];
    for (const [body, field] of bad) {
      const r = await mia.put('/me/working-hours', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
      expect(Object.keys(r.body.error.details.fields), JSON.stringify(body)).toContain(field);
    }
    expect((await mia.get('/me/working-hours')).body).toEqual(before);
    expect((await mia.put('/me/working-hours', { own: null })).body).toMatchObject({ own: null, effective: DEFAULT_HOURS });
  });

  it('holds a mention outside working hours (not listed, not counted, no event) and delivers an urgent type at once', async () => {
    const countBefore = await unread();
    const post = await ola.post('/posts', { spaceId: plaza.id, body: 'Minutes are up, @mia' });
    expect(post.status).toBe(200);
    const urgent = await fence();
    // The mention's event would have come before the fence's: it never did.
    expect(createdEvents()).toEqual([urgent]);
    const [mention] = await held();
    expect(mention).toMatchObject({ type: 'mention', post_id: post.body.id, read_at: null });
    // It waits for the start of the next working day, 08:00 in Berlin.
    const at = new Date(mention.deliver_at!);
    expect(at.getTime()).toBeGreaterThan(Date.now());
    expect(at.getTime() - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
    expect([isoWeekday(at), clock(at, TZ)]).toEqual([WORKDAY, '08:00']);
    expect((await listed()).map((n) => n.id)).not.toContain(mention.id);
    expect((await listed()).map((n) => n.id)).toContain(urgent);
    expect(await unread()).toBe(countBefore + 1);
    // "Mark all as read" means what I can see, not what waits.
    expect((await mia.post('/notifications/read', { all: true })).body.count).toBe(0);
    expect(await held()).toEqual([{ ...mention }]);
  });

  it('lets my own working hours override the default, and moves what waits when I change them', async () => {
    // Own hours in New York around this very moment (every day, four hours either side).
    const ny = 'America/New_York';
    const now = new Date();
    const own = {
      workdays: [1, 2, 3, 4, 5, 6, 7],
      start: clock(new Date(now.getTime() - 4 * 3600_000), ny),
      end: clock(new Date(now.getTime() + 4 * 3600_000), ny),
      timeZone: ny,
    };
    const r = await mia.put('/me/working-hours', { own });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ enabled: true, own, effective: own, policyDefault: DEFAULT_HOURS });
    // The waiting mention now waits for nothing: it is due for the next release.
    const [mention] = await held();
    expect(new Date(mention.deliver_at!).getTime()).toBeLessThanOrEqual(Date.now());

    // My post gets a reaction while I work: delivered at once, as a group of one.
    const mine = (await mia.post('/posts', { spaceId: plaza.id, body: 'Lunch at noon?' })).body;
    expect((await ola.put(`/posts/${mine.id}/reactions/like`)).status).toBe(200);
    const group = (await listed()).find((n) => n.type === 'reaction' && n.postId === mine.id);
    expect(group).toMatchObject({ count: 1 });
    await ws.waitFor((m) => m.kind === 'event' && m.type === 'notification.created' && (m.data as { notificationId: number }).notificationId === group!.id);

    // Back to the default: the mention waits for the agreement's working day again, and so does
    // the next reaction (held on its own, not folded into the delivered group yet).
    expect((await mia.put('/me/working-hours', { own: null })).body.own).toBeNull();
    expect(isoWeekday(new Date((await held())[0].deliver_at!))).toBe(WORKDAY);
    expect((await nick.put(`/posts/${mine.id}/reactions/like`)).status).toBe(200);
    const waiting = await held();
    expect(waiting.map((n) => n.type)).toEqual(['mention', 'reaction']);
    expect((await listed()).find((n) => n.id === group!.id)).toMatchObject({ count: 1 });

    // The decision takes its moment as a parameter: at 10:00 on the working day it delivers.
    const workingMoment = new Date(waiting[0].deliver_at!).getTime() + 2 * 3600_000;
    const id = await write(t.foyer.svc, (trx) => notify(trx, { userId: mia.id, type: 'mention', actorId: ola.id, spaceId: plaza.id, postId: mine.id }, new Date(workingMoment)));
    expect((await db().selectFrom('notifications').select('deliver_at').where('id', '=', id!).executeTakeFirstOrThrow()).deliver_at).toBeNull();
    await ws.waitFor((m) => m.kind === 'event' && m.type === 'notification.created' && (m.data as { notificationId: number }).notificationId === id);
    await db().deleteFrom('notifications').where('id', '=', id!).execute();
  });

  it('releases what waited at the next working start, once, with a single summary and a single event', async () => {
    const waiting = await held();
    expect(waiting).toHaveLength(2);
    const due = new Date(Math.max(...waiting.map((n) => new Date(n.deliver_at!).getTime())));
    // Not yet due: nothing happens.
    expect(await releaseHeldNotifications(t.foyer.svc, new Date(due.getTime() - 60_000))).toBe(0);
    expect(await held()).toHaveLength(2);

    const eventsBefore = createdEvents().length;
    // Two nodes at once: each row is released by exactly one of them.
    const after = new Date(due.getTime() + 60_000);
    const counts = await Promise.all([releaseHeldNotifications(t.foyer.svc, after), releaseHeldNotifications(t.foyer.svc, after)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await releaseHeldNotifications(t.foyer.svc, after)).toBe(0);
    expect(await held()).toEqual([]);

    const items = await listed();
    const summaries = items.filter((n) => n.type === 'quiet_hours_summary');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ data: { count: 2 } });
    expect(items[0].id).toBe(summaries[0].id);
    expect(items.filter((n) => n.type === 'mention')).toHaveLength(1);
    // The held reaction joined the delivered group: one notification, two people.
    const reactions = items.filter((n) => n.type === 'reaction');
    expect(reactions).toHaveLength(1);
    expect(reactions[0].count).toBe(2);
    // Summary, mention, reaction group.
    expect(await unread()).toBe(3);

    const fenced = await fence();
    expect(createdEvents().slice(eventsBefore)).toEqual([summaries[0].id, fenced]);
  });

  it('lets everything out when the agreement switches quiet hours off', async () => {
    await ola.post('/posts', { spaceId: plaza.id, body: 'One more thing, @mia' });
    expect(await held()).toHaveLength(1);
    await activate({ ...QUIET, enabled: false });
    expect((await mia.get('/me/working-hours')).body).toMatchObject({ enabled: false, own: null });
    expect(await releaseHeldNotifications(t.foyer.svc)).toBe(1);
    expect(await held()).toEqual([]);
    const items = await listed();
    expect(items[0]).toMatchObject({ type: 'quiet_hours_summary', data: { count: 1 } });
    expect(items[1]).toMatchObject({ type: 'mention' });
    // And nothing new waits.
    await ola.post('/posts', { spaceId: plaza.id, body: 'Last one, @mia' });
    expect(await held()).toEqual([]);
  });
});

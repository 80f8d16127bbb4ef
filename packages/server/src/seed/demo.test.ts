import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, type TestFoyer } from '../test/harness.js';
import { seedDemo } from './demo.js';
import { createSession } from '../commands/accounts.js';
import { DEMO_CHAT } from './demo-chat.js';

describe('demo company', () => {
  let t: TestFoyer;
  beforeAll(async () => {
    // A fresh installation without the test organisation: the demo creates its own.
    t = await startTestFoyer();
    await t.foyer.svc.db.deleteFrom('users').execute();
    await t.foyer.svc.db.deleteFrom('organisation').execute();
    await seedDemo(t.foyer.svc);
  }, 120_000);
  afterAll(() => t.close());

  const as = async (email: string) => {
    const user = await t.foyer.svc.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    const { token, csrfToken } = await createSession(t.foyer.svc.db, user.id, 'test');
    return (url: string) =>
      t.foyer.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: `foyer_session=${token}`, 'x-csrf-token': csrfToken } }).then((r) => r.json());
  };

  it('gives the demo employee conversations, a thread and unread messages in both languages', async () => {
    const get = await as('sophie.mueller@nordlicht.example');
    const list = (await get('/conversations')).items;
    expect(list.map((c: { kind: string }) => c.kind).sort()).toEqual(['channel', 'channel', 'direct', 'direct', 'group']);
    expect(list.some((c: { unreadCount: number }) => c.unreadCount > 0)).toBe(true);
    const group = list.find((c: { kind: string }) => c.kind === 'group');
    const history = (await get(`/conversations/${group.id}/messages`)).items;
    expect(history.some((m: { replyCount: number }) => m.replyCount === 2)).toBe(true);
    expect(DEMO_CHAT.flatMap((c) => c.messages).length).toBeGreaterThan(15);
  });
});

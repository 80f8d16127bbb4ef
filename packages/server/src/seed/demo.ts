/**
 * Fills a fresh installation with the demo company (see demo-data.ts), through the same commands
 * a person would use, so demo content has notifications, hashtags and mentions like real content.
 */
import type { Services } from '../services.js';
import { write } from '../services.js';
import { hashPassword } from '../auth/passwords.js';
import { insertUser } from '../commands/accounts.js';
import * as spaces from '../commands/spaces.js';
import * as posts from '../commands/posts.js';
import { nowIso } from '../lib/time.js';
import type { Actor } from '../policies/actor.js';
import { seedDemoChat } from './demo-chat.js';
import { DEMO_ORG, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_SITES, DEMO_SPACES, DEMO_POSTS, demoSpaceMembers } from './demo-data.js';

export function DEMO_ACCOUNTS() {
  return DEMO_PEOPLE.filter((p) => p.demoLabel).map((p) => ({ email: p.email, password: DEMO_PASSWORD, label: p.demoLabel!, name: p.name }));
}

export async function seedDemo(svc: Services): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids = new Map<string, number>();
  const roles = new Map<string, Actor['role']>();
  await write(svc, async (trx) => {
    await trx
      .insertInto('organisation')
      .values({
        id: 1,
        name: DEMO_ORG.name,
        default_locale: DEMO_ORG.defaultLocale,
        allowed_domains: JSON.stringify(DEMO_ORG.allowedDomains),
        demo: 1,
        created_at: nowIso(),
      })
      .execute();
    for (const p of DEMO_PEOPLE) {
      const site = DEMO_SITES.find((s) => s.name === p.site);
      const id = await insertUser(trx, {
        email: p.email,
        name: p.name,
        handle: p.handle,
        passwordHash,
        role: p.role,
        locale: p.locale,
        profile: {
          title: p.title,
          department: p.department,
          site: p.site,
          country: site?.country ?? '',
          timezone: site?.timezone ?? 'Europe/Berlin',
          about: p.about,
          languages: p.languages,
        },
      });
      ids.set(p.handle, id);
      roles.set(p.handle, p.role);
    }
  });
  const actor = (handle: string): Actor => ({ id: ids.get(handle)!, role: roles.get(handle)!, scope: 'session' });
  const spaceIds = new Map<string, number>();
  for (const s of DEMO_SPACES) {
    const id = await spaces.createSpace(svc, actor(s.owner), { name: s.name, description: s.description, visibility: s.visibility, slug: s.slug });
    spaceIds.set(s.slug, id);
    const members = new Set(demoSpaceMembers(s));
    members.delete(s.owner);
    // Members are added directly: the demo has no one to accept invitations.
    await write(svc, async (trx) => {
      for (const h of members) {
        if (!ids.has(h)) continue;
        await trx
          .insertInto('memberships')
          .values({ space_id: id, user_id: ids.get(h)!, role: 'member', state: 'member', created_at: nowIso() })
          .execute();
      }
    });
  }
  const ordered = [...DEMO_POSTS].sort((a, b) => b.hoursAgo - a.hoursAgo);
  for (const p of ordered) {
    const spaceId = spaceIds.get(p.space)!;
    const { id } = (await posts.createPost(svc, actor(p.author), spaceId, p.body)).post;
    const commentIds: number[] = [];
    for (const c of p.comments ?? []) {
      const { id: commentId } = await posts.createComment(svc, actor(c.author), id, c.body);
      commentIds.push(commentId);
      for (const r of c.replies ?? []) commentIds.push((await posts.createComment(svc, actor(r.author), id, r.body, commentId)).id);
    }
    for (const r of p.reactions ?? []) await posts.setReaction(svc, actor(r.handle), { postId: id }, r.reaction, true);
    if (p.pinned) await posts.setPinned(svc, actor(DEMO_SPACES.find((s) => s.slug === p.space)!.owner), id, true);
    // Spread the demo over the past days so the feed reads like a living network.
    const at = new Date(Date.now() - p.hoursAgo * 3600_000).toISOString();
    await svc.db.updateTable('posts').set({ created_at: at }).where('id', '=', id).execute();
    // Comments follow their post at a plausible pace, never in the future.
    for (const [i, commentId] of commentIds.entries()) {
      const commentAt = new Date(Math.min(Date.now() - 60_000, Date.parse(at) + (i + 1) * 17 * 60_000)).toISOString();
      await svc.db.updateTable('comments').set({ created_at: commentAt }).where('id', '=', commentId).execute();
    }
  }
  await seedDemoChat(svc, actor, spaceIds);
}

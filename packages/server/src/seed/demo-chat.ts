/**
 * Chat for the demo company: direct and group conversations of the demo employee and space
 * owner, and channels in two spaces, in German and English — written through the chat commands.
 */
import type { Services } from '../services.js';
import type { Actor } from '../policies/actor.js';
import * as chat from '../commands/chat.js';

interface DemoMessage {
  from: string;
  body: string;
  minutesAgo: number;
  /** Index of an earlier message of the same conversation this one replies to (thread). */
  replyTo?: number;
  reactions?: { handle: string; reaction: 'like' | 'love' | 'celebrate' | 'insightful' | 'support' | 'laugh' }[];
}

interface DemoConversation {
  kind: 'direct' | 'group' | 'channel';
  /** Direct and group: the starter first. Channel: the space owner who creates it. */
  people: string[];
  name?: string;
  space?: string;
  messages: DemoMessage[];
}

export const DEMO_CHAT: DemoConversation[] = [
  {
    kind: 'direct',
    people: ['lena.hoffmann', 'sophie.mueller'],
    messages: [
      { from: 'lena.hoffmann', body: 'Hi Sophie, hast du kurz Zeit wegen der Standortplanung für das Sommerfest?', minutesAgo: 190 },
      { from: 'sophie.mueller', body: 'Klar! Ich bin ab 14 Uhr frei. Geht es um die Halle in Augsburg?', minutesAgo: 185 },
      { from: 'lena.hoffmann', body: 'Genau. Die Feuerwehr möchte bis Freitag einen **Fluchtwegeplan** sehen.', minutesAgo: 183 },
      { from: 'sophie.mueller', body: 'Den habe ich vom letzten Jahr, ich passe ihn an und schicke ihn dir.', minutesAgo: 180, reactions: [{ handle: 'lena.hoffmann', reaction: 'celebrate' }] },
      { from: 'lena.hoffmann', body: 'Super, danke dir! 🙌', minutesAgo: 12 },
    ],
  },
  {
    kind: 'direct',
    people: ['tom.hughes', 'sophie.mueller'],
    messages: [
      { from: 'tom.hughes', body: 'Morning Sophie — could you share the supplier contact for the Manchester fit-out?', minutesAgo: 75 },
      { from: 'sophie.mueller', body: 'Sure, it is @priya.patel who handles it now. I will loop her in.', minutesAgo: 70 },
      { from: 'tom.hughes', body: 'Perfect, thanks!', minutesAgo: 40 },
    ],
  },
  {
    kind: 'group',
    people: ['sophie.mueller', 'lena.hoffmann', 'markus.schulz', 'aylin.yilmaz'],
    name: 'Sommerfest 2026 – Orga',
    messages: [
      { from: 'markus.schulz', body: 'Catering-Angebote sind da: drei Anbieter, Preise zwischen 18 und 26 € pro Person.', minutesAgo: 300 },
      { from: 'aylin.yilmaz', body: 'Gibt es bei allen eine vegane Option?', minutesAgo: 290, replyTo: 0 },
      { from: 'markus.schulz', body: 'Bei zwei von dreien, beim dritten nur auf Nachfrage.', minutesAgo: 285, replyTo: 0 },
      { from: 'lena.hoffmann', body: 'Lasst uns am Donnerstag entscheiden. @sophie.mueller kannst du die Angebote in eine Tabelle packen?', minutesAgo: 240 },
      { from: 'sophie.mueller', body: 'Mache ich bis Mittwochabend.', minutesAgo: 230, reactions: [{ handle: 'markus.schulz', reaction: 'like' }, { handle: 'lena.hoffmann', reaction: 'like' }] },
      { from: 'aylin.yilmaz', body: 'Ich frage die Band wegen des Termins an. 🎸', minutesAgo: 35 },
    ],
  },
  {
    kind: 'channel',
    people: ['lena.hoffmann'],
    space: 'sports-social',
    name: 'laufgruppe',
    messages: [
      { from: 'lena.hoffmann', body: 'Lauftreff heute 17:30 am Haupteingang, 8 km ruhiges Tempo. Wer ist dabei?', minutesAgo: 400 },
      { from: 'dennis.krueger', body: 'Bin dabei!', minutesAgo: 395, replyTo: 0 },
      { from: 'oliver.bennett', body: 'Count me in — first run since the marathon 😅', minutesAgo: 380, replyTo: 0, reactions: [{ handle: 'lena.hoffmann', reaction: 'support' }] },
      { from: 'tim.brandt', body: 'Nächste Woche können wir den Firmenlauf-Kurs testen. #firmenlauf', minutesAgo: 60 },
    ],
  },
  {
    kind: 'channel',
    people: ['lena.hoffmann'],
    space: 'sports-social',
    name: 'kicker',
    messages: [{ from: 'jan.peters', body: 'Revanche beim Kicker um 12? Die IT fordert das Marketing heraus. ⚽', minutesAgo: 20 }],
  },
];

export async function seedDemoChat(svc: Services, actor: (handle: string) => Actor, spaceIds: Map<string, number>): Promise<void> {
  let key = 0;
  for (const c of DEMO_CHAT) {
    const [starter, ...others] = c.people;
    const id =
      c.kind === 'direct'
        ? await chat.openDirect(svc, actor(starter), actor(others[0]).id)
        : c.kind === 'group'
          ? await chat.createGroup(svc, actor(starter), others.map((h) => actor(h).id), c.name)
          : await chat.createChannel(svc, actor(starter), spaceIds.get(c.space!)!, c.name!);
    const sent: number[] = [];
    for (const m of c.messages) {
      const threadRootId = m.replyTo === undefined ? undefined : sent[m.replyTo];
      const messageId = await chat.sendMessage(svc, actor(m.from), id, { body: m.body, clientKey: `demo-${++key}-seed`, threadRootId });
      sent.push(messageId);
      for (const r of m.reactions ?? []) await chat.setMessageReaction(svc, actor(r.handle), messageId, r.reaction, true);
      await svc.db.updateTable('messages').set({ created_at: new Date(Date.now() - m.minutesAgo * 60_000).toISOString() }).where('id', '=', messageId).execute();
    }
    const last = c.messages.reduce((min, m) => Math.min(min, m.minutesAgo), Infinity);
    await svc.db.updateTable('conversations').set({ last_message_at: new Date(Date.now() - last * 60_000).toISOString() }).where('id', '=', id).execute();
  }
}

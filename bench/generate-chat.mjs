#!/usr/bin/env node
// Adds chat to a generated company (SQLite): the load groups used by the chat delivery benchmark
// (500 groups of 20 people, everyone in exactly one), 5,000 direct conversations, and N messages
// (default 10,000,000 at full scale) spread over all of them with a Zipf-like skew — 5% thread
// replies, reactions on 3% — written straight into the schema after the server's migrations.
//
//   node bench/generate-chat.mjs [--scale full] [--db sqlite|postgres] [--messages 10000000]
//
// Writes chat-meta.json next to the data: the load groups and a sample of conversations by size.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, dataDirFor, pgUrlFor, parseArgs, readMeta, rng, log } from './lib/common.mjs';
import { sqliteSink, pgSink } from './generate.mjs';

const require = createRequire(path.join(ROOT, 'packages/server/package.json'));

const SENTENCES = [
  'Can someone review the deck before the steering meeting?',
  'Kurze Frage: ist die Freigabe für das Angebot schon durch?',
  'Thanks, that fixed it.',
  'Ich schaue mir das heute Nachmittag an.',
  'The supplier confirmed delivery for Thursday.',
  'Lunch at 12:30 in the canteen?',
  'Wir müssen die Zahlen für Q3 noch einmal prüfen.',
  'Here is the link to the draft, comments welcome.',
  'Meeting moved to room 4.12.',
  'Danke dir, passt so!',
];
const REACTIONS = ['like', 'love', 'celebrate', 'insightful', 'support', 'laugh'];

export async function generateChat({ scale = 'full', db = 'sqlite', messages, seed = 7, groups = 500, groupSize = 20, directs = 5000 } = {}) {
  const dataDir = dataDirFor(scale, db);
  const databaseUrl = db === 'postgres' ? pgUrlFor(scale) : undefined;
  const meta = readMeta(dataDir);
  const people = meta.sessions.filter((s) => s.role !== 'guest').map((s) => s.id);
  messages ??= scale === 'full' ? 10_000_000 : 500_000;
  const R = rng(seed);
  const t0 = Date.now();
  // The data set may predate the chat migration: apply the server's migrations, then start empty.
  const { openDb } = await import(path.join(ROOT, 'packages/server/dist/db/connection.js'));
  const { migrate } = await import(path.join(ROOT, 'packages/server/dist/db/migrate.js'));
  const conn = openDb({ dataDir, databaseUrl });
  await migrate(conn);
  const { sql } = await import(require.resolve('kysely'));
  for (const table of ['messages', 'message_reactions', 'message_mentions', 'conversation_members', 'conversation_state', 'conversations'])
    await sql.raw(`delete from ${table}`).execute(conn.kysely);
  const sink = databaseUrl ? await pgSink(databaseUrl) : sqliteSink(dataDir);
  const dropped = await sink.dropIndexes(['messages', 'message_reactions', 'conversation_members', 'conversation_state']);
  const now = new Date().toISOString();
  const convs = [];
  const I = 'int';
  const T = 'text';
  const conversations = sink.table('conversations', [['id', I], ['kind', T], ['space_id', I], ['name', T], ['direct_key', T], ['created_by', I], ['created_at', T], ['last_message_id', I], ['last_message_at', T]]);
  const members = sink.table('conversation_members', [['conversation_id', I], ['user_id', I], ['joined_at', T]]);
  const state = sink.table('conversation_state', [['conversation_id', I], ['user_id', I], ['last_read_id', I], ['muted', I], ['notify', T]]);
  const loadGroups = [];
  let id = 0;
  // Load groups: people split into groups of `groupSize`, each person in exactly one.
  for (let g = 0; g < groups && (g + 1) * groupSize <= people.length; g++) {
    const ids = people.slice(g * groupSize, (g + 1) * groupSize);
    convs.push({ id: ++id, members: ids });
    loadGroups.push({ id, members: ids });
  }
  const directKeys = new Set();
  while (convs.length < loadGroups.length + directs) {
    const a = R.pick(people);
    const b = R.pick(people);
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    if (a === b || directKeys.has(key)) continue;
    directKeys.add(key);
    convs.push({ id: ++id, members: [a, b], key });
  }
  // Conversations drawn with Zipf-like weights (the busiest get the most), in time order across
  // all of them, as in real traffic. The weights are shuffled so busy groups and directs mix.
  const weights = convs.map((_, i) => 1 / Math.pow(i + 1, 0.8));
  for (let i = weights.length - 1; i > 0; i--) {
    const j = R.int(i + 1);
    [weights[i], weights[j]] = [weights[j], weights[i]];
  }
  const cumulative = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  const draw = () => {
    const x = R() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (cumulative[m] < x) lo = m + 1;
      else hi = m;
    }
    return lo;
  };
  const msgs = sink.table('messages', [
    ['id', I],
    ['conversation_id', I],
    ['author_id', I],
    ['body', T],
    ['html', T],
    ['thread_root_id', I],
    ['quote_id', I],
    ['client_key', T],
    ['created_at', T],
    ['edited_at', T],
    ['deleted_at', T],
    ['reply_count', I],
    ['last_reply_at', T],
  ]);
  const reactions = sink.table('message_reactions', [['message_id', I], ['user_id', I], ['reaction', T], ['created_at', T]]);
  let mid = 0;
  let written = 0;
  const start = Date.now() - 365 * 24 * 3600 * 1000;
  const lastTop = new Array(convs.length).fill(0);
  while (written < messages) {
    const i = draw();
    const c = convs[i];
    const author = c.members[R.int(c.members.length)];
    const text = SENTENCES[R.int(SENTENCES.length)];
    const reply = lastTop[i] && R() < 0.05;
    const at = new Date(start + (written / messages) * 365 * 24 * 3600 * 1000).toISOString();
    mid++;
    await msgs.add([mid, c.id, author, text, `<p>${text}</p>\n`, reply ? lastTop[i] : null, null, null, at, null, null, 0, null]);
    if (!reply) lastTop[i] = mid;
    if (R() < 0.03) await reactions.add([mid, c.members[R.int(c.members.length)], REACTIONS[R.int(REACTIONS.length)], at]);
    written++;
    if (written % 1_000_000 === 0) log(`generate-chat: ${written} messages`);
  }
  for (const [i, c] of convs.entries()) {
    await conversations.add([
      c.id,
      c.key ? 'direct' : 'group',
      null,
      c.key ? null : `Load group ${c.id}`,
      c.key ?? null,
      c.members[0],
      now,
      lastTop[i],
      now,
    ]);
    for (const u of c.members) {
      await members.add([c.id, u, now]);
      await state.add([c.id, u, lastTop[i], 0, 'all']);
    }
  }
  await sink.restoreIndexes(dropped);
  await sink.finish();
  // Reply counts on thread roots in one statement; sequences past the written ids (PostgreSQL).
  await sql`update messages set reply_count = r.n, last_reply_at = r.last from (select thread_root_id as root, count(*) as n, max(created_at) as last from messages where thread_root_id is not null group by thread_root_id) as r where messages.id = r.root`.execute(conn.kysely);
  if (databaseUrl)
    for (const table of ['conversations', 'messages'])
      await sql.raw(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 1))`).execute(conn.kysely);
  const sizes = (await sql`select conversation_id as id, count(*) as n from messages group by conversation_id order by n desc`.execute(conn.kysely)).rows.map((r) => ({ id: r.id, n: Number(r.n) }));
  await conn.close();
  const sample = [sizes[0], sizes[Math.floor(sizes.length / 100)], sizes[Math.floor(sizes.length / 10)], sizes[Math.floor(sizes.length / 2)]].filter(Boolean);
  const seconds = (Date.now() - t0) / 1000;
  const chatMeta = { messages: written, conversations: convs.length, loadGroups, sample, seconds, members: Object.fromEntries(sample.map((s) => [s.id, convs[s.id - 1].members])) };
  fs.writeFileSync(path.join(dataDir, 'chat-meta.json'), JSON.stringify(chatMeta));
  log(`generate-chat: ${written} messages in ${convs.length} conversations, ${seconds.toFixed(1)} s`);
  return chatMeta;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs();
  await generateChat({ scale: args.scale ?? 'full', db: args.db ?? 'sqlite', messages: args.messages ? Number(args.messages) : undefined });
}

#!/usr/bin/env node
// Generates a synthetic company straight into Foyer's schema (after the server's own migrations).
//
//   node bench/generate.mjs [--scale tiny|small|full] [--db sqlite|postgres] [--data-dir DIR] [--seed N]
//
// SQLite: one prepared statement per table inside large transactions. PostgreSQL: multi-row
// INSERT ... SELECT FROM unnest($1::int[], ...) in batches. Secondary indexes are dropped before
// the load and rebuilt after it (same definitions as the migration). Writes bench-meta.json (session
// tokens, memberships, the big space used for the WebSocket test) next to the data; the data set
// itself stays outside the repository (default /tmp/foyer-bench/<db>-<scale>).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { ROOT, SCALES, PG_ADMIN, parseArgs, dataDirFor, pgUrlFor, rng, log } from './lib/common.mjs';

const require = createRequire(path.join(ROOT, 'packages/server/package.json'));

export async function generate({ scale = 'small', db = 'sqlite', dataDir, seed = 42, quiet = false } = {}) {
  const S = SCALES[scale];
  if (!S) throw new Error(`unknown scale ${scale}`);
  dataDir ??= dataDirFor(scale, db);
  const say = quiet ? () => {} : log;
  const timings = {};
  const t0 = Date.now();
  let tPhase = Date.now();
  const phase = (name) => {
    timings[name] = (Date.now() - tPhase) / 1000;
    say(`generate: ${name} ${timings[name].toFixed(1)} s`);
    tPhase = Date.now();
  };

  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  let databaseUrl;
  if (db === 'postgres') {
    const pg = require('pg');
    databaseUrl = pgUrlFor(scale);
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    const name = new URL(databaseUrl).pathname.slice(1);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
  }

  // 1. The server's own migrations.
  const { openDb } = await import(path.join(ROOT, 'packages/server/dist/db/connection.js'));
  const { migrate } = await import(path.join(ROOT, 'packages/server/dist/db/migrate.js'));
  const conn = openDb({ databaseUrl, dataDir });
  await migrate(conn);
  await conn.close();
  phase('migrate');

  // 2. One argon2id hash (same parameters as the server), reused for everyone.
  const { hash } = require('@node-rs/argon2');
  const PASSWORD = 'correct-horse-battery';
  const passwordHash = await hash(PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1 });

  const sink = db === 'postgres' ? await pgSink(databaseUrl) : sqliteSink(dataDir);
  const indexes = await sink.dropIndexes(['memberships', 'posts', 'comments', 'post_hashtags', 'follow_posts', 'follow_users', 'sessions']);

  const R = rng(seed);
  const now = Date.now();
  const iso = (ms) => new Date(ms).toISOString();
  const counts = {};
  const table = (name, cols) => {
    counts[name] = 0;
    const t = sink.table(name, cols);
    return (row) => {
      counts[name]++;
      return t.add(row);
    };
  };

  // ---- people
  const FIRST = ['Anna', 'Ben', 'Clara', 'David', 'Emma', 'Felix', 'Greta', 'Hannah', 'Ivan', 'Jonas', 'Katrin', 'Lukas', 'Mia', 'Noah', 'Olga', 'Paul', 'Quinn', 'Rosa', 'Sven', 'Tara', 'Ulla', 'Vera', 'Willem', 'Xenia', 'Yusuf', 'Zoe', 'Amir', 'Bea', 'Chen', 'Dana', 'Elif', 'Farid', 'Gita', 'Hugo', 'Ines', 'Jan', 'Kai', 'Lea', 'Mats', 'Nina'];
  const LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause', 'Lehmann', 'Köhler', 'Maier', 'Hermann', 'König', 'Walter', 'Peters', 'Öztürk', 'Nguyen', 'Kowalski', 'Rossi', 'Dubois', 'Smith', 'García', 'Jansen', 'Novak', 'Silva'];
  const DEPTS = ['Engineering', 'Sales', 'Marketing', 'Finance', 'HR', 'Operations', 'Legal', 'Support', 'Product', 'Design', 'Logistics', 'Procurement'];
  const SITES = ['Berlin', 'Munich', 'Hamburg', 'Vienna', 'Zurich', 'Amsterdam', 'Lisbon', 'Warsaw', 'Remote'];
  const TITLES = ['Engineer', 'Senior Engineer', 'Manager', 'Analyst', 'Specialist', 'Lead', 'Director', 'Consultant', 'Coordinator', 'Designer'];
  const U = S.users;
  const role = new Array(U + 1);
  const employees = [];
  const guests = [];
  const addUser = table('users', [['id', 'int'], ['email', 'text'], ['handle', 'text'], ['name', 'text'], ['password_hash', 'text'], ['role', 'text'], ['status', 'text'], ['title', 'text'], ['department', 'text'], ['site', 'text'], ['country', 'text'], ['languages', 'text'], ['timezone', 'text'], ['about', 'text'], ['contact', 'text'], ['locale', 'text'], ['photo_key', 'text'], ['created_at', 'text'], ['session_generation', 'int']]);
  const handles = new Array(U + 1);
  for (let id = 1; id <= U; id++) {
    const r = id === 1 ? 'admin' : R() < 0.01 ? 'guest' : R() < 0.005 ? 'admin' : 'member';
    role[id] = r;
    (r === 'guest' ? guests : employees).push(id);
    const first = FIRST[id % FIRST.length];
    const last = R.pick(LAST);
    const handle = `${first}.${last}`.toLowerCase().normalize('NFKD').replace(/[^a-z.]/g, '') + id;
    handles[id] = handle;
    const dept = R.pick(DEPTS);
    const p = addUser([id, `${handle}@example.com`, handle, `${first} ${last}`, passwordHash, r, 'active', R.pick(TITLES), dept, R.pick(SITES), 'DE', '["en","de"]', 'Europe/Berlin', `Working in ${dept}.`, '{}', R() < 0.5 ? 'de' : 'en', null, iso(now - 800 * 86400e3 + id * 1000), 0]);
    if (p) await p;
  }
  const addOrg = table('organisation', [['id', 'int'], ['name', 'text'], ['default_locale', 'text'], ['allowed_domains', 'text'], ['demo', 'int'], ['created_at', 'text']]);
  await addOrg([1, 'Bench AG', 'en', '["example.com"]', 0, iso(now - 800 * 86400e3)]);

  // ---- spaces and memberships: one all-company space, then Zipf-sized teams and communities.
  const NS = S.spaces;
  const members = new Array(NS + 1); // sorted Int32Array of member user ids
  const visibility = new Array(NS + 1);
  const perm = Int32Array.from(employees);
  for (let s = 1; s <= NS; s++) {
    let ids;
    if (s === 1) ids = Int32Array.from(employees);
    else {
      const n = Math.max(3, Math.min(employees.length, Math.round((employees.length * 0.6) / Math.pow(s - 1, 0.8))));
      for (let i = 0; i < n; i++) {
        const j = i + R.int(perm.length - i);
        const t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      ids = perm.slice(0, n);
    }
    visibility[s] = s === 1 ? 'public' : s === 2 ? 'private' : R() < 0.6 ? 'public' : R() < 0.75 ? 'private' : 'secret';
    members[s] = ids;
  }
  // Guests join one to three small spaces.
  const extra = new Map();
  for (const g of guests) {
    const k = 1 + R.int(3);
    for (let i = 0; i < k; i++) {
      const s = Math.max(3, NS - R.int(Math.max(1, Math.floor(NS / 2))));
      if (!extra.has(s)) extra.set(s, []);
      extra.get(s).push(g);
    }
  }
  for (const [s, gs] of extra) members[s] = Int32Array.from(new Set([...members[s], ...gs]));
  for (let s = 1; s <= NS; s++) members[s].sort();
  phase('people+spaces (memory)');

  // ---- posts: space chosen by weight (size^0.8), author skewed towards active members.
  const P = S.posts;
  const cum = new Float64Array(NS + 1);
  for (let s = 1; s <= NS; s++) cum[s] = cum[s - 1] + Math.pow(members[s].length, 0.8);
  const total = cum[NS];
  const postSpace = new Int32Array(P + 1);
  for (let i = 1; i <= P; i++) {
    const x = R() * total;
    let lo = 1;
    let hi = NS;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    postSpace[i] = lo;
  }
  // Per-post comment and reaction counts: exponential, then nudged to the exact totals.
  const nComments = new Uint16Array(P + 1);
  const nPostReactions = new Uint16Array(P + 1);
  const nCommentReactions = new Uint16Array(P + 1);
  const postReactTotal = Math.round(S.reactions * 0.8);
  const commentReactTotal = S.reactions - postReactTotal;
  const fill = (arr, target, mean, cap) => {
    let sum = 0;
    for (let i = 1; i <= P; i++) {
      const v = Math.min(cap(i), Math.floor(-Math.log(1 - R()) * mean * 1.0));
      arr[i] = v;
      sum += v;
    }
    let guard = 0;
    while (sum !== target && guard++ < target * 20) {
      const i = 1 + R.int(P);
      if (sum < target && arr[i] < cap(i)) {
        arr[i]++;
        sum++;
      } else if (sum > target && arr[i] > 0) {
        arr[i]--;
        sum--;
      }
    }
  };
  fill(nComments, S.comments, S.comments / P + 0.5, () => 500);
  fill(nPostReactions, postReactTotal, postReactTotal / P + 0.5, (i) => Math.min(2000, members[postSpace[i]].length));
  fill(nCommentReactions, commentReactTotal, commentReactTotal / P + 0.3, (i) => Math.min(2000, nComments[i] * members[postSpace[i]].length));
  phase('distributions');

  const TAGS = Array.from({ length: S.tags }, (_, i) => ['release', 'kudos', 'security', 'hiring', 'offsite', 'quarterly', 'roadmap', 'welcome', 'incident', 'learning'][i % 10] + (i >= 10 ? i : ''));
  const WORDS = 'the a we our team release customer project update meeting plan quarter review launch design feedback idea question today tomorrow week thanks great please new draft roadmap budget office travel training onboarding sales numbers support ticket deploy fix bug feature demo workshop lunch coffee survey results goals process policy document link slides notes agenda'.split(' ');
  const sentence = (min, max) => {
    const n = min + R.int(max - min);
    const w = new Array(n);
    for (let i = 0; i < n; i++) w[i] = WORDS[R.int(WORDS.length)];
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    return w.join(' ') + '.';
  };
  const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const REACTIONS = ['like', 'like', 'like', 'like', 'love', 'celebrate', 'insightful', 'support', 'laugh'];

  const addPost = table('posts', [['id', 'int'], ['space_id', 'int'], ['author_id', 'int'], ['body', 'text'], ['html', 'text'], ['created_at', 'text'], ['edited_at', 'text'], ['deleted_at', 'text'], ['pinned_at', 'text'], ['comment_count', 'int'], ['reaction_count', 'int']]);
  const addTag = table('post_hashtags', [['post_id', 'int'], ['tag', 'text'], ['space_id', 'int']]);
  const addComment = table('comments', [['id', 'int'], ['post_id', 'int'], ['parent_id', 'int'], ['author_id', 'int'], ['body', 'text'], ['html', 'text'], ['created_at', 'text'], ['edited_at', 'text'], ['deleted_at', 'text']]);
  const addReaction = table('reactions', [['post_id', 'int'], ['comment_id', 'int'], ['user_id', 'int'], ['reaction', 'text'], ['created_at', 'text']]);
  // follow_posts (author and commenters follow a post) are collected as packed keys and inserted
  // sorted at the end, so the primary key index is filled in order.
  let followKeys = new Float64Array(P * 3);
  let nFollow = 0;
  const follow = (user, post) => {
    if (nFollow === followKeys.length) {
      const bigger = new Float64Array(followKeys.length * 2);
      bigger.set(followKeys);
      followKeys = bigger;
    }
    followKeys[nFollow++] = user * 4294967296 + post;
  };
  const lastActivity = new Array(NS + 1).fill(null);
  const start = now - 730 * 86400e3;
  const step = (730 * 86400e3 - 3600e3) / P;
  let commentId = 0;
  const skewMember = (list) => list[Math.floor(list.length * R() * R())];
  const distinctUsers = (list, k) => {
    if (k >= list.length) return Array.from(list);
    if (k > list.length / 3) {
      const copy = Array.from(list);
      for (let i = 0; i < k; i++) {
        const j = i + R.int(copy.length - i);
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, k).sort((a, b) => a - b);
    }
    const set = new Set();
    while (set.size < k) set.add(list[R.int(list.length)]);
    return [...set].sort((a, b) => a - b);
  };

  for (let p = 1; p <= P; p++) {
    const s = postSpace[p];
    const list = members[s];
    const author = skewMember(list);
    const t = start + p * step;
    const created = iso(t);
    let body = sentence(6, 50);
    let html = escapeHtml(body);
    const tags = [];
    if (R() < 0.25) {
      const k = 1 + (R() < 0.3 ? 1 : 0);
      for (let i = 0; i < k; i++) {
        const tag = TAGS[Math.floor(TAGS.length * Math.pow(R(), 2.5))];
        if (!tags.includes(tag)) tags.push(tag);
      }
      body += ' ' + tags.map((x) => '#' + x).join(' ');
      html += ' ' + tags.map((x) => `<a href="/tags/${x}" class="hashtag">#${x}</a>`).join(' ');
    }
    const nc = nComments[p];
    const npr = nPostReactions[p];
    let w = addPost([p, s, author, body, `<p>${html}</p>\n`, created, null, null, null, nc, npr]);
    if (w) await w;
    for (const tag of tags) {
      w = addTag([p, tag, s]);
      if (w) await w;
    }
    lastActivity[s] = created;
    follow(author, p);
    const firstComment = commentId + 1;
    const topLevel = [];
    const followers = new Set([author]);
    for (let j = 0; j < nc; j++) {
      const id = ++commentId;
      const cAuthor = skewMember(list);
      const parent = topLevel.length && R() < 0.25 ? topLevel[R.int(topLevel.length)] : null;
      if (parent === null) topLevel.push(id);
      const cBody = sentence(3, 25);
      w = addComment([id, p, parent, cAuthor, cBody, `<p>${cBody}</p>\n`, iso(t + (j + 1) * 60e3), null, null]);
      if (w) await w;
      if (!followers.has(cAuthor)) {
        followers.add(cAuthor);
        follow(cAuthor, p);
      }
    }
    for (const u of distinctUsers(list, npr)) {
      w = addReaction([p, 0, u, REACTIONS[R.int(REACTIONS.length)], iso(t + 30e3)]);
      if (w) await w;
    }
    const ncr = nCommentReactions[p];
    if (ncr && nc) {
      const keys = new Set();
      let guard = 0;
      while (keys.size < ncr && guard++ < ncr * 10) keys.add((firstComment + R.int(nc)) * 4294967296 + list[R.int(list.length)]);
      for (const k of Float64Array.from(keys).sort()) {
        w = addReaction([p, Math.floor(k / 4294967296), k % 4294967296, REACTIONS[R.int(REACTIONS.length)], iso(t + 90e3)]);
        if (w) await w;
      }
    }
    if (!quiet && p % 100000 === 0) say(`generate: ${p} posts, ${commentId} comments`);
  }
  await sink.flush();
  phase('posts+comments+reactions');

  const addFollowPost = table('follow_posts', [['user_id', 'int'], ['post_id', 'int'], ['following', 'int']]);
  const sortedFollows = followKeys.subarray(0, nFollow).sort();
  for (let i = 0; i < nFollow; i++) {
    const k = sortedFollows[i];
    const w = addFollowPost([Math.floor(k / 4294967296), k % 4294967296, 1]);
    if (w) await w;
  }
  followKeys = null;

  const addSpace = table('spaces', [['id', 'int'], ['slug', 'text'], ['name', 'text'], ['description', 'text'], ['visibility', 'text'], ['archived_at', 'text'], ['created_by', 'int'], ['created_at', 'text'], ['last_activity_at', 'text']]);
  const addMember = table('memberships', [['space_id', 'int'], ['user_id', 'int'], ['role', 'text'], ['state', 'text'], ['created_at', 'text'], ['last_read_post_id', 'int']]);
  const userSpaces = Array.from({ length: U + 1 }, () => []);
  for (let s = 1; s <= NS; s++) {
    const list = members[s];
    const owner = list.find((u) => role[u] !== 'guest') ?? list[0];
    const created = iso(start - 86400e3 + s * 1000);
    const name = s === 1 ? 'All company' : `${DEPTS[s % DEPTS.length]} ${s}`;
    let w = addSpace([s, s === 1 ? 'all-company' : `space-${s}`, name, `Space number ${s} for ${name}.`, visibility[s], null, owner, created, lastActivity[s] ?? created]);
    if (w) await w;
    for (const u of list) {
      w = addMember([s, u, u === owner ? 'owner' : 'member', 'member', created, 0]);
      if (w) await w;
      userSpaces[u].push(s);
    }
  }

  const addFollowUser = table('follow_users', [['follower_id', 'int'], ['followee_id', 'int'], ['created_at', 'text']]);
  const addFollowTag = table('follow_hashtags', [['user_id', 'int'], ['tag', 'text'], ['created_at', 'text']]);
  const addSession = table('sessions', [['id', 'text'], ['user_id', 'int'], ['csrf_token', 'text'], ['created_at', 'text'], ['expires_at', 'text'], ['user_agent', 'text']]);
  const sessions = [];
  for (let u = 1; u <= U; u++) {
    if (role[u] !== 'guest') {
      const k = Math.min(200, Math.floor(-Math.log(1 - R()) * 15));
      const set = new Set();
      while (set.size < k) {
        const f = employees[R.int(employees.length)];
        if (f !== u) set.add(f);
      }
      for (const f of [...set].sort((a, b) => a - b)) {
        const w = addFollowUser([u, f, iso(now - R.int(300) * 86400e3)]);
        if (w) await w;
      }
      if (R() < 0.3) {
        const tags = new Set();
        const n = 1 + R.int(5);
        for (let i = 0; i < n; i++) tags.add(TAGS[Math.floor(TAGS.length * Math.pow(R(), 2))]);
        for (const tag of [...tags].sort()) {
          const w = addFollowTag([u, tag, iso(now - 86400e3)]);
          if (w) await w;
        }
      }
    }
    const token = crypto.randomBytes(24).toString('base64url');
    const csrf = crypto.randomBytes(18).toString('base64url');
    const w = addSession([crypto.createHash('sha256').update(token).digest('hex'), u, csrf, iso(now), iso(now + 90 * 86400e3), 'foyer-bench']);
    if (w) await w;
    sessions.push({ id: u, role: role[u], token, csrf });
  }
  await sink.flush();
  phase('follows+spaces+memberships+sessions');

  await sink.restoreIndexes(indexes);
  phase('indexes');
  await sink.finish();
  phase('finish (sequences, analyze, checkpoint)');

  // The WebSocket fan-out space: the biggest private space with >= 1000 members, else all-company.
  let wsSpaceId = 1;
  for (let s = 2; s <= NS; s++) if (visibility[s] === 'private' && members[s].length >= 1000) { wsSpaceId = s; break; }
  const seconds = (Date.now() - t0) / 1000;
  const meta = {
    scale,
    db,
    databaseUrl,
    generatedAt: new Date().toISOString(),
    seconds,
    timings,
    counts,
    password: PASSWORD,
    sessions,
    userSpaces,
    spaces: Array.from({ length: NS }, (_, i) => ({ id: i + 1, visibility: visibility[i + 1], size: members[i + 1].length })),
    wsSpaceId,
    wsMembers: Array.from(members[wsSpaceId]).filter((u) => role[u] !== 'guest'),
    maxPostId: P,
    tags: TAGS,
  };
  fs.writeFileSync(path.join(dataDir, 'bench-meta.json'), JSON.stringify(meta));
  say(`generate: done in ${seconds.toFixed(1)} s: ${JSON.stringify(counts)}`);
  return { dataDir, databaseUrl, seconds, timings, counts };
}

// ---------------------------------------------------------------- sinks
export function sqliteSink(dataDir) {
  const Database = require('better-sqlite3');
  const db = new Database(path.join(dataDir, 'foyer.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  db.pragma('temp_store = MEMORY');
  const BATCH = 250_000;
  let pending = 0;
  db.exec('BEGIN');
  return {
    async dropIndexes(tables) {
      const rows = db
        .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(',')})`)
        .all(...tables);
      for (const r of rows) db.exec(`drop index ${r.name}`);
      return rows.map((r) => r.sql);
    },
    async restoreIndexes(sqls) {
      db.exec('COMMIT');
      for (const s of sqls) db.exec(s);
      db.exec('BEGIN');
    },
    table(name, cols) {
      const stmt = db.prepare(`insert into ${name} (${cols.map((c) => c[0]).join(',')}) values (${cols.map(() => '?').join(',')})`);
      return {
        add(row) {
          stmt.run(row);
          if (++pending >= BATCH) {
            db.exec('COMMIT');
            db.exec('BEGIN');
            pending = 0;
          }
        },
      };
    },
    async flush() {},
    async finish() {
      db.exec('COMMIT');
      if (process.env.BENCH_SQLITE_ANALYZE === '1') db.exec('ANALYZE');
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

export async function pgSink(url) {
  const pg = require('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('set synchronous_commit = off');
  const BATCH = 5000;
  const tables = [];
  return {
    async dropIndexes(names) {
      const { rows } = await client.query(
        `select i.indexname, i.indexdef from pg_indexes i
          where i.schemaname = 'public' and i.tablename = any($1)
            and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
        [names],
      );
      for (const r of rows) await client.query(`drop index ${r.indexname}`);
      return rows.map((r) => r.indexdef);
    },
    async restoreIndexes(sqls) {
      await client.query('set maintenance_work_mem = \'1GB\'');
      for (const s of sqls) await client.query(s);
    },
    table(name, cols) {
      const casts = cols.map(([, t], i) => `$${i + 1}::${t === 'int' ? 'int4' : 'text'}[]`).join(',');
      const text = `insert into ${name} (${cols.map((c) => c[0]).join(',')}) select * from unnest(${casts})`;
      let buf = cols.map(() => []);
      let n = 0;
      const flush = async () => {
        if (!n) return;
        const params = buf;
        buf = cols.map(() => []);
        n = 0;
        await client.query(text, params);
      };
      const t = {
        add(row) {
          for (let i = 0; i < row.length; i++) buf[i].push(row[i]);
          if (++n >= BATCH) return flush();
          return undefined;
        },
        flush,
      };
      tables.push(t);
      return t;
    },
    async flush() {
      for (const t of tables) await t.flush();
    },
    async finish() {
      for (const t of tables) await t.flush();
      for (const tbl of ['users', 'spaces', 'posts', 'comments'])
        await client.query(`select setval(pg_get_serial_sequence('${tbl}', 'id'), coalesce((select max(id) from ${tbl}), 1))`);
      await client.query('analyze');
      await client.end();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs();
  generate({ scale: args.scale ?? 'small', db: args.db ?? 'sqlite', dataDir: args['data-dir'], seed: Number(args.seed ?? 42) }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

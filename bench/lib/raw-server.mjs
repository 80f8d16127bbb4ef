// Raw baselines in their own process, so the process layout matches Foyer's:
//   POST /posts      : cookie session lookup + one transaction (insert post + outbox row), JSON reply
//                      (the floor under Foyer's POST /api/v1/posts on the same database)
//   POST /broadcast  : replies, then sends a message of ?bytes= to every WebSocket (fan-out floor)
//   POST /group-send : replies, then sends a message of ?bytes= to the sockets of ?group= (chat floor)
//   GET  /ws         : WebSocket upgrade, no auth; ?group=G puts the socket in group G
// Prints "READY <port>" on stdout.
import http from 'node:http';
import crypto from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from './common.mjs';

const require = createRequire(path.join(ROOT, 'packages/server/package.json'));
const { WebSocketServer } = require('ws');
const dataDir = process.env.RAW_DATA_DIR;
const databaseUrl = process.env.RAW_DATABASE_URL || undefined;

let insertPost = async () => ({ id: 0 });
if (dataDir && !databaseUrl) {
  const Database = require('better-sqlite3');
  const db = new Database(path.join(dataDir, 'foyer.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  const session = db.prepare('select user_id, csrf_token from sessions where id = ? and expires_at > ?');
  const post = db.prepare(
    "insert into posts (space_id, author_id, body, html, created_at, comment_count, reaction_count) values (?, ?, ?, ?, ?, 0, 0) returning *",
  );
  const outbox = db.prepare("insert into outbox (type, payload, space_id, user_id, created_at) values ('post.created', ?, ?, null, ?)");
  const tx = db.transaction((spaceId, userId, body) => {
    const now = new Date().toISOString();
    const row = post.get(spaceId, userId, body, `<p>${body}</p>\n`, now);
    outbox.run(JSON.stringify({ spaceId, postId: row.id, authorId: userId }), spaceId, now);
    return row;
  });
  insertPost = async (token, spaceId, body) => {
    const s = session.get(crypto.createHash('sha256').update(token).digest('hex'), new Date().toISOString());
    if (!s) return null;
    return tx(spaceId, s.user_id, body);
  };
} else if (databaseUrl) {
  const pg = require('pg');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  insertPost = async (token, spaceId, body) => {
    const s = await pool.query('select user_id, csrf_token from sessions where id = $1 and expires_at > $2', [
      crypto.createHash('sha256').update(token).digest('hex'),
      new Date().toISOString(),
    ]);
    if (!s.rows.length) return null;
    const c = await pool.connect();
    try {
      await c.query('begin');
      const now = new Date().toISOString();
      const r = await c.query(
        'insert into posts (space_id, author_id, body, html, created_at, comment_count, reaction_count) values ($1, $2, $3, $4, $5, 0, 0) returning *',
        [spaceId, s.rows[0].user_id, body, `<p>${body}</p>\n`, now],
      );
      await c.query("insert into outbox (type, payload, space_id, user_id, created_at) values ('post.created', $1, $2, null, $3)", [
        JSON.stringify({ spaceId, postId: r.rows[0].id, authorId: s.rows[0].user_id }),
        spaceId,
        now,
      ]);
      await c.query('commit');
      return r.rows[0];
    } catch (e) {
      await c.query('rollback');
      throw e;
    } finally {
      c.release();
    }
  };
}

let seq = 0;
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    try {
      const url = new URL(req.url, 'http://x');
      if (req.method === 'POST' && url.pathname === '/posts') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const token = /foyer_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
        const row = await insertPost(token, body.spaceId, body.body);
        if (!row) {
          res.writeHead(401).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(row));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/broadcast') {
        const bytes = Number(url.searchParams.get('bytes') ?? 100);
        const id = ++seq;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
        setImmediate(() => {
          const head = JSON.stringify({ kind: 'event', id, type: 'post.created', data: { postId: id, pad: '' } });
          const msg = head.replace('"pad":""', `"pad":"${'x'.repeat(Math.max(0, bytes - head.length))}"`);
          for (const ws of wss.clients) if (ws.readyState === 1) ws.send(msg);
        });
        return;
      }
      if (req.method === 'POST' && url.pathname === '/group-send') {
        const bytes = Number(url.searchParams.get('bytes') ?? 100);
        const group = groups.get(url.searchParams.get('group')) ?? new Set();
        const id = ++seq;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
        setImmediate(() => {
          const head = JSON.stringify({ kind: 'event', id, type: 'message.created', data: { messageId: id, pad: '' } });
          const msg = head.replace('"pad":""', `"pad":"${'x'.repeat(Math.max(0, bytes - head.length))}"`);
          for (const ws of group) if (ws.readyState === 1) ws.send(msg);
        });
        return;
      }
      res.writeHead(404).end();
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
});
const wss = new WebSocketServer({ server, path: '/ws' });
const groups = new Map();
wss.on('connection', (ws, req) => {
  const group = new URL(req.url, 'http://x').searchParams.get('group');
  if (group) {
    if (!groups.has(group)) groups.set(group, new Set());
    groups.get(group).add(ws);
    ws.on('close', () => groups.get(group).delete(ws));
  }
  ws.send(JSON.stringify({ kind: 'hello', cursor: 0 }));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`READY ${server.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));

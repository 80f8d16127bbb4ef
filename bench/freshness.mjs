// Search freshness: the time from a post's acknowledged write (its POST answered) until a search
// by its author finds it, through the running Foyer (target: visible within 1 s). Probe posts are
// written one at a time by random members into their spaces, each with a word no other item has;
// the search is repeated every 5 ms until the probe is among the results. Measured twice: on an
// idle server, and while `loadWriters` other clients post as fast as they can (the indexer then
// has a queue). The baseline in the same run is the search request itself (the poll's
// resolution): freshness minus it is the indexing lag.
import { httpClient, summary, rng, sleep } from './lib/common.mjs';

/**
 * A word of letters only (the tokenizer keeps it whole) that no other item contains. It ends in
 * "zq", which no stemmer strips: probes ending in "-es", "-e" and "-s" had one stem, and a probe
 * was lost among two dozen others.
 */
function uniqueWord(n, salt) {
  const letters = (x) => x.toString(26).replace(/./g, (c) => String.fromCharCode(97 + parseInt(c, 26)));
  return `zqv${letters(salt)}q${letters(n)}zq`;
}

function members(meta) {
  return meta.sessions.filter((s) => s.role !== 'guest' && meta.userSpaces[s.id]?.length);
}

/** A post by `session` (a member, with `spaces` it belongs to) into one of its spaces. */
function writePost(http, R, session, body) {
  return http.post('/api/v1/posts', session, { spaceId: session.spaces[R.int(session.spaces.length)], body });
}

/**
 * One probe: write, then search until found. Returns the ms from the answer to the finding
 * search, or what was written when it was never found.
 */
async function probe(http, R, session, word, giveUpMs, searches) {
  const res = await writePost(http, R, session, `Freshness probe ${word} for the search index`);
  if (res.status !== 200) throw new Error(`POST /posts answered ${res.status}: ${JSON.stringify(res.body)}`);
  const acked = performance.now();
  let last;
  while (performance.now() - acked < giveUpMs) {
    last = await http.get(`/api/v1/search?q=${word}`, session);
    searches?.push(last.ms);
    if (last.status === 200 && last.body.items?.some((it) => it.type === 'post' && it.id === res.body.id)) return performance.now() - acked;
    await sleep(5);
  }
  return { postId: res.body.id, spaceId: res.body.spaceId ?? res.body.space?.id, userId: session.id, word, lastSearch: { status: last?.status, counts: last?.body?.counts } };
}

/** Clients posting back to back until `stop()`; resolves with the posts written per second. */
function writeLoad(port, sessions, writers, R) {
  const http = httpClient(port, { maxSockets: writers });
  let running = true;
  let written = 0;
  const started = performance.now();
  const done = Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const session = sessions[(w * 7919) % sessions.length];
      for (let n = 0; running; n++) {
        const r = await writePost(http, R, session, `Load post ${w}-${n}: quarterly numbers look good, see #kudos`);
        if (r.status === 200) written++;
      }
    }),
  );
  return async () => {
    running = false;
    await done;
    http.close();
    return written / ((performance.now() - started) / 1000);
  };
}

async function probes(http, R, sessions, { samples, salt, giveUpMs }) {
  const visible = [];
  const searches = [];
  const lost = [];
  for (let i = 0; i < samples; i++) {
    const found = await probe(http, R, sessions[R.int(sessions.length)], uniqueWord(i + 1, salt), giveUpMs, searches);
    if (typeof found === 'number') visible.push(found);
    else lost.push(found);
  }
  return { samples, missing: lost.length, lost, visible: summary(visible), search: summary(searches) };
}

export async function benchFreshness({ foyer, meta, samples = 100, loadWriters = 20, seed = 13, giveUpMs = 10_000 }) {
  const R = rng(seed);
  const sessions = members(meta).map((s) => ({ ...s, spaces: meta.userSpaces[s.id] }));
  const http = httpClient(foyer.port, { maxSockets: 4 });
  const salt = Date.now() % 1_000_000;
  try {
    // A first probe waits out whatever the indexer still has queued (a generated data set, an
    // earlier bench's posts): the queue is drained in order, so this probe is found last.
    await probe(http, R, sessions[0], uniqueWord(0, salt), 900_000, null);
    const idle = await probes(http, R, sessions, { samples, salt, giveUpMs });
    const stopLoad = writeLoad(foyer.port, sessions, loadWriters, R);
    const loaded = await probes(http, R, sessions, { samples, salt: salt + 1, giveUpMs });
    const loadPostsPerSecond = await stopLoad();
    return { idle, loaded: { ...loaded, writers: loadWriters, postsPerSecond: loadPostsPerSecond } };
  } finally {
    http.close();
  }
}

// Search freshness: the time from a post's acknowledged write (its POST answered) until a search
// by its author finds it, through the running Foyer (target: visible within 1 s). Posts are
// written one at a time by random members into their spaces, each with a word no other item has;
// the search is repeated every 5 ms until the post is among the results. The baseline in the same
// run is the search request itself (the poll's resolution): freshness minus it is the indexing lag.
import { httpClient, summary, rng, sleep } from './lib/common.mjs';

/** A word of letters only (the tokenizer keeps it whole) that no generated item contains. */
function uniqueWord(n, salt) {
  const letters = (x) => x.toString(26).replace(/./g, (c) => String.fromCharCode(97 + parseInt(c, 26)));
  return `zqv${letters(salt)}x${letters(n)}`;
}

export async function benchFreshness({ foyer, meta, samples = 100, seed = 13, giveUpMs = 10_000 }) {
  const R = rng(seed);
  const http = httpClient(foyer.port, { maxSockets: 4 });
  const writers = meta.sessions.filter((s) => s.role !== 'guest' && meta.userSpaces[s.id]?.length);
  const salt = Date.now() % 1_000_000;
  const visible = [];
  const search = [];
  let missing = 0;
  try {
    // A first probe waits out whatever the indexer still has queued (a generated data set, an
    // earlier bench's posts): the queue is drained in order, so this probe is found last.
    for (let i = -1; i < samples; i++) {
      const session = writers[R.int(writers.length)];
      const spaces = meta.userSpaces[session.id];
      const word = uniqueWord(i + 1, salt);
      const res = await http.post('/api/v1/posts', session, { spaceId: spaces[R.int(spaces.length)], body: `Freshness probe ${word} for the search index` });
      if (res.status !== 200) throw new Error(`POST /posts answered ${res.status}: ${JSON.stringify(res.body)}`);
      const acked = performance.now();
      let found = false;
      while (performance.now() - acked < (i < 0 ? 300_000 : giveUpMs)) {
        const r = await http.get(`/api/v1/search?q=${word}`, session);
        if (i >= 0) search.push(r.ms);
        if (r.status === 200 && r.body.items?.some((it) => it.type === 'post' && it.id === res.body.id)) {
          found = true;
          break;
        }
        await sleep(5);
      }
      if (i < 0) continue;
      if (found) visible.push(performance.now() - acked);
      else missing++;
    }
  } finally {
    http.close();
  }
  return { samples, missing, visible: summary(visible), search: summary(search) };
}

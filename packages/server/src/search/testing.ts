/** Test helpers for search: wait for the index to catch up with every committed write. */
import { sql } from 'kysely';
import type { TestFoyer } from '../test/harness.js';
import { SearchIndexer } from './indexer.js';

/**
 * Drains the queue here and waits until no queued change is left: on PostgreSQL a batch claimed
 * by the server's own indexer stays visible in the queue until that batch commits.
 */
export async function indexed(t: TestFoyer, timeoutMs = 5000): Promise<void> {
  const indexer = new SearchIndexer(t.foyer.svc);
  const until = Date.now() + timeoutMs;
  for (;;) {
    await indexer.drain();
    const { rows } = await sql<{ n: number }>`select count(*) as n from search_queue`.execute(t.foyer.svc.db);
    if (Number(rows[0].n) === 0) return;
    if (Date.now() > until) throw new Error('search queue did not drain');
    await new Promise((r) => setTimeout(r, 20));
  }
}

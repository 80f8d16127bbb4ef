/** Periodic jobs of every app process; each job is safe to run on several nodes at once. */
import type { Services } from '../services.js';
import { sendDueReminders } from './announcement-reminders.js';
import { archiveInactiveSpaces } from './inactive-spaces.js';
import { runRetention } from '../privacy/retention.js';
import { SearchIndexer } from '../search/indexer.js';
import { deliverDueNotices, expireDue } from '../sealed/notices.js';
import { releaseHeldNotifications } from '../notifications/release.js';

export function startJobs(svc: Services, everyMs: number): () => void {
  const run = async () => {
    await sendDueReminders(svc).catch(() => {});
    await archiveInactiveSpaces(svc).catch(() => {});
    // Sealed access: delayed transparency notices, and the end of time boxes nobody touched.
    await deliverDueNotices(svc).catch(() => {});
    await expireDue(svc).catch(() => {});
    // Quiet hours: what waited for someone's working day to start, with one summary each.
    await releaseHeldNotifications(svc).catch(() => {});
    // Once a day: the first tick of each (UTC) day claims the run; later ticks and other nodes skip it.
    await runRetention(svc).catch(() => {});
  };
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  // The search indexer is woken by every commit; it polls at the outbox's pace as a safety net.
  const indexer = new SearchIndexer(svc, { pollMs: svc.config.outboxPollMs });
  indexer.start();
  return () => {
    clearInterval(timer);
    indexer.stop();
  };
}

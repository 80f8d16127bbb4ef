import { z } from 'zod';
import { NudgeCheck, NudgePattern, NudgePatternInput, NudgeResult } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, IdParams, NoContent, limit } from './common.js';
import { requireAdmin } from './admin.js';
import { invalid, notFound } from '../errors.js';
import { nowIso } from '../lib/time.js';
import { matches, validatePattern } from '../nudges/match.js';
import { labelExists } from '../policies/labels.js';
import { canReadSpace, loadSpaceForView } from '../policies/spaces.js';
import { audiencePreview } from '../policies/audience.js';

type Row = { id: number; name: string; kind: 'regex' | 'words' | 'iban'; pattern: string; min_label: number };
const present = (r: Row) => ({ id: r.id, name: r.name, kind: r.kind, pattern: r.pattern, minLabel: r.min_label });

/**
 * Nudges instead of surveillance: administrators define patterns with a minimum label; the
 * composer asks while its author writes. The check answers the author only — no match, text or
 * result is stored, logged or reported to anyone.
 */
export async function nudgeRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;
  const validated = async (input: z.infer<typeof NudgePatternInput>) => {
    const problem = validatePattern(input.kind, input.pattern);
    if (problem) throw invalid(`the pattern is not usable: ${problem}`, { fields: { pattern: problem } });
    if (!(await labelExists(db, input.minLabel))) throw invalid('no such label', { fields: { minLabel: 'unknown' } });
    return { name: input.name, kind: input.kind, pattern: input.kind === 'iban' ? '' : input.pattern, min_label: input.minLabel };
  };

  app.get('/admin/nudges', { schema: { response: { 200: z.object({ items: z.array(NudgePattern) }), ...errors } } }, async (req) => {
    requireAdmin(actorOf(req));
    return { items: (await db.selectFrom('nudge_patterns').selectAll().orderBy('id').execute()).map(present) };
  });
  app.post('/admin/nudges', { schema: { body: NudgePatternInput, response: { 200: NudgePattern, ...errors } } }, async (req) => {
    requireAdmin(actorOf(req));
    const values = await validated(req.body);
    const row = await db.insertInto('nudge_patterns').values({ ...values, created_at: nowIso() }).returningAll().executeTakeFirstOrThrow();
    return present(row);
  });
  app.put('/admin/nudges/:id', { schema: { params: IdParams, body: NudgePatternInput, response: { 200: NudgePattern, ...errors } } }, async (req) => {
    requireAdmin(actorOf(req));
    const values = await validated(req.body);
    const res = await db.updateTable('nudge_patterns').set(values).where('id', '=', req.params.id).executeTakeFirst();
    if (!res.numUpdatedRows) throw notFound('pattern');
    return present({ id: req.params.id, ...values });
  });
  app.delete('/admin/nudges/:id', { schema: { params: IdParams, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    requireAdmin(actorOf(req));
    const res = await db.deleteFrom('nudge_patterns').where('id', '=', req.params.id).executeTakeFirst();
    if (!res.numDeletedRows) throw notFound('pattern');
    return reply.status(204).send(null);
  });

  app.post('/nudges/check', { config: limit(svc, 600), schema: { body: NudgeCheck, response: { 200: NudgeResult, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    const { text, label, spaceId } = req.body;
    const patterns = await db.selectFrom('nudge_patterns').selectAll().execute();
    const hits = patterns.filter((p) => p.min_label > label && matches(p.kind, p.pattern, text));
    let wideAudience = false;
    if (hits.length && spaceId !== undefined) {
      const ctx = await loadSpaceForView(db, actor, spaceId);
      // The space's readers are only described to people who read it (like its member list).
      if (!canReadSpace(actor, ctx)) throw notFound('space');
      wideAudience = ctx.space.visibility === 'public' || (await audiencePreview(db, { space: ctx.space, label })).guests > 0;
    }
    return {
      matches: hits.map((p) => ({ patternId: p.id, name: p.name, minLabel: p.min_label })),
      suggestedLabel: hits.length ? Math.max(...hits.map((p) => p.min_label)) : null,
      wideAudience,
    };
  });
}

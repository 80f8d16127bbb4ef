import { z } from 'zod';
import { Label, LabelInput, LabelLevel } from '@foyer/shared';
import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import { errors, actorOf, NoContent } from './common.js';
import { requireAdmin } from './admin.js';
import { conflict, notFound } from '../errors.js';

const LevelParams = z.object({ level: LabelLevel });
type LabelRow = { level: number; name_en: string; name_de: string; colour: string };
const present = (l: LabelRow) => ({ level: l.level, name: { en: l.name_en, de: l.name_de }, colour: l.colour });

/** The organisation's sensitivity labels: everyone reads them; administrators edit them. */
export async function labelRoutes(app: FoyerApp, svc: Services) {
  const db = svc.db;
  const all = async () => (await db.selectFrom('labels').selectAll().orderBy('level').execute()).map(present);

  app.get('/labels', { schema: { response: { 200: z.object({ items: z.array(Label) }), ...errors } } }, async (req) => {
    actorOf(req);
    return { items: await all() };
  });
  app.post('/admin/labels', { schema: { body: LabelInput, response: { 200: Label, ...errors } } }, async (req) => {
    requireAdmin(actorOf(req));
    const { level, name, colour } = req.body;
    if (await db.selectFrom('labels').select('level').where('level', '=', level).executeTakeFirst()) throw conflict('a label with this level exists', { fields: { level: 'taken' } });
    await db.insertInto('labels').values({ level, name_en: name.en, name_de: name.de, colour }).execute();
    return present({ level, name_en: name.en, name_de: name.de, colour });
  });
  app.put('/admin/labels/:level', { schema: { params: LevelParams, body: LabelInput.omit({ level: true }), response: { 200: Label, ...errors } } }, async (req) => {
    requireAdmin(actorOf(req));
    const { name, colour } = req.body;
    const res = await db.updateTable('labels').set({ name_en: name.en, name_de: name.de, colour }).where('level', '=', req.params.level).executeTakeFirst();
    if (!res.numUpdatedRows) throw notFound('label');
    return present({ level: req.params.level, name_en: name.en, name_de: name.de, colour });
  });
  app.delete('/admin/labels/:level', { schema: { params: LevelParams, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    requireAdmin(actorOf(req));
    const level = req.params.level;
    // A label in use (content, space limits, organisation rules) stays: removing it would leave items unlabelled.
    const [post, conversation, space, org] = await Promise.all([
      db.selectFrom('posts').select('id').where('label', '=', level).limit(1).executeTakeFirst(),
      db.selectFrom('conversations').select('id').where('label', '=', level).limit(1).executeTakeFirst(),
      db.selectFrom('spaces').select('id').where((eb) => eb.or([eb('label_ceiling', '=', level), eb('label_default', '=', level)])).limit(1).executeTakeFirst(),
      db.selectFrom('organisation').select('id').where((eb) => eb.or([eb('guest_max_label', '=', level), eb('redact_label', '=', level)])).executeTakeFirst(),
    ]);
    if (post || conversation || space || org) throw conflict('this label is in use');
    const res = await db.deleteFrom('labels').where('level', '=', level).executeTakeFirst();
    if (!res.numDeletedRows) throw notFound('label');
    return reply.status(204).send(null);
  });
}

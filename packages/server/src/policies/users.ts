/**
 * Who can find whom. Employees see every active colleague; guests see only people who share a
 * space with them. Deactivated people keep their profile (their content stays attributed) but
 * leave the directory and autocomplete.
 */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { isEmployee, type Actor } from './actor.js';
import { notFound } from '../errors.js';

export function directoryFilter(actor: Actor) {
  const me = actor.id;
  return (eb: ExpressionBuilder<DB, 'users'>) => {
    const active = eb('users.status', '=', 'active');
    if (isEmployee(actor)) return active;
    return eb.and([
      active,
      eb.or([
        eb('users.id', '=', me),
        eb.exists(
          eb
            .selectFrom('memberships as mine')
            .innerJoin('memberships as theirs', 'theirs.space_id', 'mine.space_id')
            .select(sql.lit(1).as('one'))
            .where('mine.user_id', '=', me)
            .where('mine.state', '=', 'member')
            .where('theirs.state', '=', 'member')
            .whereRef('theirs.user_id', '=', 'users.id'),
        ),
      ]),
    ]);
  };
}

export async function loadUserForView(db: Kysely<DB>, actor: Actor, userId: number) {
  let q = db.selectFrom('users').selectAll().where('id', '=', userId);
  if (!isEmployee(actor)) q = q.where(directoryFilter(actor));
  const user = await q.executeTakeFirst();
  if (!user) throw notFound('person');
  return user;
}

/** Writes events into the outbox inside the caller's transaction: no commit, no event. */
import type { Kysely } from 'kysely';
import { EVENT_SCHEMAS, type EventName, type EventPayload } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import { nowIso } from '../lib/time.js';

export interface EmitTarget {
  /** Deliver to the readers of this space. */
  spaceId?: number | null;
  /** Deliver to this one person only. */
  userId?: number | null;
  /** Deliver to the conversation's participants (a channel's: its space's members). */
  conversationId?: number | null;
  /** The item's sensitivity label: the audience is narrowed by it (guests), it is never sent. */
  label?: number | null;
}

export async function emit<N extends EventName>(
  trx: Kysely<DB>,
  type: N,
  payload: EventPayload<N>,
  target: EmitTarget,
): Promise<void> {
  // Payloads are validated against the catalogue so a typo never reaches a client.
  const data = EVENT_SCHEMAS[type].parse(payload);
  await trx
    .insertInto('outbox')
    .values({
      type,
      payload: JSON.stringify(data),
      space_id: target.spaceId ?? null,
      user_id: target.userId ?? null,
      conversation_id: target.conversationId ?? null,
      label: target.label ?? null,
      created_at: nowIso(),
    })
    .execute();
}

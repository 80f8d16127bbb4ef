/**
 * Search: one query over every kind of document, with the permission condition inside the SQL of
 * every statement (results, counts, space facet, hashtags, "did you mean", suggestions).
 */
import { PostgresAdapter, sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { SEARCH_COUNT_CAP, SEARCH_MAX_OFFSET, type SearchHit, type SearchResult, type SearchType, type SuggestResult } from '@foyer/shared';
import type { DB } from '../db/schema.js';
import type { Dialect } from '../db/connection.js';
import type { Actor } from '../policies/actor.js';
import { readableSpaceIds } from '../policies/spaces.js';
import { labelCondition } from '../policies/labels.js';
import { presentUserSummary, userSummariesById } from '../presenters/users.js';
import { spaceRef } from '../presenters/spaces.js';
import { parseAnyWords, parsePrefixQuery, parseQuery, type ParsedQuery } from './query.js';
import { storeFor, type MatchSource, type SearchStore } from './store.js';
import { hasAttachments, visibleDocs } from './permissions.js';
import { activePolicy } from '../compliance/active.js';
import { highlightAll, snippet } from './snippet.js';
import { didYouMean } from './didyoumean.js';
import { words, type Lang } from './analysis.js';
import { fileHitsById } from './file-hits.js';
import { expandCompounds } from './compounds.js';

export interface SearchParams {
  q: string;
  types?: SearchType[];
  spaceId?: number;
  authorId?: number;
  from?: string;
  to?: string;
  hasFiles?: boolean;
  sort: 'relevance' | 'date';
  cursor: SearchCursor;
  limit: number;
}

interface HitRow {
  kind: SearchType;
  item_id: number;
  parent_id: number | null;
  space_id: number | null;
  conversation_id: number | null;
  author_id: number | null;
  label: number | null;
  lang: string;
  title: string;
  body: string;
  created_at: string;
  score: number;
}

const EMPTY: Omit<SearchResult, 'truncated'> = { items: [], nextCursor: null, counts: {}, countsCapped: false, spaces: [], hashtags: [], didYouMean: null };

const and = (parts: RawBuilder<unknown>[]) => sql<SqlBool>`${sql.join(parts, sql` and `)}`;
const isoOrNull = (s: string | undefined) => (s ? new Date(s).toISOString() : undefined);

/**
 * Where a result list continues. `position` counts results shown so far. For frequent words,
 * results come in two tiers: the newest matches (ids >= `bound`) ranked among themselves, then the
 * older ones; `newer` is how many visible results the first tier held, known once it is used up.
 */
export interface SearchCursor {
  position: number;
  bound?: number;
  newer?: number;
}

/**
 * At most this many matches are ranked in the first tier: scoring costs time per match (2,000
 * against 5,000 took the one-word p95 from 51 to 41 ms at two million items, docs/benchmarks.md).
 */
export const CANDIDATES = 2_000;

export function encodeCursor(c: SearchCursor): string {
  const parts = [`o${c.position}`, ...(c.bound !== undefined ? [`b${c.bound}`] : []), ...(c.newer !== undefined ? [`c${c.newer}`] : [])];
  return Buffer.from(parts.join('.')).toString('base64url');
}
/** The cursor's state; undefined for a malformed one (the route answers 400). */
export function decodeCursor(cursor: string | undefined): SearchCursor | undefined {
  if (!cursor) return { position: 0 };
  const fields = new Map<string, number>();
  for (const part of Buffer.from(cursor, 'base64url').toString().split('.')) {
    const m = /^([obc])(\d{1,15})$/.exec(part);
    if (!m || fields.has(m[1])) return undefined;
    fields.set(m[1], Number(m[2]));
  }
  const position = fields.get('o');
  const bound = fields.get('b');
  const newer = fields.get('c');
  if (position === undefined || position > SEARCH_MAX_OFFSET || (newer !== undefined && (bound === undefined || newer > position))) return undefined;
  return { position, bound, newer };
}

/** The dialect of a Kysely instance, for callers that only hold the database handle. */
export const dialectOf = (db: Kysely<DB>): Dialect => (db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite');

export class SearchService {
  readonly store: SearchStore;
  /** `candidates: 0` ranks every match in one tier (the benchmark's comparison). */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
    private readonly options: { candidates?: number } = {},
  ) {
    this.store = storeFor(dialect);
  }

  /** The one visibility condition, with the active works agreement (cached per node). */
  private async visible(actor: Actor) {
    return visibleDocs(this.db, actor, (await activePolicy(this.db, this.dialect)).document);
  }

  /** Filters other than the type: they narrow results and counts alike. */
  private filters(p: SearchParams): RawBuilder<unknown>[] {
    const out: RawBuilder<unknown>[] = [];
    if (p.spaceId !== undefined) out.push(sql`d.space_id = ${p.spaceId} and d.kind <> 'space'`);
    if (p.authorId !== undefined) out.push(sql`d.author_id = ${p.authorId} and d.kind <> 'space'`);
    const from = isoOrNull(p.from);
    const to = isoOrNull(p.to);
    if (from) out.push(sql`d.created_at >= ${from}`);
    if (to) out.push(sql`d.created_at <= ${to}`);
    if (p.hasFiles) out.push(hasAttachments());
    return out;
  }

  async search(actor: Actor, p: SearchParams): Promise<SearchResult> {
    // Compounds widen the match only: the permission condition below still decides every row.
    const parsed = await expandCompounds(this.db, parseQuery(p.q));
    const source = this.store.match(parsed);
    const at = p.cursor;
    if (!source || at.position >= SEARCH_MAX_OFFSET) return { ...EMPTY, truncated: parsed.truncated };
    const visible = await this.visible(actor);
    const filters = this.filters(p);
    const typed = p.types?.length ? [...filters, sql`d.kind in (${sql.join(p.types)})`] : filters;
    const where = and([source.where, visible, ...typed]);
    const limit = Math.min(p.limit, SEARCH_MAX_OFFSET - at.position);
    const first = at.position === 0;
    const bound = first ? await this.candidateBound(source) : at.bound;
    // Counts and hashtags do not depend on the page: on a server database they run alongside it.
    const [facets, hashtags, { rows, next, items }] = await Promise.all([
      first ? this.facets(source, and([source.where, visible, ...filters])) : null,
      first && (!p.types || p.types.includes('post')) && !filters.length ? this.hashtags(actor, p.q) : [],
      this.page(source, where, p.sort, { ...at, bound }, limit).then(async (page) => ({ ...page, items: await this.present(page.rows, parsed) })),
    ]);
    const suggestion = first && !rows.length ? await didYouMean(this.db, this.store, visible, parsed.plainWords) : null;
    return {
      items,
      nextCursor: next && next.position < SEARCH_MAX_OFFSET ? encodeCursor(next) : null,
      counts: facets?.counts ?? {},
      countsCapped: facets?.capped ?? false,
      spaces: facets?.spaces ?? [],
      hashtags,
      didYouMean: suggestion,
      truncated: parsed.truncated,
    };
  }

  /** The lower id bound of the newest CANDIDATES matches; undefined when fewer match or the store estimates none. */
  private async candidateBound(source: MatchSource): Promise<number | undefined> {
    const n = this.options.candidates ?? CANDIDATES;
    return n > 0 ? source.candidateBound(this.db, n) : undefined;
  }

  /**
   * One page of hits in order: without a bound, all matches ranked; with one, the newer tier
   * ranked first (the index narrows the scan to it), then the older tier. A first page the newer
   * tier cannot fill is ranked over all matches instead, without tiers.
   */
  private async page(source: MatchSource, where: RawBuilder<SqlBool>, sort: SearchParams['sort'], at: SearchCursor, limit: number) {
    const order = sort === 'date' ? sql`d.created_at desc, d.id desc` : sql`score desc, d.id desc`;
    const statement = (w: RawBuilder<SqlBool>, n: number, offset: number) => sql<HitRow>`
      select d.kind, d.item_id, d.parent_id, d.space_id, d.conversation_id, d.author_id, d.label, d.lang, d.title, d.body, d.created_at, ${source.score} as score
      from ${source.from} where ${w} order by ${order} limit ${n} offset ${offset}`;
    const run = (w: RawBuilder<SqlBool>, n: number, offset: number) => source.viaIndex(this.db, async (db) => (await statement(w, n, offset).execute(db)).rows);
    const nextAt = (rows: HitRow[], state: Omit<SearchCursor, 'position'>) => ({
      rows: rows.slice(0, limit),
      next: rows.length > limit ? { position: at.position + limit, ...state } : null,
    });
    if (at.bound === undefined) return nextAt(await run(where, limit + 1, at.position), {});
    const older = and([where, sql`${source.docId} < ${at.bound}`]);
    if (at.newer !== undefined) return nextAt(await run(older, limit + 1, at.position - at.newer), { bound: at.bound, newer: at.newer });
    const newer = await run(and([where, sql`${source.docId} >= ${at.bound}`]), limit + 1, at.position);
    if (newer.length > limit) return nextAt(newer, { bound: at.bound });
    // Not even one page readable among the newest matches: rank them all at once, as for rare words.
    if (at.position === 0) return nextAt(await run(where, limit + 1, 0), {});
    // The newer tier ends on this page: the rest comes from the older one.
    const newerTotal = at.position + newer.length;
    const rest = await run(older, limit + 1 - newer.length, 0);
    return nextAt([...newer, ...rest], { bound: at.bound, newer: newerTotal });
  }

  /** Counts per type and the top spaces, over at most SEARCH_COUNT_CAP visible matches. */
  private async facets(source: MatchSource, where: RawBuilder<SqlBool>) {
    const { rows } = await source.viaIndex(this.db, (db) =>
      sql<{ kind: string; space_id: number | null }>`select d.kind, d.space_id from ${source.from} where ${where} limit ${SEARCH_COUNT_CAP + 1}`.execute(db),
    );
    const capped = rows.length > SEARCH_COUNT_CAP;
    const counts: Record<string, number> = {};
    const bySpace = new Map<number, number>();
    for (const r of rows.slice(0, SEARCH_COUNT_CAP)) {
      counts[r.kind] = (counts[r.kind] ?? 0) + 1;
      if (r.space_id !== null && r.kind !== 'space') bySpace.set(r.space_id, (bySpace.get(r.space_id) ?? 0) + 1);
    }
    const top = [...bySpace].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 10);
    const spaces = top.length ? await this.db.selectFrom('spaces').select(['id', 'slug', 'name', 'visibility']).where('id', 'in', top.map((t) => t[0])).execute() : [];
    const byId = new Map(spaces.map((s) => [s.id, s]));
    return { counts, capped, spaces: top.filter(([id]) => byId.has(id)).map(([id, count]) => ({ space: spaceRef(byId.get(id)!), count })) };
  }

  /** Hashtags equal to a query word, counted over posts the actor may read (none shown at zero). */
  private async hashtags(actor: Actor, q: string): Promise<{ tag: string; count: number }[]> {
    const tags = [...new Set(words(q).map((w) => w.word.toLowerCase()))].filter((t) => t.length <= 64 && !/^\d+$/.test(t)).slice(0, 8);
    if (!tags.length) return [];
    let query = this.db
      .selectFrom('post_hashtags as h')
      .innerJoin('posts', 'posts.id', 'h.post_id')
      .select(['h.tag'])
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('h.tag', 'in', tags)
      .where('posts.space_id', 'in', readableSpaceIds(this.db, actor))
      .where('posts.deleted_at', 'is', null)
      .where('posts.hidden_at', 'is', null)
      .groupBy('h.tag');
    const label = labelCondition(actor, 'posts.label');
    if (label) query = query.where(label);
    return (await query.execute()).map((r) => ({ tag: r.tag, count: Number(r.count) })).filter((r) => r.count > 0).sort((a, b) => b.count - a.count);
  }

  private async present(rows: HitRow[], parsed: ParsedQuery): Promise<SearchHit[]> {
    if (!rows.length) return [];
    const userIds = rows.map((r) => (r.kind === 'person' ? r.item_id : r.author_id)).filter((id): id is number => id !== null);
    const spaceIds = [...new Set(rows.map((r) => r.space_id).filter((id): id is number => id !== null))];
    const [users, spaces, files] = await Promise.all([
      userSummariesById(this.db, userIds),
      spaceIds.length ? this.db.selectFrom('spaces').select(['id', 'slug', 'name', 'visibility']).where('id', 'in', spaceIds).execute() : [],
      fileHitsById(this.db, rows.filter((r) => r.kind === 'file').map((r) => r.item_id)),
    ]);
    const spaceBy = new Map(spaces.map((s) => [s.id, s]));
    return rows.map((r) => {
      const lang = r.lang as Lang;
      const userId = r.kind === 'person' ? r.item_id : r.author_id;
      const user = userId !== null ? users.get(userId) : undefined;
      const space = r.space_id !== null ? spaceBy.get(r.space_id) : undefined;
      return {
        type: r.kind,
        id: r.item_id,
        parentId: r.parent_id,
        space: space ? spaceRef(space) : null,
        conversationId: r.conversation_id,
        author: user ? presentUserSummary(user) : null,
        // People and spaces carry no label of their own.
        label: r.kind === 'person' || r.kind === 'space' ? null : r.label,
        titleHtml: highlightAll(r.title, lang, parsed.highlight),
        snippetHtml: snippet(r.body, lang, parsed.highlight),
        createdAt: r.created_at,
        ...(r.kind === 'file' ? { file: files.get(r.item_id) ?? null } : {}),
      };
    });
  }

  /** Items of one kind sharing words with a text (any word may match), best first: their ids. */
  async similar(actor: Actor, text: string, kind: SearchType, limit: number): Promise<number[]> {
    const source = this.store.match(await expandCompounds(this.db, parseAnyWords(text)));
    if (!source) return [];
    const visible = await this.visible(actor);
    const { rows } = await source.viaIndex(this.db, (db) =>
      sql<{ item_id: number }>`
        select d.item_id, ${source.score} as score from ${source.from}
        where ${and([source.where, sql`d.kind = ${kind}`, visible])} order by score desc, d.id desc limit ${limit}`.execute(db),
    );
    return rows.map((r) => r.item_id);
  }

  /** Search-as-you-type over people, spaces and pages the actor may see. */
  async suggest(actor: Actor, q: string, limit: number): Promise<SuggestResult> {
    const ws = parsePrefixQuery(q);
    const source = ws.join('').length >= 2 ? this.store.matchNames(ws) : null;
    if (!source) return { people: [], spaces: [], pages: [] };
    const visible = await this.visible(actor);
    const kinds = ['person', 'space', 'page'] as const;
    const [people, spaces, pages] = await Promise.all(
      kinds.map(
        (kind) =>
          sql<{ item_id: number; space_id: number | null; title: string; lang: string }>`
            select d.item_id, d.space_id, d.title, d.lang, ${source.score} as score from ${source.from}
            where ${and([source.where, sql`d.kind = ${kind}`, visible])} order by score desc, d.id limit ${limit}`
            .execute(this.db)
            .then((r) => r.rows),
      ),
    );
    const users = await userSummariesById(this.db, people.map((r) => r.item_id));
    const spaceIds = [...new Set([...spaces.map((r) => r.item_id), ...pages.map((r) => r.space_id!)])];
    const spaceRows = spaceIds.length ? await this.db.selectFrom('spaces').select(['id', 'slug', 'name', 'visibility']).where('id', 'in', spaceIds).execute() : [];
    const spaceBy = new Map(spaceRows.map((s) => [s.id, s]));
    const highlight = { exact: new Set<string>(), prefixes: ws };
    return {
      people: people.flatMap((r) => (users.has(r.item_id) ? [presentUserSummary(users.get(r.item_id)!)] : [])),
      spaces: spaces.flatMap((r) => (spaceBy.has(r.item_id) ? [spaceRef(spaceBy.get(r.item_id)!)] : [])),
      pages: pages.flatMap((r) =>
        spaceBy.has(r.space_id!) ? [{ id: r.item_id, title: r.title, titleHtml: highlightAll(r.title, r.lang as Lang, highlight), space: spaceRef(spaceBy.get(r.space_id!)!) }] : [],
      ),
    };
  }
}

/** Case-insensitive substring matching with LIKE, the user's wildcards taken literally. */
import { sql } from 'kysely';

/** LIKE pattern with the user's wildcards escaped; use with `escape '\'`. */
export function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(column) like '%needle%'` with wildcards in the needle escaped. */
export function containsText(column: string, needle: string) {
  return sql<boolean>`lower(${sql.ref(column)}) like ${likePattern(needle)} escape '\\'`;
}

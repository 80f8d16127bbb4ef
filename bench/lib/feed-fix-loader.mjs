// Module loader hook: gives homeFeed's three IN-terms a unary plus (`+"posts"."space_id" in (...)`)
// so SQLite walks posts by primary key (newest first) instead of a MULTI-INDEX OR that collects
// every post of every readable space and sorts them. PostgreSQL treats the plus as a no-op.
export async function load(url, context, next) {
  const r = await next(url, context);
  if (!url.endsWith('/dist/queries/feeds.js')) return r;
  const src = String(r.source).replace(/eb\('posts\.(space_id|author_id|id)', 'in'/g, (_m, col) => `eb(__sql.raw('+"posts"."${col}"'), 'in'`);
  return { ...r, source: `import { sql as __sql } from 'kysely';\n${src}`, shortCircuit: true };
}

/**
 * German compounds by suffix: "Antrag" finds "Urlaubsantrag" and "Reisekostenanträge", words of
 * three letters and small differences ("Ertrag" / "Vertrag") are not compounds, phrases and
 * exclusions are not widened, and the global vocabulary never lets a hidden item through — a
 * compound that only a secret space holds answers like a word that exists nowhere, and "did you
 * mean" never offers it. Erasure and retention leave no term of removed content in the vocabulary.
 * Runs on SQLite and PostgreSQL (FOYER_TEST_DB).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, TEST_DB, type TestFoyer, type TestClient } from '../test/harness.js';
import { removeItems, finishRemoval } from '../privacy/removal.js';
import { parseQuery, toFts5, toTsquery, type WordTerm } from './query.js';
import { expandCompounds, reverse, suffixTerms } from './compounds.js';
import type { SearchDoc } from './documents.js';
import { indexed } from './testing.js';

const POSTS = {
  exact: 'Der Antrag wurde gestern eingereicht und wird bearbeitet.',
  urlaub: 'Mein Urlaubsantrag wurde gestern eingereicht, die Teamleitung ist informiert.',
  reise: 'Die Reisekostenanträge sind bis Freitag bei der Buchhaltung einzureichen.',
  reise2: 'Wir warten auf den Bescheid des Reisekostenantrags, er ist noch offen.',
  ordnung: 'Die neue Geschäftsordnung ist in Kraft, bitte lest sie auch.',
  vertrag: 'Der Vertrag mit dem Lieferanten ist unterschrieben.',
  ertrag: 'Der Jahresertrag ist höher als geplant, sagt die Leitung.',
  rat: 'Der Betriebsrat tagt am Montag, die Sitzung ist offen.',
  english: 'The leave application is in the intranet, and the form is new.',
};
const SECRET = 'Der Zqgeheimwurmantrag ist vertraulich und wird nicht veröffentlicht.';

describe('German compounds by suffix', () => {
  let t: TestFoyer;
  let kai: TestClient;
  let vera: TestClient;
  const ids = new Map<string, keyof typeof POSTS>();

  beforeAll(async () => {
    t = await startTestFoyer();
    kai = await t.user('kai');
    vera = await t.user('vera');
    const open = (await kai.post('/spaces', { name: 'Verwaltung', visibility: 'public' })).body;
    for (const [k, body] of Object.entries(POSTS)) ids.set(`post:${(await kai.post('/posts', { spaceId: open.id, body })).body.id}`, k as keyof typeof POSTS);
    const secret = (await kai.post('/spaces', { name: 'Geheimrat', visibility: 'secret', purpose: 'Vertrauliche Planung' })).body;
    expect((await kai.post('/posts', { spaceId: secret.id, body: SECRET })).status).toBe(200);
    await indexed(t);
  });
  afterAll(() => t?.close());

  const search = async (c: TestClient, q: string) => {
    const res = await c.get(`/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const keys = async (c: TestClient, q: string) => (await search(c, q)).items.map((i: { type: string; id: number }) => ids.get(`${i.type}:${i.id}`) ?? `?${i.type}`);
  const vocabulary = async () => (await t.foyer.svc.db.selectFrom('search_suffixes').select('rev').execute()).map((r) => reverse(r.rev));

  it('keeps only long, letter-only terms in the vocabulary, forward and reversed', async () => {
    const words = await vocabulary();
    expect(words).toEqual(expect.arrayContaining(['urlaubsantrag', 'reisekostenantrag', 'geschaftsordn', 'zqgeheimwurmantrag']));
    expect(words.every((w) => w.length >= 7 && /^\p{L}+$/u.test(w))).toBe(true);
    // Every language: a detected language is a guess for short texts.
    expect(words).toContain('intranet');
    const heads = (await t.foyer.svc.db.selectFrom('search_heads').select('term').execute()).map((r) => r.term);
    expect(new Set(heads)).toEqual(new Set(words));
    const doc = (lang: 'de' | 'en', bodyTerms: string) => ({ lang, titleTerms: '', bodyTerms }) as SearchDoc;
    expect(suffixTerms([doc('de', 'antrag urlaubsantrag 20261129 covid19abc urlaubsantrag'), doc('en', 'applications')])).toEqual([reverse('urlaubsantrag'), reverse('applications')]);
  });

  it('"Antrag" finds the compounds ending in it, the word itself among the first', async () => {
    const got = await keys(vera, 'Antrag');
    expect(got).toEqual(expect.arrayContaining(['exact', 'urlaub', 'reise', 'reise2']));
    expect(got).not.toContain('english');
    // FTS5 scores the exact word twice (as itself and as the prefix "antrag*"), so it leads; ts_rank
    // counts each matching document term once, so on PostgreSQL it ties with the compounds (as
    // prefix matches always did) and the newer item comes first.
    if (TEST_DB === 'sqlite') expect(got[0]).toBe('exact');
    // Inflected query words reach the same compounds.
    expect(await keys(vera, 'Anträge')).toEqual(expect.arrayContaining(['exact', 'urlaub', 'reise', 'reise2']));
  });

  it('highlights the compound in the snippet', async () => {
    const hit = (await search(vera, 'Antrag')).items.find((i: { type: string; id: number }) => ids.get(`${i.type}:${i.id}`) === 'reise');
    expect(hit.snippetHtml).toContain('<mark>Reisekostenanträge</mark>');
  });

  it('matches the form a word takes at the end of a compound ("Ordnung" -> "Geschäftsordnung")', async () => {
    expect(await keys(vera, 'Ordnung')).toContain('ordnung');
  });

  it('does not expand short words or differences of fewer than three letters', async () => {
    expect((parseQuery('Rat').positive[0] as WordTerm).suffixes).toEqual([]);
    expect(await keys(vera, 'Rat')).not.toContain('rat');
    const ertrag = await keys(vera, 'Ertrag');
    expect(ertrag).toContain('ertrag');
    expect(ertrag).not.toContain('vertrag');
  });

  it('leaves phrases and exclusions as they are', async () => {
    expect(await keys(vera, '"Antrag gestern"')).toEqual(['exact']);
    expect(await keys(vera, 'Antrag gestern')).toEqual(expect.arrayContaining(['exact', 'urlaub']));
    // The excluded word excludes itself, not its compounds.
    expect(await keys(vera, 'gestern -Antrag')).toEqual(['urlaub']);
    const expanded = await expandCompounds(t.foyer.svc.db, parseQuery('"Antrag gestern" -Antrag'));
    expect(expanded.positive[0]).toEqual(parseQuery('"Antrag gestern"').positive[0]);
    expect(toFts5(expanded)).not.toContain('urlaubsantrag');
    expect(toTsquery(expanded)).not.toContain('urlaubsantrag');
  });

  it('caps, orders and checks the expansion', async () => {
    const q = await expandCompounds(t.foyer.svc.db, parseQuery('Antrag'));
    const term = q.positive[0] as WordTerm;
    expect(term.compounds).toEqual(['urlaubsantrag', 'reisekostenantrag', 'zqgeheimwurmantrag']);
    expect(toFts5(q)).toContain('"urlaubsantrag"');
    expect(toTsquery(q)).toContain("'urlaubsantrag'");
    expect([...q.highlight.exact]).toContain('reisekostenantrag');
    // parseQuery stays pure: the parsed input is not changed.
    expect((parseQuery('Antrag').positive[0] as WordTerm).compounds).toBeUndefined();
    // At most 30 per word, shortest first, then alphabetical; the range ends where the suffix does.
    const made = Array.from({ length: 40 }, (_, i) => `${'abcdefghijklmnopqrstuvwxyz'[i % 26].repeat(3 + (i % 5))}zqkopf`);
    await t.foyer.svc.db
      .insertInto('search_suffixes')
      .values([...made, 'zqkopfx', 'zqkopg', 'xzqkopf'].map((w) => ({ rev: reverse(w) })))
      .execute();
    const capped = ((await expandCompounds(t.foyer.svc.db, parseQuery('Zqkopf'))).positive[0] as WordTerm).compounds!;
    const expected = [...new Set(made)].sort((x, y) => x.length - y.length || (x < y ? -1 : 1)).slice(0, 30);
    expect(capped).toEqual(expected);
  });

  it('answers a compound only a hidden item holds exactly like a word that exists nowhere', async () => {
    // The vocabulary does offer the hidden compound: only the permission condition keeps it out.
    const expanded = (await expandCompounds(t.foyer.svc.db, parseQuery('Wurmantrag'))).positive[0] as WordTerm;
    expect(expanded.compounds).toEqual(['zqgeheimwurmantrag']);
    expect(await keys(kai, 'Wurmantrag')).toEqual(['?post']);
    const hidden = await search(vera, 'Wurmantrag');
    const nowhere = await search(vera, 'Wurmentrag');
    expect(hidden).toEqual(nowhere);
    expect(hidden).toEqual({ items: [], nextCursor: null, counts: {}, countsCapped: false, spaces: [], hashtags: [], didYouMean: null, truncated: false });
    // Nor do a readable word's results, counts or facets change.
    const antrag = await search(vera, 'Antrag');
    expect(antrag.counts).toEqual({ post: 4 });
    expect(antrag.spaces.map((s: { space: { name: string } }) => s.space.name)).toEqual(['Verwaltung']);
  });

  it('never offers a word of a hidden item as "did you mean"', async () => {
    expect((await search(vera, 'Zqgeheimwurmantrak')).didYouMean).toBeNull();
    expect((await search(vera, 'Wurmantrak')).didYouMean).toBeNull();
    // Whoever may read it gets the respelling.
    expect((await search(kai, 'Zqgeheimwurmantrak')).didYouMean).toBe('zqgeheimwurmantrag');
  });

  it('widens similar questions too, within what the viewer may read', async () => {
    const open = (await kai.get('/spaces')).body;
    const spaceId = (open.items ?? open).find((s: { name: string }) => s.name === 'Verwaltung').id;
    const q = (await kai.post(`/spaces/${spaceId}/questions`, { title: 'Wer genehmigt den Fortbildungsantrag?', body: 'Und wie lange dauert das?' })).body;
    await indexed(t);
    const res = await vera.get(`/questions/similar?q=${encodeURIComponent('Antrag')}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: number }) => i.id)).toContain(q.id);
  });

  it('drops the terms of removed content from the vocabulary (erasure, retention)', async () => {
    const open = (await kai.get('/spaces')).body;
    const spaceId = (open.items ?? open).find((s: { name: string }) => s.name === 'Verwaltung').id;
    const post = (await kai.post('/posts', { spaceId, body: 'Der Zqloschantrag ist nur kurz da und wird entfernt.' })).body;
    await indexed(t);
    expect(await vocabulary()).toContain('zqloschantrag');
    await t.foyer.svc.db.transaction().execute((trx) => removeItems(trx, 'posts', [post.id]));
    await indexed(t);
    await finishRemoval(t.foyer.svc);
    const words = await vocabulary();
    expect(words).not.toContain('zqloschantrag');
    expect(words).toEqual(expect.arrayContaining(['urlaubsantrag', 'reisekostenantrag', 'zqgeheimwurmantrag']));
    expect(await keys(kai, 'Antrag')).toEqual(expect.arrayContaining(['exact', 'urlaub', 'reise', 'reise2']));
  });
});

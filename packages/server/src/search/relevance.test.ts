/**
 * Relevance fixtures in German and English: a small corpus with the expected top results for
 * inflections, compounds, umlaut and ß folding, phrases and exclusions. The same expectations
 * hold on SQLite and PostgreSQL (FOYER_TEST_DB).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestFoyer, type TestFoyer, type TestClient } from '../test/harness.js';
import { indexed } from './testing.js';

type Key = string;
const POSTS: Record<Key, string> = {
  de1: 'Mein Urlaubsantrag für August ist eingereicht. Bitte genehmigen.',
  de3: 'Die Straße vor dem Haupteingang ist ab Montag gesperrt.',
  de4: 'Neues Büro in München eröffnet: Umzug der Abteilung im März.',
  de6: 'Die Häuser am Marktplatz werden im Sommer renoviert.',
  de7: 'Der Betriebsrat informiert über die neue Arbeitszeitregelung.',
  de8: 'Reisekostenabrechnungen bitte bis zum Monatsende einreichen.',
  de10: 'Der Server läuft wieder, die Störung ist behoben.',
  de11: 'Fußballturnier der Abteilungen am Samstag auf dem Sportplatz.',
  de12: 'Wir suchen Mitarbeiterinnen und Mitarbeiter für das Sommerfest.',
  de13: 'Die neue Geschäftsordnung des Betriebsrats gilt ab Juli.',
  en1: 'The team is running the quarterly review tomorrow morning.',
  en2: 'I run every morning before work, anyone is welcome to join.',
  en4: 'Our new office in Munich opens in March.',
  en6: 'Security reminder: lock your screen when you leave your desk.',
  en7: 'The cafeteria will be closed on Friday for renovation.',
  en8: 'Quarterly results: revenue grew in every region.',
  en9: 'Our vacation request process has changed, please use the new form.',
  en10: 'The build server is down and we are investigating the outage.',
  en11: 'A state of the art machine learning talk on Thursday.',
  en12: 'Please do not read confidential documents on crowded trains.',
};
const PAGES: Record<Key, [string, string]> = {
  de2: ['Urlaub beantragen', 'So stellst du einen Antrag auf Urlaub: Formular ausfüllen und an die Teamleitung senden. Anträge werden innerhalb einer Woche bearbeitet.'],
  de9: ['Datenschutz im Homeoffice', 'Vertrauliche Unterlagen nicht im Zug lesen und den Bildschirm sperren.'],
  en3: ['Travel expense policy', 'Submit expense reports within 30 days. Policies for international travel apply.'],
};
const QUESTIONS: Record<Key, [string, string]> = {
  de5: ['Wie beantrage ich Elternzeit?', 'Welche Fristen gelten für den Antrag?'],
  en5: ['How do I request parental leave?', 'What deadlines apply to the request?'],
};

describe('search relevance (German and English)', () => {
  let t: TestFoyer;
  let u: TestClient;
  const ids = new Map<string, string>(); // "type:id" -> key

  beforeAll(async () => {
    t = await startTestFoyer();
    u = await t.user('rita');
    const space = (await u.post('/spaces', { name: 'Fixtures', visibility: 'public' })).body;
    for (const [k, body] of Object.entries(POSTS)) ids.set(`post:${(await u.post('/posts', { spaceId: space.id, body })).body.id}`, k);
    for (const [k, [title, body]] of Object.entries(PAGES)) ids.set(`page:${(await u.post(`/spaces/${space.id}/pages`, { title, body })).body.id}`, k);
    for (const [k, [title, body]] of Object.entries(QUESTIONS)) ids.set(`question:${(await u.post(`/spaces/${space.id}/questions`, { title, body })).body.id}`, k);
    const de5 = [...ids].find(([, k]) => k === 'de5')![0].split(':')[1];
    const answer = await u.post(`/questions/${de5}/answers`, { body: 'Der Antrag auf Elternzeit muss sieben Wochen vorher gestellt werden.' });
    ids.set(`answer:${answer.body.answers[0].id}`, 'a1');
    const en1 = [...ids].find(([, k]) => k === 'en1')![0].split(':')[1];
    const comment = await u.post(`/posts/${en1}/comments`, { body: 'Count me in for the review, I will bring the numbers.' });
    ids.set(`comment:${comment.body.id}`, 'c1');
    await indexed(t);
  });
  afterAll(() => t?.close());

  const keys = async (q: string, extra = '') => {
    const res = await u.get(`/search?q=${encodeURIComponent(q)}&type=post,comment,page,question,answer${extra}`);
    expect(res.status).toBe(200);
    return (res.body.items as { type: string; id: number }[]).map((i) => ids.get(`${i.type}:${i.id}`) ?? `?${i.type}:${i.id}`);
  };

  const CASES: { q: string; includes: string[]; excludes?: string[]; top?: string }[] = [
    { q: 'Anträge', includes: ['de2', 'de5', 'a1', 'de1'], excludes: ['en9'] },
    // Compounds by their last part: "Urlaubsantrag", and "Geschäftsordnung" (stemmed "geschaftsordn").
    { q: 'Antrag', includes: ['de2', 'de5', 'a1', 'de1'] },
    { q: 'Ordnung', includes: ['de13'] },
    { q: 'Urlaub', includes: ['de1', 'de2'], top: 'de2' },
    { q: 'Strasse', includes: ['de3'] },
    { q: 'Straße', includes: ['de3'] },
    { q: 'Munchen', includes: ['de4'], excludes: ['en4'] },
    { q: 'München', includes: ['de4'] },
    { q: 'running', includes: ['en1', 'en2'] },
    { q: 'runs', includes: ['en1', 'en2'] },
    { q: 'policy', includes: ['en3'], top: 'en3' },
    { q: '"quarterly review"', includes: ['en1'], excludes: ['en8'] },
    { q: 'quarterly -review', includes: ['en8'], excludes: ['en1'] },
    { q: 'Haus', includes: ['de6'] },
    { q: 'Elternzeit', includes: ['de5', 'a1'], top: 'de5' },
    { q: 'parental leave', includes: ['en5'], top: 'en5' },
    { q: 'Mitarbeiter', includes: ['de12'] },
    { q: 'Reisekosten', includes: ['de8'] },
    { q: 'Fussball', includes: ['de11'] },
    { q: '"state of the art"', includes: ['en11'] },
    { q: 'confidential trains', includes: ['en12'], excludes: ['de9'] },
    { q: 'Server -Störung', includes: ['en10'], excludes: ['de10'] },
  ];

  for (const c of CASES)
    it(`${c.q} -> ${c.includes.join(', ')}`, async () => {
      const got = await keys(c.q);
      for (const k of c.includes) expect(got, `${c.q}: ${got.join(' ')}`).toContain(k);
      for (const k of c.excludes ?? []) expect(got, `${c.q}: ${got.join(' ')}`).not.toContain(k);
      if (c.top) expect(got[0], `${c.q}: ${got.join(' ')}`).toBe(c.top);
    });

  it('highlights the matched inflection, escaped', async () => {
    const res = await u.get(`/search?q=${encodeURIComponent('Anträge')}&type=page`);
    expect(res.body.items[0].titleHtml).toBe('Urlaub beantragen');
    expect(res.body.items[0].snippetHtml).toContain('<mark>Antrag</mark>');
    expect(res.body.items[0].snippetHtml).toContain('<mark>Anträge</mark>');
  });

  it('sorts by date, newest first', async () => {
    const res = await u.get(`/search?q=morning&sort=date`);
    expect(res.body.items.map((i: { id: number; type: string }) => ids.get(`${i.type}:${i.id}`))).toEqual(['en2', 'en1']);
  });

  it('pages with a cursor without repeating or skipping', async () => {
    const all = await keys('Antrag');
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 10; i++) {
      const res = await u.get(`/search?q=Antrag&type=post,comment,page,question,answer&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((h: { type: string; id: number }) => ids.get(`${h.type}:${h.id}`)));
      if (!res.body.nextCursor) break;
      cursor = res.body.nextCursor;
    }
    expect(seen).toEqual(all);
  });

  it('suggests a respelling from visible words', async () => {
    const res = await u.get(`/search?q=${encodeURIComponent('Elternzeti')}`);
    expect(res.body.items).toEqual([]);
    expect(res.body.didYouMean).toBe('elternzeit');
  });

  it('finds similar questions while asking', async () => {
    const res = await u.get(`/questions/similar?q=${encodeURIComponent('Elternzeit beantragen: welche Frist?')}`);
    expect(res.status).toBe(200);
    expect(res.body.items[0].title).toBe('Wie beantrage ich Elternzeit?');
  });
});

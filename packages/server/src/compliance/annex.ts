/**
 * The annex to the written works agreement, generated from a policy version: print-ready HTML and
 * PDF with the same plain-language text the employees read, plus who proposed and approved it.
 */
import PDFDocument from 'pdfkit';
import type { Locale, PolicyView } from '@foyer/shared';
import { ROLE_NAMES } from './render.js';

interface AnnexText {
  title: (org: string) => string;
  version: (n: number) => string;
  status: Record<PolicyView['status'], string>;
  activated: string;
  proposed: string;
  approvals: string;
  noDecisions: string;
  approved: string;
  rejected: string;
  system: string;
  generated: string;
  document: string;
}

const TEXT: Record<Locale, AnnexText> = {
  en: {
    title: (org) => `Annex to the works agreement on Foyer — ${org}`,
    version: (n) => `Policy version ${n}`,
    status: { active: 'in force', pending: 'pending approval', retired: 'replaced by a later version', superseded: 'superseded before approval', rejected: 'rejected' },
    activated: 'In force since',
    proposed: 'Proposed by',
    approvals: 'Decisions',
    noDecisions: 'No decisions recorded (initial version with the behaviour before the policy existed).',
    approved: 'approved',
    rejected: 'rejected',
    system: 'Foyer (initial version)',
    generated: 'Generated',
    document: 'The machine-readable policy document (JSON) is part of this annex.',
  },
  de: {
    title: (org) => `Anlage zur Betriebsvereinbarung über Foyer — ${org}`,
    version: (n) => `Richtlinie, Version ${n}`,
    status: { active: 'in Kraft', pending: 'wartet auf Zustimmung', retired: 'durch eine spätere Version ersetzt', superseded: 'vor der Zustimmung ersetzt', rejected: 'abgelehnt' },
    activated: 'In Kraft seit',
    proposed: 'Vorgeschlagen von',
    approvals: 'Entscheidungen',
    noDecisions: 'Keine Entscheidungen erfasst (erste Version mit dem Verhalten vor Einführung der Richtlinie).',
    approved: 'zugestimmt',
    rejected: 'abgelehnt',
    system: 'Foyer (erste Version)',
    generated: 'Erstellt',
    document: 'Das maschinenlesbare Richtliniendokument (JSON) ist Teil dieser Anlage.',
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const formatDate = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso)) + ' UTC';

/** The lines every format shows, in order: a heading, facts, decisions. */
function facts(v: PolicyView, locale: Locale) {
  const t = TEXT[locale];
  const lines: [string, string][] = [];
  if (v.activatedAt) lines.push([t.activated, formatDate(v.activatedAt, locale)]);
  lines.push([t.proposed, v.proposedBy ? `${v.proposedBy.name}, ${formatDate(v.proposedAt, locale)}` : t.system]);
  const decisions = v.decisions.map(
    (d) => `${d.by.name} (${ROLE_NAMES[d.role][locale]}): ${d.decision === 'approve' ? t.approved : t.rejected}, ${formatDate(d.at, locale)}${d.reason ? ` — ${d.reason}` : ''}`,
  );
  return { lines, decisions: decisions.length ? decisions : [t.noDecisions] };
}

export function annexHtml(v: PolicyView, org: string, locale: Locale, generatedAt: string): string {
  const t = TEXT[locale];
  const { lines, decisions } = facts(v, locale);
  const e = escapeHtml;
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<title>${e(t.title(org))} — ${e(t.version(v.version))}</title>
<style>
  @page { size: A4; margin: 22mm 20mm; }
  body { font: 11pt/1.5 Georgia, 'Times New Roman', serif; color: #111; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 17pt; margin: 0 0 .25rem; }
  h2 { font-size: 13pt; margin: 1.5rem 0 .4rem; break-after: avoid; }
  .version { font-size: 12pt; color: #333; margin: 0 0 1rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 1rem; }
  dt { font-weight: bold; }
  dd { margin: 0; }
  section { break-inside: avoid; }
  pre { font: 8.5pt/1.35 'DejaVu Sans Mono', monospace; white-space: pre-wrap; border: 1px solid #999; padding: .5rem; }
  footer { margin-top: 2rem; font-size: 9pt; color: #444; }
  @media print { body { margin: 0; max-width: none; } }
</style>
</head>
<body>
<h1>${e(t.title(org))}</h1>
<p class="version">${e(t.version(v.version))} — ${e(t.status[v.status])}</p>
<dl>
${lines.map(([k, val]) => `  <dt>${e(k)}</dt><dd>${e(val)}</dd>`).join('\n')}
</dl>
<h2>${e(t.approvals)}</h2>
<ul>
${decisions.map((d) => `  <li>${e(d)}</li>`).join('\n')}
</ul>
${v.sections
  .map((s) => `<section>\n<h2>${e(s.title)}</h2>\n${s.sentences.map((x) => `<p>${e(x)}</p>`).join('\n')}\n</section>`)
  .join('\n')}
<section>
<h2>JSON</h2>
<p>${e(t.document)}</p>
<pre>${e(JSON.stringify(v.document, null, 2))}</pre>
</section>
<footer>${e(t.generated)}: ${e(formatDate(generatedAt, locale))}</footer>
</body>
</html>
`;
}

export function annexPdf(v: PolicyView, org: string, locale: Locale, generatedAt: string): Promise<Buffer> {
  const t = TEXT[locale];
  const { lines, decisions } = facts(v, locale);
  const pdf = new PDFDocument({ size: 'A4', margins: { top: 60, bottom: 60, left: 56, right: 56 }, info: { Title: `${t.title(org)} — ${t.version(v.version)}`, Producer: 'Foyer' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const heading = (text: string, size: number) => pdf.moveDown(0.6).font('Helvetica-Bold').fontSize(size).text(text).moveDown(0.2);
  const para = (text: string) => pdf.font('Helvetica').fontSize(10.5).text(text, { paragraphGap: 3 });
  heading(t.title(org), 16);
  pdf.font('Helvetica').fontSize(12).text(`${t.version(v.version)} — ${t.status[v.status]}`).moveDown(0.5);
  for (const [k, val] of lines) pdf.font('Helvetica-Bold').fontSize(10.5).text(`${k}: `, { continued: true }).font('Helvetica').text(val);
  heading(t.approvals, 12.5);
  for (const d of decisions) para(`• ${d}`);
  for (const s of v.sections) {
    heading(s.title, 12.5);
    for (const x of s.sentences) para(x);
  }
  heading('JSON', 12.5);
  para(t.document);
  pdf.font('Courier').fontSize(8).text(JSON.stringify(v.document, null, 2));
  pdf.moveDown(1).font('Helvetica').fontSize(8.5).fillColor('#444').text(`${t.generated}: ${formatDate(generatedAt, locale)}`);
  pdf.end();
  return done;
}

import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { get } from '../../lib/api';
import type { PageDiff, WikiPage } from '../../lib/types';
import { wikiKeys } from '../../lib/wiki';
import { ErrorText, Loading } from '../bits';
import { NotFoundPage } from '../../routes/NotFound';

type Line = PageDiff['lines'][number];
type Chunk = { kind: 'lines'; lines: Line[] } | { kind: 'hidden'; lines: Line[]; key: number };

/** Unchanged lines kept around each change; longer unchanged stretches fold away. */
const CONTEXT = 3;

function chunk(lines: Line[]): Chunk[] {
  const out: Chunk[] = [];
  let i = 0;
  while (i < lines.length) {
    let j = i;
    while (j < lines.length && lines[j].op === 'same') j++;
    const run = lines.slice(i, j);
    const lead = i === 0 ? 0 : CONTEXT;
    const trail = j === lines.length ? 0 : CONTEXT;
    if (run.length > lead + trail + 1) {
      if (lead) out.push({ kind: 'lines', lines: run.slice(0, lead) });
      out.push({ kind: 'hidden', lines: run.slice(lead, run.length - trail), key: i + lead });
      if (trail) out.push({ kind: 'lines', lines: run.slice(run.length - trail) });
    } else if (run.length) out.push({ kind: 'lines', lines: run });
    let k = j;
    while (k < lines.length && lines[k].op !== 'same') k++;
    if (k > j) out.push({ kind: 'lines', lines: lines.slice(j, k) });
    i = k;
  }
  return out;
}

/** The changes between two revisions, at ./diff?from=&to= of a page. */
export function PageDiffView({ page }: { page: WikiPage }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const from = Number(params.get('from'));
  const to = Number(params.get('to'));
  const valid = Number.isInteger(from) && Number.isInteger(to) && from > 0 && to > 0;
  const q = useQuery({
    queryKey: wikiKeys.diff(page.id, from, to),
    queryFn: ({ signal }) => get<PageDiff>(`/pages/${page.id}/diff`, { from, to }, signal),
    enabled: valid,
  });
  if (!valid) return <NotFoundPage />;
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorText error={q.error} />;
  return (
    <section className="card wiki-diff-card" aria-labelledby="wiki-diff-title">
      <h2 id="wiki-diff-title">{t('wiki.diffTitle', { from: q.data.from, to: q.data.to })}</h2>
      <DiffLines lines={q.data.lines} />
      {q.data.truncated && <p className="hint">{t('wiki.diffTruncated')}</p>}
      <p>
        <Link to={`/pages/${page.id}/history`}>{t('wiki.backToHistory')}</Link>
      </p>
    </section>
  );
}

/**
 * Added and removed lines differ in colour and also in a +/− marker and, for screen readers, the
 * words "added"/"removed"; the summary counts them.
 */
export function DiffLines({ lines }: { lines: Line[] }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<ReadonlySet<number>>(new Set());
  const added = lines.filter((l) => l.op === 'add').length;
  const removed = lines.filter((l) => l.op === 'del').length;
  if (added + removed === 0) return <p className="muted">{t('wiki.diffSame')}</p>;
  return (
    <>
      <p className="wiki-diff-summary">{t('wiki.diffSummary', { added, removed })}</p>
      <ol className="wiki-diff" data-testid="wiki-diff">
        {chunk(lines).map((c, ci) =>
          c.kind === 'hidden' && !shown.has(c.key) ? (
            <li key={`h${c.key}`} className="diff-fold">
              <button type="button" className="link-btn muted" onClick={() => setShown(new Set([...shown, c.key]))}>
                {t('wiki.diffUnchanged', { count: c.lines.length })}
              </button>
            </li>
          ) : (
            <Fragment key={`c${ci}`}>
              {c.lines.map((l, li) => (
                <DiffLine key={li} line={l} />
              ))}
            </Fragment>
          ),
        )}
      </ol>
    </>
  );
}

function DiffLine({ line }: { line: Line }) {
  const { t } = useTranslation();
  const text = line.text || '\u00a0';
  if (line.op === 'add')
    return (
      <li className="diff-add" data-op="add">
        <span className="diff-marker" aria-hidden="true">+</span>
        <ins>
          <span className="sr-only">{t('wiki.added')} </span>
          {text}
        </ins>
      </li>
    );
  if (line.op === 'del')
    return (
      <li className="diff-del" data-op="del">
        <span className="diff-marker" aria-hidden="true">−</span>
        <del>
          <span className="sr-only">{t('wiki.removed')} </span>
          {text}
        </del>
      </li>
    );
  return (
    <li className="diff-same" data-op="same">
      <span className="diff-marker" aria-hidden="true">
        {' '}
      </span>
      <span>{text}</span>
    </li>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../lib/api';
import type { PageRevisionText } from '../../lib/types';
import { wikiKeys, type SaveConflict } from '../../lib/wiki';
import { ErrorText, Time } from '../bits';

/** Who saved the version that got in the way (the conflict itself only carries their id). */
function useCurrentAuthor(pageId: number, version: number) {
  return useQuery({
    queryKey: wikiKeys.revision(pageId, version),
    queryFn: ({ signal }) => get<PageRevisionText>(`/pages/${pageId}/revisions/${version}`, undefined, signal),
  }).data?.author.name;
}

interface Props {
  pageId: number;
  conflict: SaveConflict;
  busy: boolean;
  error: unknown;
  onKeepMine: () => void;
  onTakeCurrent: () => void;
  onMerge: () => void;
}

/**
 * Someone saved while you were editing: both versions side by side, and three ways on. Nothing
 * you typed is dropped unless you choose the other version.
 */
export function ConflictView({ pageId, conflict, busy, error, onKeepMine, onTakeCurrent, onMerge }: Props) {
  const { t } = useTranslation();
  const author = useCurrentAuthor(pageId, conflict.current.version);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [conflict.current.version]);
  return (
    <section className="card wiki-conflict" aria-labelledby="wiki-conflict-title" data-testid="wiki-conflict">
      <h2 id="wiki-conflict-title" ref={heading} tabIndex={-1}>
        {t('wiki.conflictTitle')}
      </h2>
      <p role="alert" className="warning">
        {author
          ? t('wiki.conflictExplainNamed', { name: author, version: conflict.current.version })
          : t('wiki.conflictExplain', { version: conflict.current.version })}
      </p>
      <div className="wiki-versions">
        <Version
          testId="wiki-conflict-current"
          heading={t('wiki.currentVersion', { version: conflict.current.version })}
          sub={
            <>
              {author && <span>{t('wiki.editedBy', { name: author })}</span>}
              {author && <span aria-hidden="true"> · </span>}
              <Time iso={conflict.current.updatedAt} />
            </>
          }
          title={conflict.current.title}
          body={conflict.current.body}
        />
        <Version
          testId="wiki-conflict-yours"
          heading={t('wiki.yourVersion')}
          sub={t('wiki.basedOn', { version: conflict.yours.baseVersion })}
          title={conflict.yours.title}
          body={conflict.yours.body}
        />
      </div>
      <ErrorText error={error} />
      <div className="form-actions wiki-conflict-actions">
        <button type="button" className="btn" onClick={onTakeCurrent} disabled={busy} data-testid="wiki-take-current">
          {t('wiki.takeCurrent')}
        </button>
        <button type="button" className="btn" onClick={onMerge} disabled={busy} data-testid="wiki-merge">
          {t('wiki.editMerge')}
        </button>
        <button type="button" className="btn btn-primary" onClick={onKeepMine} disabled={busy} data-testid="wiki-keep-mine">
          {t('wiki.keepMine')}
        </button>
      </div>
    </section>
  );
}

function Version({ heading, sub, title, body, testId }: { heading: string; sub: ReactNode; title: string; body: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <section className="wiki-version" aria-label={heading} data-testid={testId}>
      <h3>{heading}</h3>
      <p className="muted small">{sub}</p>
      <p className="wiki-version-title">{t('wiki.titleIs', { title })}</p>
      <textarea className="wiki-version-body" readOnly value={body} rows={12} aria-label={t('wiki.versionText', { heading })} />
    </section>
  );
}

/** While merging: the current version's text to copy from, collapsible to make room. */
export function CurrentVersionReference({ pageId, current }: { pageId: number; current: SaveConflict['current'] }) {
  const { t } = useTranslation();
  const author = useCurrentAuthor(pageId, current.version);
  return (
    <details className="wiki-reference" open>
      <summary>{author ? t('wiki.referenceNamed', { name: author, version: current.version }) : t('wiki.reference', { version: current.version })}</summary>
      <p className="wiki-version-title">{t('wiki.titleIs', { title: current.title })}</p>
      <textarea
        className="wiki-version-body"
        readOnly
        value={current.body}
        rows={8}
        aria-label={t('wiki.versionText', { heading: t('wiki.currentVersion', { version: current.version }) })}
      />
    </details>
  );
}

import { LIMITS } from '@foyer/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { put } from '../../lib/api';
import type { PageSummary, WikiPage } from '../../lib/types';
import { invalidateWiki, saveConflictOf, type SaveConflict } from '../../lib/wiki';
import { ErrorText } from '../bits';
import { ConflictView, CurrentVersionReference } from './ConflictView';
import { MarkdownEditor } from './MarkdownEditor';

interface Draft {
  title: string;
  body: string;
  /** The version this text was based on: the server refuses the save if someone saved since. */
  baseVersion: number;
}

/**
 * Editing a page. The draft keeps the version it started from (not the live one), so a save
 * after someone else's is answered with a conflict instead of overwriting them.
 */
export function PageEditor({ page, pages }: { page: WikiPage; pages: PageSummary[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => ({ title: page.title, body: page.body, baseVersion: page.version }));
  const [conflict, setConflict] = useState<SaveConflict | null>(null);
  // After "edit a merge": the other person's text stays in view while merging.
  const [reference, setReference] = useState<SaveConflict['current'] | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);

  const save = useMutation({
    mutationFn: (d: Draft) => put<WikiPage>(`/pages/${page.id}`, { title: d.title.trim(), body: d.body, baseVersion: d.baseVersion }),
    onSuccess: (saved) => {
      invalidateWiki(qc, saved, saved);
      navigate(`/pages/${page.id}`);
    },
    onError: (e) => {
      const c = saveConflictOf(e);
      if (c) {
        setConflict(c);
        // The page shown around the editor should be the current one now.
        void qc.invalidateQueries({ queryKey: ['wiki', 'page', page.id] });
      }
    },
  });

  useEffect(() => {
    if (!conflict && reference) titleRef.current?.focus();
  }, [conflict, reference]);

  if (conflict) {
    const current = conflict.current;
    const atCurrent = (title: string, body: string) => ({ title, body, baseVersion: current.version });
    return (
      <ConflictView
        pageId={page.id}
        conflict={conflict}
        busy={save.isPending}
        error={save.error && !saveConflictOf(save.error) ? save.error : null}
        onKeepMine={() => save.mutate(atCurrent(conflict.yours.title, conflict.yours.body))}
        onTakeCurrent={() => {
          setConflict(null);
          navigate(`/pages/${page.id}`);
        }}
        onMerge={() => {
          setDraft(atCurrent(conflict.yours.title, conflict.yours.body));
          setReference(current);
          setConflict(null);
          save.reset();
        }}
      />
    );
  }

  return (
    <form
      className="card form wiki-form"
      aria-labelledby={`${id}-heading`}
      onSubmit={(e) => {
        e.preventDefault();
        if (draft.title.trim() && !save.isPending) save.mutate(draft);
      }}
    >
      <h2 id={`${id}-heading`}>{reference ? t('wiki.mergeHeading') : t('wiki.editHeading')}</h2>
      {reference && <CurrentVersionReference pageId={page.id} current={reference} />}
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('wiki.title')}</label>
        <input
          ref={titleRef}
          id={`${id}-title`}
          type="text"
          value={draft.title}
          onChange={(e) => setDraft({ ...draft, title: e.target.value })}
          maxLength={LIMITS.pageTitle}
          required
          data-testid="wiki-title"
        />
      </div>
      <MarkdownEditor id={`${id}-body`} value={draft.body} onChange={(body) => setDraft({ ...draft, body })} spaceSlug={page.space.slug} pages={pages} testId="wiki-body" />
      <ErrorText error={save.error} />
      <div className="form-actions">
        <span className="muted small grow">{t('wiki.basedOn', { version: draft.baseVersion })}</span>
        <button type="button" className="btn" onClick={() => navigate(`/pages/${page.id}`)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={!draft.title.trim() || save.isPending} data-testid="wiki-save">
          {save.isPending ? t('wiki.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}

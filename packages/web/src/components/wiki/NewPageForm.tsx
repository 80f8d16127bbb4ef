import { LIMITS } from '@foyer/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { post } from '../../lib/api';
import type { Space, WikiPage } from '../../lib/types';
import { buildTree, flattenTree, invalidateWiki, useSpacePages } from '../../lib/wiki';
import { AudiencePreview } from '../labels/AudiencePreview';
import { LabelError } from '../labels/LabelError';
import { LabelPicker } from '../labels/LabelPicker';
import { MarkdownEditor } from './MarkdownEditor';

/** A new page: title, parent, label (as the post composer offers it) and markdown body. `?title=` and `?parent=` prefill it. */
export function NewPageForm({ space }: { space: Space }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const id = useId();
  const [params] = useSearchParams();
  const pages = useSpacePages(space.id).data ?? [];
  const [title, setTitle] = useState(params.get('title') ?? '');
  const [parentId, setParentId] = useState<number | null>(Number(params.get('parent')) || null);
  const [label, setLabel] = useState(space.labelDefault);
  const [body, setBody] = useState('');

  const create = useMutation({
    mutationFn: () => post<WikiPage>(`/spaces/${space.id}/pages`, { title: title.trim(), body, label, ...(parentId ? { parentId } : {}) }),
    onSuccess: (page) => {
      invalidateWiki(qc, page, page);
      navigate(`/pages/${page.id}`);
    },
  });

  if (!space.abilities.post) {
    return (
      <div className="card notice">
        <p>{t('wiki.cannotWrite')}</p>
      </div>
    );
  }
  return (
    <form
      className="card form wiki-form"
      aria-labelledby={`${id}-heading`}
      onSubmit={(e) => {
        e.preventDefault();
        if (title.trim() && !create.isPending) create.mutate();
      }}
    >
      <h2 id={`${id}-heading`}>{t('wiki.newPage')}</h2>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('wiki.title')}</label>
        <input id={`${id}-title`} type="text" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={LIMITS.pageTitle} required data-testid="wiki-title" />
      </div>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-parent`}>{t('wiki.parent')}</label>
          <select id={`${id}-parent`} value={parentId ?? ''} onChange={(e) => setParentId(e.target.value ? Number(e.target.value) : null)} data-testid="wiki-parent">
            <option value="">{t('wiki.topLevel')}</option>
            {flattenTree(buildTree(pages)).map(({ page, depth }) => (
              <option key={page.id} value={page.id}>
                {'\u00a0\u00a0'.repeat(depth + 1)}
                {page.title}
              </option>
            ))}
          </select>
        </div>
        <LabelPicker value={label} onChange={setLabel} ceiling={space.labelCeiling} testId="wiki-label" />
      </div>
      <AudiencePreview spaceId={space.id} label={label} />
      <MarkdownEditor id={`${id}-body`} value={body} onChange={setBody} spaceSlug={space.slug} pages={pages} testId="wiki-body" />
      <LabelError error={create.error} />
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => navigate(`/spaces/${space.slug}/wiki`)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={!title.trim() || create.isPending} data-testid="wiki-create">
          {create.isPending ? t('wiki.saving') : t('wiki.create')}
        </button>
      </div>
    </form>
  );
}

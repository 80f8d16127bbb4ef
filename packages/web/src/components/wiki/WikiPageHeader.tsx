import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useMatch, useNavigate } from 'react-router';
import { del } from '../../lib/api';
import type { PageSummary, WikiPage } from '../../lib/types';
import { ancestorsOf, invalidateWiki, wikiKeys } from '../../lib/wiki';
import { Avatar, ErrorText, Time } from '../bits';
import { ConfirmDialog } from '../Dialog';
import { LabelBadge } from '../labels/LabelBadge';
import { ReportButton } from '../moderation/ReportButton';
import { MovePageDialog } from './MovePageDialog';

/** Breadcrumbs up the tree, title, label, last editor, the page's sections and its actions. */
export function WikiPageHeader({ page, pages }: { page: WikiPage; pages: PageSummary[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [moving, setMoving] = useState(false);
  const base = `/pages/${page.id}`;
  const onDiff = useMatch('/pages/:id/diff') !== null;
  const wiki = `/spaces/${page.space.slug}/wiki`;

  const remove = useMutation({
    mutationFn: () => del<void>(`/pages/${page.id}`),
    onSuccess: () => {
      setConfirmDelete(false);
      // The tree is shown from cache at once: without the page, not with it until the refetch lands.
      qc.setQueryData<PageSummary[]>(wikiKeys.tree(page.space.id), (items) => items?.filter((p) => p.id !== page.id));
      navigate(wiki, { replace: true });
      qc.removeQueries({ queryKey: wikiKeys.page(page.id) });
      invalidateWiki(qc, page);
    },
  });

  return (
    <header className="card wiki-header">
      <nav aria-label={t('wiki.breadcrumbs')}>
        <ol className="wiki-crumbs">
          <li>
            <Link to={`/spaces/${page.space.slug}`}>{page.space.name}</Link>
          </li>
          <li>
            <Link to={wiki}>{t('wiki.wiki')}</Link>
          </li>
          {ancestorsOf(pages, page).map((a) => (
            <li key={a.id}>
              <Link to={`/pages/${a.id}`}>{a.title}</Link>
            </li>
          ))}
          <li aria-current="page">{page.title}</li>
        </ol>
      </nav>
      <div className="wiki-title-row">
        <h1 id="wiki-page-title" data-testid="wiki-page-title">{page.title}</h1>
        <LabelBadge level={page.label} />
      </div>
      <p className="wiki-meta muted small">
        <Avatar user={page.updatedBy} size={20} />
        <span>{t('wiki.editedBy', { name: page.updatedBy.name })}</span>
        <span aria-hidden="true">·</span>
        <Time iso={page.updatedAt} />
        <span aria-hidden="true">·</span>
        <span>{t('wiki.version', { version: page.version })}</span>
      </p>
      <div className="wiki-header-foot">
        <nav className="tabs wiki-tabs" aria-label={t('wiki.sections')}>
          <NavLink to={base} end>
            {t('wiki.view')}
          </NavLink>
          {page.abilities.edit && (
            <NavLink to={`${base}/edit`} data-testid="wiki-edit">
              {t('wiki.edit')}
            </NavLink>
          )}
          {/* A diff is part of the history: its tab stays marked there. */}
          {onDiff ? (
            <Link to={`${base}/history`} data-testid="wiki-history" aria-current="page">
              {t('wiki.history')}
            </Link>
          ) : (
            <NavLink to={`${base}/history`} data-testid="wiki-history">
              {t('wiki.history')}
            </NavLink>
          )}
        </nav>
        <div className="page-actions">
          {page.abilities.edit && (
            <>
              <Link to={`${wiki}/new?parent=${page.id}`} className="btn btn-small" data-testid="wiki-new-child">
                {t('wiki.newChild')}
              </Link>
              <button type="button" className="btn btn-small" onClick={() => setMoving(true)}>
                {t('wiki.move')}
              </button>
            </>
          )}
          {page.abilities.delete && (
            <button type="button" className="btn btn-small btn-danger" onClick={() => setConfirmDelete(true)} data-testid="wiki-delete">
              {t('wiki.delete')}
            </button>
          )}
          {/* Reported is the current version, so its author is whoever saved it. */}
          <ReportButton targetType="page" targetId={page.id} authorId={page.updatedBy.id} />
        </div>
      </div>
      <ErrorText error={remove.error} />
      <MovePageDialog page={moving ? (pages.find((p) => p.id === page.id) ?? page) : null} pages={pages} onClose={() => setMoving(false)} />
      <ConfirmDialog
        open={confirmDelete}
        title={t('wiki.deleteTitle', { title: page.title })}
        message={t('wiki.deleteConfirm', { count: pages.filter((p) => p.parentId === page.id).length })}
        confirmLabel={t('wiki.delete')}
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirmDelete(false)}
      />
    </header>
  );
}

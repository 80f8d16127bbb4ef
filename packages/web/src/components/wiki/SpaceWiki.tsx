import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { NotFoundPage } from '../../routes/NotFound';
import type { PageSummary, Space } from '../../lib/types';
import { buildTree, useSpacePages } from '../../lib/wiki';
import { Empty, ErrorText, Loading } from '../bits';
import { MovePageDialog } from './MovePageDialog';
import { NewPageForm } from './NewPageForm';
import { PageTree } from './PageTree';

/** The space's wiki tab: the page tree, and the form for a new page at ./new. */
export function SpaceWiki({ space }: { space: Space }) {
  return (
    <Routes>
      <Route index element={<WikiHome space={space} />} />
      <Route path="new" element={<NewPageForm space={space} />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function WikiHome({ space }: { space: Space }) {
  const { t } = useTranslation();
  const q = useSpacePages(space.id);
  const [moving, setMoving] = useState<PageSummary | null>(null);
  const pages = useMemo(() => q.data ?? [], [q.data]);
  const tree = useMemo(() => buildTree(pages), [pages]);
  const canWrite = space.abilities.post;
  return (
    <section className="card wiki-home" aria-labelledby="wiki-title">
      <div className="wiki-home-head">
        <h2 id="wiki-title">{t('wiki.spaceWiki')}</h2>
        {canWrite && (
          <Link to="new" className="btn btn-primary" data-testid="wiki-new">
            <span aria-hidden="true">+ </span>
            {t('wiki.newPage')}
          </Link>
        )}
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : tree.length === 0 ? (
        <Empty>{canWrite ? t('wiki.emptyWrite') : t('wiki.empty')}</Empty>
      ) : (
        <>
          <p className="muted small">{t('wiki.pageCount', { count: pages.length })}</p>
          <PageTree nodes={tree} label={t('wiki.treeLabel', { space: space.name })} defaultLabel={space.labelDefault} onMove={canWrite ? setMoving : undefined} />
        </>
      )}
      <MovePageDialog page={moving} pages={pages} onClose={() => setMoving(null)} />
    </section>
  );
}

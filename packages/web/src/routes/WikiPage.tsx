import { useQuery } from '@tanstack/react-query';
import { Route, Routes, useParams } from 'react-router';
import { ErrorText, Loading, useTitle } from '../components/bits';
import { PageDiffView } from '../components/wiki/PageDiffView';
import { PageEditor } from '../components/wiki/PageEditor';
import { PageHistory } from '../components/wiki/PageHistory';
import { PageView } from '../components/wiki/PageView';
import { WikiPageHeader } from '../components/wiki/WikiPageHeader';
import { get, isApiError } from '../lib/api';
import type { WikiPage } from '../lib/types';
import { useSpacePages, wikiKeys } from '../lib/wiki';
import { NotFoundPage } from './NotFound';

/** /pages/:id with its sections: the page, ./edit, ./history and ./diff?from=&to=. */
export function WikiPagePage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const q = useQuery({ queryKey: wikiKeys.page(id), queryFn: ({ signal }) => get<WikiPage>(`/pages/${id}`, undefined, signal), enabled: valid });
  // The space's tree gives breadcrumbs, child pages and the [[link]] targets of the preview.
  const tree = useSpacePages(q.data?.space.id);
  useTitle(q.data?.title);
  if (!valid || isApiError(q.error, 'not_found')) return <NotFoundPage />;
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorText error={q.error} />;
  const page = q.data;
  const pages = tree.data ?? [];
  return (
    <div className="page wiki-page">
      <WikiPageHeader page={page} pages={pages} />
      <Routes>
        <Route index element={<PageView page={page} pages={pages} />} />
        <Route path="edit" element={page.abilities.edit ? <PageEditor key={page.id} page={page} pages={pages} /> : <NotFoundPage />} />
        <Route path="history" element={<PageHistory page={page} />} />
        <Route path="diff" element={<PageDiffView page={page} />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { QUESTION_FILTERS, useQuestionList } from '../../lib/questions';
import type { QuestionListFilter } from '../../lib/types';
import { Empty, ErrorText, Loading, LoadMore } from '../bits';
import { QuestionItem } from './QuestionItem';

function filterFrom(value: string | null): QuestionListFilter {
  return QUESTION_FILTERS.find((f) => f === value) ?? 'all';
}

/**
 * Questions of one space (spaceId) or of every readable space (null), with the all / unanswered
 * / solved filter kept in the address (?filter=), so a filtered list can be linked and reloaded.
 * `heading` is the level of each question's title, below the page's own headings.
 */
export function QuestionList({ spaceId, label, heading = 'h3' }: { spaceId: number | null; label: string; heading?: 'h2' | 'h3' }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params.get('filter'));
  const list = useQuestionList(spaceId, filter);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const choose = (f: QuestionListFilter) => {
    const next = new URLSearchParams(params);
    if (f === 'all') next.delete('filter');
    else next.set('filter', f);
    setParams(next, { replace: true });
  };
  return (
    <section className="question-list" aria-label={label}>
      <div className="toolbar">
        <div className="segmented" role="group" aria-label={t('questions.filterLabel')} data-testid="question-filter">
          {QUESTION_FILTERS.map((f) => (
            <button key={f} type="button" aria-pressed={filter === f} onClick={() => choose(f)} data-testid={`question-filter-${f}`}>
              {t(`questions.filters.${f}`)}
            </button>
          ))}
        </div>
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorText error={list.error} />
      ) : items.length === 0 ? (
        <Empty>{t(`questions.empty.${filter}`)}</Empty>
      ) : (
        <ul className="question-items" data-testid="question-items">
          {items.map((q) => (
            <QuestionItem key={q.id} question={q} showSpace={spaceId === null} heading={heading} />
          ))}
        </ul>
      )}
      <LoadMore query={list} />
    </section>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSimilarQuestions } from '../../lib/questions';
import { SolvedBadge } from './bits';

/**
 * Questions that look like the one being typed, so people find an answer before asking again.
 * The count is announced politely once typing pauses; the list itself is not read out.
 */
export function SimilarQuestions({ title }: { title: string }) {
  const { t } = useTranslation();
  const id = useId();
  const { items, settled } = useSimilarQuestions(title);
  return (
    <>
      <p className="sr-only" role="status">
        {settled && items.length > 0 ? t('questions.similarFound', { count: items.length }) : ''}
      </p>
      {items.length > 0 && (
        <section className="similar-questions" aria-labelledby={`${id}-title`} data-testid="similar-questions">
          <h3 id={`${id}-title`} className="similar-title">
            {t('questions.similarTitle')}
          </h3>
          <ul>
            {items.map((q) => (
              <li key={q.id}>
                <Link to={`/questions/${q.id}`} target="_blank" rel="noopener">
                  {q.title}
                </Link>{' '}
                <span className="muted small">
                  {q.space.name} · {t('questions.answerCount', { count: q.answerCount })}
                </span>{' '}
                {q.bestAnswerId !== null && <SolvedBadge />}
              </li>
            ))}
          </ul>
          <p className="hint">{t('questions.similarHint')}</p>
        </section>
      )}
    </>
  );
}

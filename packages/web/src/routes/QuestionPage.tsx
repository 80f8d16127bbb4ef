import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorText, Loading, useTitle } from '../components/bits';
import { AnswerCard } from '../components/questions/AnswerCard';
import { AnswerComposer } from '../components/questions/AnswerComposer';
import { QuestionView } from '../components/questions/QuestionView';
import { isApiError } from '../lib/api';
import { useQuestion } from '../lib/questions';
import { NotFoundPage } from './NotFound';

/** A question with its answers (the best first, then by score) and the answer form. */
export function QuestionPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const q = useQuestion(id);
  // What just happened (marked best, answer posted), for screen readers.
  const [announcement, setAnnouncement] = useState('');
  useTitle(q.data?.title);
  const { hash } = useLocation();
  const loaded = q.data !== undefined;
  // A notification links to one answer (#answer-12): show it once the question has loaded.
  useEffect(() => {
    if (loaded && hash) document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'center' });
  }, [loaded, hash]);
  if (!Number.isInteger(id) || id <= 0 || isApiError(q.error, 'not_found')) return <NotFoundPage />;
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorText error={q.error} />;
  const question = q.data;
  const answers = question.answers;
  return (
    <div className="page page-feed question-page">
      <nav className="breadcrumbs" aria-label={t('questions.breadcrumbs')}>
        <Link to={`/spaces/${question.space.slug}/questions`}>
          <span aria-hidden="true">← </span>
          {t('questions.spaceTitle', { space: question.space.name })}
        </Link>
      </nav>
      <QuestionView question={question} />
      <section className="answers" aria-labelledby="answers-title">
        <h2 id="answers-title">{t('questions.answerCount', { count: answers.length })}</h2>
        {answers.length === 0 ? (
          <p className="muted">{t('questions.noAnswers')}</p>
        ) : (
          <ol className="answer-list" data-testid="answers">
            {answers.map((a) => (
              <AnswerCard key={a.id} question={question} answer={a} onAnnounce={setAnnouncement} />
            ))}
          </ol>
        )}
      </section>
      {question.abilities.answer && <AnswerComposer question={question} onAnnounce={setAnnouncement} />}
      <p className="sr-only" role="status">
        {announcement}
      </p>
    </div>
  );
}

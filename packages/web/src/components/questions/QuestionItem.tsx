import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Question } from '../../lib/types';
import { PersonLink, Time } from '../bits';
import { LabelBadge } from '../labels/LabelBadge';
import { SolvedBadge, TagList } from './bits';

/** One question in a list: answer count, title, where and by whom, solved, label and tags. */
export function QuestionItem({ question: q, showSpace = true, heading: H = 'h3' }: { question: Question; showSpace?: boolean; heading?: 'h2' | 'h3' }) {
  const { t } = useTranslation();
  const solved = q.bestAnswerId !== null;
  return (
    <li className="card question-item" data-testid={`question-${q.id}`}>
      <div className={solved ? 'question-count solved' : q.answerCount === 0 ? 'question-count open' : 'question-count'} aria-hidden="true">
        <span className="question-count-n">{q.answerCount}</span>
        <span className="question-count-word">{t('questions.answersWord', { count: q.answerCount })}</span>
      </div>
      <div className="question-item-main">
        <H className="question-item-title">
          <Link to={`/questions/${q.id}`}>{q.title}</Link>
        </H>
        <p className="question-item-meta muted small">
          {showSpace && (
            <>
              <Link to={`/spaces/${q.space.slug}/questions`} className="muted-link">
                {q.space.name}
              </Link>
              {' · '}
            </>
          )}
          <PersonLink user={q.author} /> · <Time iso={q.createdAt} />
          <span className="sr-only"> · {t('questions.answerCount', { count: q.answerCount })}</span>
        </p>
        <div className="question-badges">
          {solved && <SolvedBadge />}
          <LabelBadge level={q.label} small />
          <TagList tags={q.tags} />
        </div>
      </div>
    </li>
  );
}

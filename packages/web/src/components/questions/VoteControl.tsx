import { useTranslation } from 'react-i18next';
import { put } from '../../lib/api';
import { useQuestionWrite } from '../../lib/questions';
import type { Answer, QuestionDetail } from '../../lib/types';
import { ErrorText } from '../bits';

/**
 * Up and down votes with the score between them. A pressed button withdraws the vote. People
 * who may not vote (their own answer, read-only access) see the score only.
 */
export function VoteControl({ questionId, answer: a }: { questionId: number; answer: Answer }) {
  const { t } = useTranslation();
  const vote = useQuestionWrite(questionId, (value: 1 | -1 | 0) => put<QuestionDetail>(`/answers/${a.id}/vote`, { value }));
  const score = (
    <span className="vote-score" data-testid="vote-score">
      <span aria-hidden="true">{a.score}</span>
      <span className="sr-only">{t('questions.score', { count: a.score })}</span>
    </span>
  );
  if (!a.abilities.vote) {
    return (
      <div className="votes votes-readonly">
        {score}
      </div>
    );
  }
  return (
    <div className="votes" role="group" aria-label={t('questions.votesFor', { name: a.author.name })}>
      <button
        type="button"
        className="vote-btn"
        aria-pressed={a.myVote === 1}
        aria-label={t('questions.voteUp')}
        disabled={vote.isPending}
        onClick={() => vote.mutate(a.myVote === 1 ? 0 : 1)}
        data-testid="vote-up"
      >
        <span aria-hidden="true">▲</span>
      </button>
      {score}
      <button
        type="button"
        className="vote-btn"
        aria-pressed={a.myVote === -1}
        aria-label={t('questions.voteDown')}
        disabled={vote.isPending}
        onClick={() => vote.mutate(a.myVote === -1 ? 0 : -1)}
        data-testid="vote-down"
      >
        <span aria-hidden="true">▼</span>
      </button>
      <ErrorText error={vote.error} />
    </div>
  );
}

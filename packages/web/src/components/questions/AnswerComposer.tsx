import { LIMITS } from '@foyer/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../lib/api';
import { useQuestionWrite } from '../../lib/questions';
import type { QuestionDetail } from '../../lib/types';
import { ErrorText } from '../bits';
import { MentionTextarea } from '../MentionTextarea';

/** Writing an answer, with the composer's conventions (Markdown, @mentions, Ctrl+Enter). */
export function AnswerComposer({ question, onAnnounce }: { question: QuestionDetail; onAnnounce: (message: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [body, setBody] = useState('');
  const answer = useQuestionWrite(question.id, (text: string) => post<QuestionDetail>(`/questions/${question.id}/answers`, { body: text }), () => {
    setBody('');
    onAnnounce(t('questions.answerPosted'));
  });
  const send = () => {
    if (body.trim() && !answer.isPending) answer.mutate(body);
  };
  return (
    <form
      className="card form answer-composer"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <h2 id={`${id}-title`}>
        <label htmlFor={`${id}-body`}>{t('questions.yourAnswer')}</label>
      </h2>
      <MentionTextarea
        id={`${id}-body`}
        value={body}
        onValueChange={setBody}
        spaceId={question.space.id}
        rows={5}
        maxLength={LIMITS.postBody}
        aria-describedby={`${id}-hint`}
        data-testid="answer-input"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            send();
          }
        }}
      />
      <p id={`${id}-hint`} className="hint">
        {t('questions.answerHint')}
      </p>
      <ErrorText error={answer.error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={!body.trim() || answer.isPending} data-testid="answer-submit">
          {answer.isPending ? t('questions.answering') : t('questions.answerSubmit')}
        </button>
      </div>
    </form>
  );
}

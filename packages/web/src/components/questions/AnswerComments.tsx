import { LIMITS } from '@foyer/shared';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../lib/api';
import { useQuestionWrite } from '../../lib/questions';
import type { Answer, QuestionDetail } from '../../lib/types';
import { ErrorText, PersonLink, Time } from '../bits';
import { MentionTextarea } from '../MentionTextarea';
import { SafeHtml } from '../SafeHtml';

/** Short comments under an answer (asking for details, thanking), and a form to add one. */
export function AnswerComments({ question, answer: a }: { question: QuestionDetail; answer: Answer }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    // The button is back after this render: keyboard users continue from where they started.
    setTimeout(() => opener.current?.focus());
  };
  const add = useQuestionWrite(question.id, (text: string) => post<QuestionDetail>(`/answers/${a.id}/comments`, { body: text }), () => {
    setBody('');
    close();
  });
  const send = () => {
    if (body.trim() && !add.isPending) add.mutate(body);
  };
  if (a.comments.length === 0 && !a.abilities.comment) return null;
  return (
    <div className="answer-comments">
      {a.comments.length > 0 && (
        <ul className="answer-comment-list" aria-label={t('questions.commentsOn', { name: a.author.name })}>
          {a.comments.map((c) => (
            <li key={c.id} className="answer-comment" data-testid={`answer-comment-${c.id}`}>
              <SafeHtml html={c.html} className="prose answer-comment-body" />
              <span className="muted small">
                {' – '}
                <PersonLink user={c.author} /> · <Time iso={c.createdAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
      {a.abilities.comment &&
        (open ? (
          <form
            className="answer-comment-form"
            onSubmit={(e) => {
              e.preventDefault();
              send();
            }}
          >
            <label htmlFor={`${id}-comment`} className="sr-only">
              {t('questions.commentLabel', { name: a.author.name })}
            </label>
            <MentionTextarea
              id={`${id}-comment`}
              value={body}
              onValueChange={setBody}
              spaceId={question.space.id}
              rows={2}
              maxLength={LIMITS.commentBody}
              placeholder={t('comments.placeholder')}
              autoFocus
              data-testid="answer-comment-input"
              onKeyDown={(e) => {
                if (e.key === 'Escape') close();
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  send();
                }
              }}
            />
            <ErrorText error={add.error} />
            <div className="form-actions">
              <button type="button" className="btn btn-small" onClick={close}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="btn btn-small btn-primary" disabled={!body.trim() || add.isPending} data-testid="answer-comment-submit">
                {t('comments.submit')}
              </button>
            </div>
          </form>
        ) : (
          <button ref={opener} type="button" className="link-btn small" onClick={() => setOpen(true)} data-testid="answer-comment-open">
            {t('questions.addComment')}
          </button>
        ))}
    </div>
  );
}

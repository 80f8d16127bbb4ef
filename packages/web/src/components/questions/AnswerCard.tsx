import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, patch, put } from '../../lib/api';
import { useQuestionWrite } from '../../lib/questions';
import type { Answer, QuestionDetail } from '../../lib/types';
import { Avatar, ErrorText, PersonLink, Time } from '../bits';
import { ConfirmDialog } from '../Dialog';
import { InlineEditForm } from '../InlineEditForm';
import { ReportButton } from '../moderation/ReportButton';
import { LinkPreviewCard } from '../previews/LinkPreviewCard';
import { SafeHtml } from '../SafeHtml';
import { AnswerComments } from './AnswerComments';
import { VoteControl } from './VoteControl';
import { AttachmentList } from '../files/AttachmentList';

/**
 * One answer: votes, the "best answer" mark, the text, what its author (edit, delete) and the
 * asker or a space admin (mark as best) may do, and its comments.
 */
export function AnswerCard({ question, answer: a, onAnnounce }: { question: QuestionDetail; answer: Answer; onAnnounce: (message: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(a.body);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const bestButton = useRef<HTMLButtonElement>(null);
  const refocusBest = useRef(false);

  const choose = useQuestionWrite(question.id, (answerId: number | null) => put<QuestionDetail>(`/questions/${question.id}/best`, { answerId }), (answerId) => {
    refocusBest.current = true;
    onAnnounce(answerId === null ? t('questions.unmarkedBest') : t('questions.markedBest'));
  });
  const edit = useQuestionWrite(
    question.id,
    (input: { body: string; fileIds?: number[] }) => patch<QuestionDetail>(`/answers/${a.id}`, input),
    () => setEditing(false),
  );
  const remove = useQuestionWrite(question.id, () => del<void>(`/answers/${a.id}`), () => {
    setConfirmDelete(false);
    onAnnounce(t('questions.answerDeleted'));
  });

  // Marking moves the answer to the top; keep the keyboard focus on the button that was pressed.
  useEffect(() => {
    if (refocusBest.current) {
      refocusBest.current = false;
      bestButton.current?.focus();
    }
  }, [a.best]);

  return (
    <li id={`answer-${a.id}`} className={a.best ? 'card answer answer-best' : 'card answer'} data-testid={`answer-${a.id}`} data-best={a.best}>
      <VoteControl questionId={question.id} answer={a} />
      <div className="answer-main">
        <h3 className="sr-only">{a.best ? t('questions.bestAnswerBy', { name: a.author.name }) : t('questions.answerBy', { name: a.author.name })}</h3>
        {a.best && (
          <p className="best-mark" data-testid="best-mark">
            <span aria-hidden="true">✓ </span>
            {t('questions.bestAnswer')}
          </p>
        )}
        <div className="answer-head">
          <Avatar user={a.author} size={32} />
          <div>
            <PersonLink user={a.author} />
            <span className="muted small">
              {' · '}
              <Time iso={a.createdAt} />
              {a.editedAt && <> · {t('post.edited')}</>}
            </span>
          </div>
        </div>
        {editing ? (
          <InlineEditForm
            id={`${id}-edit`}
            label={t('questions.editAnswerLabel')}
            className="answer-edit"
            value={draft}
            onChange={setDraft}
            spaceId={question.space.id}
            pending={edit.isPending}
            error={edit.error}
            files={a.files}
            onSave={(body, fileIds) => edit.mutate({ body, ...(fileIds ? { fileIds } : {}) })}
            onCancel={() => setEditing(false)}
            testId="answer-edit-input"
          />
        ) : (
          <>
            <SafeHtml html={a.html} />
            <LinkPreviewCard html={a.html} />
            <AttachmentList files={a.files} />
          </>
        )}
        <div className="answer-actions">
          {question.abilities.chooseBest && (
            <button
              ref={bestButton}
              type="button"
              className={a.best ? 'btn btn-small' : 'btn btn-small btn-best'}
              disabled={choose.isPending}
              onClick={() => choose.mutate(a.best ? null : a.id)}
              data-testid={a.best ? 'unmark-best' : 'mark-best'}
            >
              {a.best ? t('questions.unmarkBest') : t('questions.markBest')}
            </button>
          )}
          {a.abilities.edit && !editing && (
            <button
              type="button"
              className="btn btn-small btn-ghost"
              onClick={() => {
                setDraft(a.body);
                setEditing(true);
              }}
            >
              {t('questions.edit')}
            </button>
          )}
          {a.abilities.delete && (
            <button type="button" className="btn btn-small btn-ghost danger-text" onClick={() => setConfirmDelete(true)}>
              {t('questions.delete')}
            </button>
          )}
          <ReportButton targetType="answer" targetId={a.id} authorId={a.author.id} />
        </div>
        <ErrorText error={choose.error ?? remove.error} />
        <AnswerComments question={question} answer={a} />
      </div>
      <ConfirmDialog
        open={confirmDelete}
        title={t('questions.deleteAnswerTitle')}
        message={t('questions.deleteAnswerConfirm')}
        confirmLabel={t('questions.delete')}
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate(undefined)}
        onClose={() => setConfirmDelete(false)}
      />
    </li>
  );
}

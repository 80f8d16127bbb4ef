import { LIMITS } from '@foyer/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { del, patch } from '../../lib/api';
import { MAX_TAGS, parseTags, questionKeys, TITLE_MIN, useQuestionWrite } from '../../lib/questions';
import type { QuestionDetail } from '../../lib/types';
import { Avatar, ErrorText, PersonLink, Time } from '../bits';
import { ConfirmDialog } from '../Dialog';
import { LabelBadge } from '../labels/LabelBadge';
import { ReportButton } from '../moderation/ReportButton';
import { MentionTextarea } from '../MentionTextarea';
import { LinkPreviewCard } from '../previews/LinkPreviewCard';
import { SafeHtml } from '../SafeHtml';
import { SolvedBadge, TagList } from './bits';
import { TagsField } from './TagsField';
import { AttachmentList } from '../files/AttachmentList';
import { AttachmentsField } from '../files/AttachmentsField';
import { useFileDrop } from '../files/useFileDrop';
import { useAttachmentDraft } from '../../lib/useAttachmentDraft';

/** The question itself: title, asker, space, label, tags and text; edit and delete for those allowed. */
export function QuestionView({ question: q }: { question: QuestionDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const remove = useMutation({
    mutationFn: () => del<void>(`/questions/${q.id}`),
    onSuccess: () => {
      setConfirmDelete(false);
      qc.removeQueries({ queryKey: questionKeys.detail(q.id) });
      void qc.invalidateQueries({ queryKey: questionKeys.lists });
      navigate(`/spaces/${q.space.slug}/questions`, { replace: true });
    },
  });
  return (
    <article className="card question" aria-labelledby="question-title" data-testid="question">
      <h1 id="question-title" className="question-title">
        {q.title}
      </h1>
      <div className="question-meta">
        <Avatar user={q.author} size={32} />
        <div className="muted small">
          <Link to={`/spaces/${q.space.slug}/questions`} className="space-link">
            {q.space.name}
          </Link>
          {' · '}
          <PersonLink user={q.author} /> · <Time iso={q.createdAt} />
          {q.editedAt && <> · {t('post.edited')}</>}
        </div>
      </div>
      <div className="question-badges">
        {q.bestAnswerId !== null && <SolvedBadge />}
        <LabelBadge level={q.label} small />
        <TagList tags={q.tags} />
      </div>
      {editing ? (
        <QuestionEditForm question={q} onDone={() => setEditing(false)} />
      ) : (
        q.html && (
          <>
            <SafeHtml html={q.html} />
            <LinkPreviewCard html={q.html} />
          </>
        )
      )}
      {!editing && <AttachmentList files={q.files} />}
      {!editing && (
        <div className="answer-actions">
          {q.abilities.edit && (
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setEditing(true)} data-testid="question-edit">
              {t('questions.edit')}
            </button>
          )}
          {q.abilities.delete && (
            <button type="button" className="btn btn-small btn-ghost danger-text" onClick={() => setConfirmDelete(true)} data-testid="question-delete">
              {t('questions.delete')}
            </button>
          )}
          <ReportButton targetType="question" targetId={q.id} authorId={q.author.id} />
        </div>
      )}
      <ErrorText error={remove.error} />
      <ConfirmDialog
        open={confirmDelete}
        title={t('questions.deleteQuestionTitle')}
        message={t('questions.deleteQuestionConfirm')}
        confirmLabel={t('questions.delete')}
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirmDelete(false)}
      />
    </article>
  );
}

function QuestionEditForm({ question: q, onDone }: { question: QuestionDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [title, setTitle] = useState(q.title);
  const [body, setBody] = useState(q.body);
  const [tagText, setTagText] = useState(q.tags.join(' '));
  const { tags, invalid } = parseTags(tagText);
  const ok = title.trim().length >= TITLE_MIN && invalid.length === 0 && tags.length <= MAX_TAGS;
  const attachments = useAttachmentDraft(q.files);
  const drop = useFileDrop(attachments.add);
  const save = useQuestionWrite(q.id, (input: { title: string; body: string; tags: string[]; fileIds?: number[] }) => patch<QuestionDetail>(`/questions/${q.id}`, input), onDone);
  const cancel = () => {
    attachments.reset(q.files);
    onDone();
  };
  return (
    <form
      className={drop.dragging ? 'form question-edit dragging' : 'form question-edit'}
      aria-label={t('questions.editQuestion')}
      {...drop.handlers}
      onSubmit={(e) => {
        e.preventDefault();
        if (ok && !attachments.busy) save.mutate({ title: title.trim(), body, tags, ...(attachments.fileIds ? { fileIds: attachments.fileIds } : {}) });
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') cancel();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('questions.titleLabel')}</label>
        <input id={`${id}-title`} type="text" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={LIMITS.questionTitle} minLength={TITLE_MIN} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>{t('questions.bodyLabel')}</label>
        <MentionTextarea id={`${id}-body`} value={body} onValueChange={setBody} spaceId={q.space.id} rows={5} maxLength={LIMITS.postBody} />
      </div>
      <TagsField value={tagText} onChange={setTagText} tags={tags} invalid={invalid} />
      <AttachmentsField draft={attachments} onRemoved={() => document.getElementById(`${id}-body`)?.focus()} testId="question-edit-files" />
      <ErrorText error={save.error} />
      <div className="form-actions">
        <button type="button" className="btn" onClick={cancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={!ok || save.isPending || attachments.busy}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

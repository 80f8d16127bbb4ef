import { LIMITS } from '@foyer/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { post } from '../../lib/api';
import { MAX_TAGS, parseTags, questionKeys, TITLE_MIN } from '../../lib/questions';
import type { QuestionCreate, QuestionDetail, Space } from '../../lib/types';
import { AudiencePreview } from '../labels/AudiencePreview';
import { LabelError } from '../labels/LabelError';
import { LabelPicker } from '../labels/LabelPicker';
import { MentionTextarea } from '../MentionTextarea';
import { NudgeHint } from '../NudgeHint';
import { SimilarQuestions } from './SimilarQuestions';
import { TagsField } from './TagsField';

type AskSpace = Pick<Space, 'id' | 'name' | 'labelCeiling' | 'labelDefault'>;

/**
 * Asking: title (with similar questions while typing), details, tags and label, in `spaces[0]`
 * or, when there are several, in the space the asker chooses.
 */
export function AskQuestionForm({ spaces, onCancel, heading: H = 'h3' }: { spaces: AskSpace[]; onCancel: () => void; heading?: 'h2' | 'h3' }) {
  const { t } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [tagText, setTagText] = useState('');
  const [chosen, setChosen] = useState<number | null>(null);
  const space = spaces.find((s) => s.id === chosen) ?? spaces[0];
  // A picked label belongs to the space it was picked in; another space starts at its own default.
  const [picked, setPicked] = useState<{ spaceId: number; label: number } | null>(null);
  const label = picked && picked.spaceId === space.id && picked.label <= space.labelCeiling ? picked.label : space.labelDefault;
  const pick = (level: number) => setPicked({ spaceId: space.id, label: level });
  const { tags, invalid } = parseTags(tagText);
  const tagsOk = invalid.length === 0 && tags.length <= MAX_TAGS;
  const ready = title.trim().length >= TITLE_MIN && tagsOk;

  const ask = useMutation({
    mutationFn: (input: QuestionCreate) => post<QuestionDetail>(`/spaces/${space.id}/questions`, input),
    onSuccess: (d) => {
      qc.setQueryData(questionKeys.detail(d.id), d);
      void qc.invalidateQueries({ queryKey: questionKeys.lists });
      navigate(`/questions/${d.id}`);
    },
  });
  const submit = () => {
    if (!ready || ask.isPending) return;
    ask.mutate({ title: title.trim(), body, tags, label });
  };

  return (
    <form
      className="card form ask-form"
      aria-labelledby={`${id}-heading`}
      data-testid="ask-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <H id={`${id}-heading`}>{spaces.length > 1 ? t('questions.ask') : t('questions.askTitle', { space: space.name })}</H>
      {spaces.length > 1 && (
        <div className="field field-inline">
          <label htmlFor={`${id}-space`}>{t('questions.spaceLabel')}</label>
          <select id={`${id}-space`} value={space.id} onChange={(e) => setChosen(Number(e.target.value))} data-testid="ask-space">
            {spaces.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('questions.titleLabel')}</label>
        <input
          id={`${id}-title`}
          type="text"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={LIMITS.questionTitle}
          required
          minLength={TITLE_MIN}
          autoComplete="off"
          aria-describedby={`${id}-title-hint`}
          data-testid="ask-title"
        />
        <p id={`${id}-title-hint`} className="hint">
          {t('questions.titleHint')}
        </p>
      </div>
      <SimilarQuestions title={title} />
      <div className="field">
        <label htmlFor={`${id}-body`}>{t('questions.bodyLabel')}</label>
        <MentionTextarea
          id={`${id}-body`}
          value={body}
          onValueChange={setBody}
          spaceId={space.id}
          rows={5}
          maxLength={LIMITS.postBody}
          aria-describedby={`${id}-body-hint`}
          data-testid="ask-body"
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <p id={`${id}-body-hint`} className="hint">
          {t('questions.bodyHint')}
        </p>
      </div>
      <TagsField value={tagText} onChange={setTagText} tags={tags} invalid={invalid} />
      <div className="composer-audience">
        <LabelPicker value={label} onChange={pick} ceiling={space.labelCeiling} inline testId="ask-label" />
        <AudiencePreview spaceId={space.id} label={label} />
      </div>
      <NudgeHint text={`${title}\n${body}`} label={label} spaceId={space.id} onUseLabel={pick} />
      <LabelError error={ask.error} />
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={!ready || ask.isPending} data-testid="ask-submit">
          {ask.isPending ? t('questions.asking') : t('questions.askSubmit')}
        </button>
      </div>
    </form>
  );
}

import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Space } from '../../lib/types';
import { AskQuestionForm } from './AskQuestionForm';
import { QuestionList } from './QuestionList';

/** The Questions tab of a space: ask (members who may post), then the space's questions. */
export function SpaceQuestions({ space }: { space: Space }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const askButton = useRef<HTMLButtonElement>(null);
  const canAsk = space.abilities.post && !space.archived;
  return (
    <div className="page-feed space-questions">
      <div className="page-header">
        <h2>{t('questions.spaceTitle', { space: space.name })}</h2>
        {canAsk && !asking && (
          <button ref={askButton} type="button" className="btn btn-primary" onClick={() => setAsking(true)} data-testid="ask-question">
            {t('questions.ask')}
          </button>
        )}
      </div>
      {!canAsk && !space.archived && <p className="muted small">{t('questions.joinToAsk')}</p>}
      {asking && (
        <AskQuestionForm
          spaces={[space]}
          onCancel={() => {
            setAsking(false);
            // The button comes back after this render; focus it so keyboard users keep their place.
            setTimeout(() => askButton.current?.focus());
          }}
        />
      )}
      <QuestionList spaceId={space.id} label={t('questions.spaceTitle', { space: space.name })} />
    </div>
  );
}

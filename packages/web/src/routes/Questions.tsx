import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader, useTitle } from '../components/bits';
import { useMySpaces } from '../components/Layout';
import { AskQuestionForm } from '../components/questions/AskQuestionForm';
import { QuestionList } from '../components/questions/QuestionList';

/** Questions across every space the viewer can read; asking picks one of the viewer's spaces. */
export function QuestionsPage() {
  const { t } = useTranslation();
  useTitle(t('questions.title'));
  const [asking, setAsking] = useState(false);
  const askButton = useRef<HTMLButtonElement>(null);
  const spaces = useMySpaces();
  const postable = spaces.data?.items.filter((s) => s.abilities.post && !s.archived) ?? [];
  return (
    <div className="page page-feed">
      <PageHeader title={t('questions.title')} sub={t('questions.intro')}>
        {postable.length > 0 && !asking && (
          <button ref={askButton} type="button" className="btn btn-primary" onClick={() => setAsking(true)} data-testid="ask-question">
            {t('questions.ask')}
          </button>
        )}
      </PageHeader>
      {spaces.data && postable.length === 0 && (
        <p className="card notice">
          {t('questions.noSpaces')} <Link to="/spaces">{t('questions.findSpaces')}</Link>
        </p>
      )}
      {asking && postable.length > 0 && (
        <AskQuestionForm
          spaces={postable}
          heading="h2"
          onCancel={() => {
            setAsking(false);
            setTimeout(() => askButton.current?.focus());
          }}
        />
      )}
      <QuestionList spaceId={null} label={t('questions.allTitle')} heading="h2" />
    </div>
  );
}

import { useTranslation } from 'react-i18next';

/** "Solved": a question with a best answer. */
export function SolvedBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge badge-solved" data-testid="solved-badge">
      <span aria-hidden="true">✓ </span>
      {t('questions.solved')}
    </span>
  );
}

/** A question's tags; a screen reader hears them as a list named "Tags". */
export function TagList({ tags }: { tags: string[] }) {
  const { t } = useTranslation();
  if (tags.length === 0) return null;
  return (
    <ul className="question-tags" aria-label={t('questions.tags')}>
      {tags.map((tag) => (
        <li key={tag} className="question-tag">
          {tag}
        </li>
      ))}
    </ul>
  );
}

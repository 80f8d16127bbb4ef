import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TAGS } from '../../lib/questions';

/** Tags typed as text ("deploy, staging"); what will be saved is shown below, problems named. */
export function TagsField({ value, onChange, tags, invalid }: { value: string; onChange: (v: string) => void; tags: string[]; invalid: string[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const tooMany = tags.length > MAX_TAGS;
  const problem = invalid.length > 0
    ? t('questions.tagsInvalid', { count: invalid.length, tags: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(invalid) })
    : tooMany
      ? t('questions.tagsTooMany', { max: MAX_TAGS })
      : null;
  return (
    <div className="field">
      <label htmlFor={`${id}-tags`}>{t('questions.tagsLabel')}</label>
      <input
        id={`${id}-tags`}
        type="text"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-tags-hint`}
        data-testid="tags-input"
      />
      <p id={`${id}-tags-hint`} className={problem ? 'error' : 'hint'}>
        {problem ?? t('questions.tagsHint', { max: MAX_TAGS })}
      </p>
    </div>
  );
}

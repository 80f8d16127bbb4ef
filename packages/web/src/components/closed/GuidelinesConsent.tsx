import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** The organisation's community guidelines as plain text, and the creator's acceptance. */
export function GuidelinesConsent({ guidelines, accepted, onChange, invalid }: { guidelines: string; accepted: boolean; onChange: (v: boolean) => void; invalid?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="guidelines" aria-describedby={`${id}-text`}>
      <legend>{t('closedSpaces.guidelinesTitle')}</legend>
      {/* Plain text in a pre-wrapped block: line breaks stay, nothing is parsed as HTML. */}
      <div id={`${id}-text`} className="guidelines-text" tabIndex={0} data-testid="space-guidelines">
        {guidelines}
      </div>
      <label className="checkbox" htmlFor={`${id}-accept`}>
        <input id={`${id}-accept`} type="checkbox" checked={accepted} onChange={(e) => onChange(e.target.checked)} aria-invalid={invalid || undefined} data-testid="accept-guidelines" />
        <span>{t('closedSpaces.accept')}</span>
      </label>
    </fieldset>
  );
}

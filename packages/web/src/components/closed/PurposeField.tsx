import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** Why a closed space exists; the registry lists it, so the hint says who will read it. */
export function PurposeField({ value, onChange, required, invalid }: { value: string; onChange: (s: string) => void; required?: boolean; invalid?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={`${id}-purpose`}>{required ? t('closedSpaces.purposeRequired') : t('closedSpaces.purpose')}</label>
      {/* No native `required`: the server's answer is shown in words instead of a browser bubble. */}
      <textarea
        id={`${id}-purpose`}
        rows={2}
        maxLength={500}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-required={required || undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-purpose-hint`}
        data-testid="space-purpose"
      />
      <p id={`${id}-purpose-hint`} className="hint">
        {t('closedSpaces.purposeHint')}
      </p>
    </div>
  );
}

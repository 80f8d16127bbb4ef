import { LIMITS } from '@foyer/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpaceVisibility } from '../lib/types';

export const VISIBILITIES: SpaceVisibility[] = ['public', 'private', 'secret'];

export function VisibilityChoice({ value, onChange }: { value: SpaceVisibility; onChange: (v: SpaceVisibility) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="visibility-choice">
      <legend>{t('spaces.visibilityLabel')}</legend>
      {VISIBILITIES.map((v) => (
        <div key={v} className="radio-card">
          <input
            type="radio"
            id={`${id}-${v}`}
            name={`${id}-visibility`}
            value={v}
            checked={value === v}
            onChange={() => onChange(v)}
            aria-describedby={`${id}-${v}-desc`}
          />
          <label htmlFor={`${id}-${v}`}>
            <strong>{t(`spaces.visibility.${v}`)}</strong>
            <span id={`${id}-${v}-desc`} className="muted small">
              {t(`spaces.visibilityHelp.${v}`)}
            </span>
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function NameDescriptionFields({
  name,
  description,
  onName,
  onDescription,
}: {
  name: string;
  description: string;
  onName: (s: string) => void;
  onDescription: (s: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('spaces.name')}</label>
        <input id={`${id}-name`} required maxLength={LIMITS.spaceName} value={name} onChange={(e) => onName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-desc`}>{t('spaces.description')}</label>
        <textarea id={`${id}-desc`} rows={3} maxLength={LIMITS.spaceDescription} value={description} onChange={(e) => onDescription(e.target.value)} />
      </div>
    </>
  );
}

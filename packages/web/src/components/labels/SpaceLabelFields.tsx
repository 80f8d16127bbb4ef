import { useTranslation } from 'react-i18next';
import { clampLabel, useLabels } from '../../lib/labels';
import { LabelPicker } from './LabelPicker';

export interface SpaceLabels {
  labelCeiling: number;
  labelDefault: number;
}

/** A space's highest label and its default; lowering the ceiling pulls the default down with it. */
export function SpaceLabelFields({ value, onChange }: { value: SpaceLabels; onChange: (v: SpaceLabels) => void }) {
  const { t } = useTranslation();
  const labels = useLabels().data ?? [];
  return (
    <fieldset className="label-fields">
      <legend>{t('labels.spaceLegend')}</legend>
      <LabelPicker
        value={value.labelCeiling}
        onChange={(ceiling) => onChange({ labelCeiling: ceiling, labelDefault: clampLabel(labels, value.labelDefault, ceiling) })}
        caption={t('labels.ceiling')}
        hint={t('labels.ceilingHint')}
        testId="space-label-ceiling"
      />
      <LabelPicker
        value={value.labelDefault}
        onChange={(labelDefault) => onChange({ ...value, labelDefault })}
        ceiling={value.labelCeiling}
        caption={t('labels.default')}
        hint={t('labels.defaultHint')}
        testId="space-label-default"
      />
    </fieldset>
  );
}

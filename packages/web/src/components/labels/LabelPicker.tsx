import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { labelsUpTo, useLabelName, useLabels } from '../../lib/labels';
import { LabelDot } from './LabelBadge';

interface Props {
  value: number;
  onChange: (level: number) => void;
  /** Offer only labels at or below this level (a space's ceiling); all when absent. */
  ceiling?: number;
  /** The visible caption; defaults to "Label". */
  caption?: string;
  hint?: string;
  inline?: boolean;
  testId?: string;
}

/** A native select of labels (keyboard and screen reader support for free), with the chosen colour beside it. */
export function LabelPicker({ value, onChange, ceiling, caption, hint, inline, testId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const nameOf = useLabelName();
  const labels = useLabels().data ?? [];
  const options = ceiling === undefined ? labels : labelsUpTo(labels, ceiling);
  return (
    <div className={inline ? 'field field-inline label-picker' : 'field label-picker'}>
      <label htmlFor={id}>{caption ?? t('labels.picker')}</label>
      <span className="label-picker-control">
        <LabelDot level={value} />
        <select
          id={id}
          value={value}
          onChange={(e) => onChange(Number(e.target.value))}
          disabled={options.length === 0}
          aria-describedby={hint ? `${id}-hint` : undefined}
          data-testid={testId}
        >
          {options.map((l) => (
            <option key={l.level} value={l.level}>
              {nameOf(l)}
            </option>
          ))}
        </select>
      </span>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabelName, useLabels } from '../../lib/labels';

type Kind = 'label' | 'default' | 'ceiling';

/**
 * A label's name on a tint of its colour, with a coloured dot and border. The text stays in the
 * theme's text colour, so any colour an administrator picks stays readable in light and dark.
 * Screen readers hear what the badge is ("Label: Confidential"), not just a word.
 */
export function LabelBadge({ level, kind = 'label', small }: { level: number; kind?: Kind; small?: boolean }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const nameOf = useLabelName();
  if (!labels.data) return null;
  const label = labels.data.find((l) => l.level === level);
  const name = label ? nameOf(label) : t('labels.unknown', { level });
  const style = label ? ({ '--label-colour': label.colour } as CSSProperties) : undefined;
  const described = t(`labels.badge.${kind}`, { name });
  return (
    <span className={small ? 'label-badge label-badge-small' : 'label-badge'} style={style} title={described} data-label={level}>
      <span className="label-dot" aria-hidden="true" />
      <span className="sr-only">{described}</span>
      <span className="label-badge-text" aria-hidden="true">
        {name}
      </span>
    </span>
  );
}

/** Just the coloured dot, beside a control that already says the name (the label picker). */
export function LabelDot({ level }: { level: number }) {
  const colour = useLabels().data?.find((l) => l.level === level)?.colour;
  return <span className="label-dot" aria-hidden="true" style={colour ? ({ '--label-colour': colour } as CSSProperties) : undefined} />;
}

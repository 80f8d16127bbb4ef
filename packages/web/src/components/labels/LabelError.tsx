import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { useLabelName, useLabels } from '../../lib/labels';
import { errorMessage } from '../bits';

interface Details {
  fields?: Record<string, string>;
  highest?: number;
  ceiling?: number;
  newReaders?: number;
}

interface Props {
  error: unknown;
  /** What a 403 means where this is shown (e.g. only an owner may widen confidential content). */
  forbidden?: string;
  /** What a 409 without details means here (e.g. a label still in use). */
  conflict?: string;
}

/**
 * An API error about labels in words: the server's details (which field, which label) become a
 * sentence; anything else falls back to the general error text.
 */
export function LabelError({ error, forbidden, conflict }: Props) {
  const { t } = useTranslation();
  const labels = useLabels().data ?? [];
  const nameOf = useLabelName();
  if (!error) return null;
  const labelName = (level: number) => {
    const l = labels.find((x) => x.level === level);
    return l ? nameOf(l) : t('labels.unknown', { level });
  };
  let message = errorMessage(t, error);
  if (error instanceof ApiError) {
    const d = (error.details ?? {}) as Details;
    const fields = d.fields ?? {};
    if (error.status === 400 && fields.labelDefault === 'above_ceiling') message = t('labels.errors.defaultAboveCeiling');
    else if (error.status === 400 && fields.label === 'above_ceiling')
      message = d.ceiling !== undefined ? t('labels.errors.aboveCeilingNamed', { name: labelName(d.ceiling) }) : t('labels.errors.aboveCeiling');
    else if (error.status === 400 && Object.values(fields).includes('unknown')) message = t('labels.errors.unknownLabel');
    else if (error.status === 409 && typeof d.highest === 'number') message = t('labels.errors.contentAboveCeiling', { name: labelName(d.highest) });
    else if (error.status === 409 && typeof d.newReaders === 'number') message = t('labels.errors.newReaders', { count: d.newReaders });
    else if (error.status === 409 && fields.level === 'taken') message = t('labels.errors.levelTaken');
    else if (error.status === 409 && conflict) message = conflict;
    else if (error.status === 403 && forbidden) message = forbidden;
  }
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}

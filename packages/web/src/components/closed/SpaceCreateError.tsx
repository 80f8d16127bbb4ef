import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import type { SpaceVisibility } from '../../lib/types';
import { ErrorText } from '../bits';

/** Which closed-space rule a failed creation broke, if any. */
export function closedSpaceProblem(error: unknown): 'forbidden' | 'purpose' | 'guidelines' | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 403) return 'forbidden';
  const fields = (error.details as { fields?: Record<string, string> } | undefined)?.fields ?? {};
  if (error.status === 400 && fields.purpose) return 'purpose';
  if (error.status === 400 && fields.acceptGuidelines) return 'guidelines';
  return null;
}

/** A failed space creation in words: the organisation's closed-space rules, else the general text. */
export function SpaceCreateError({ error, visibility }: { error: unknown; visibility: SpaceVisibility }) {
  const { t } = useTranslation();
  const problem = closedSpaceProblem(error);
  if (!problem) return <ErrorText error={error} />;
  const message =
    problem === 'forbidden'
      ? t('closedSpaces.errors.forbidden', { visibility })
      : problem === 'purpose'
        ? t('closedSpaces.errors.purpose')
        : t('closedSpaces.errors.guidelines');
  return (
    <p className="error" role="alert" data-testid="space-create-error">
      {message}
    </p>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../lib/api';
import { useLabelName, useLabels } from '../lib/labels';
import type { NudgeResult } from '../lib/types';
import { useDebounced } from '../lib/useDebounced';

/**
 * While the author types, asks the server whether the text looks more sensitive than the chosen
 * label. Only a hint: it never blocks sending, and a failed check shows nothing.
 */
export function NudgeHint({ text, label, spaceId, onUseLabel }: { text: string; label: number; spaceId?: number; onUseLabel: (level: number) => void }) {
  const { t, i18n } = useTranslation();
  const labels = useLabels().data ?? [];
  const nameOf = useLabelName();
  const [settledText, settledLabel] = JSON.parse(useDebounced(JSON.stringify([text.trim(), label]), 600)) as [string, number];
  const q = useQuery({
    queryKey: ['nudge', settledText, settledLabel, spaceId],
    queryFn: () => post<NudgeResult>('/nudges/check', { text: settledText, label: settledLabel, ...(spaceId ? { spaceId } : {}) }),
    enabled: settledText.length > 0,
    staleTime: 60_000,
  });
  const r = q.data;
  // Stale answers (the label was changed since) are not shown.
  if (!r || !settledText || settledLabel !== label || r.suggestedLabel === null) return null;
  const suggested = labels.find((l) => l.level === r.suggestedLabel);
  const name = suggested ? nameOf(suggested) : t('labels.unknown', { level: r.suggestedLabel });
  const kinds = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format([...new Set(r.matches.map((m) => m.name))]);
  return (
    <div className="warning nudge" role="status" data-testid="nudge">
      <p>
        {t('nudge.suggest', { kinds, name })}
        {r.wideAudience && <> {t('nudge.wide')}</>}
      </p>
      <button type="button" className="btn btn-small" onClick={() => onUseLabel(r.suggestedLabel!)} data-testid="nudge-use">
        {t('nudge.use', { name })}
      </button>
    </div>
  );
}

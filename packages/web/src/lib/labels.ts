/**
 * Sensitivity labels: the organisation's list is fetched once per session (administrators rarely
 * change it, and their edits update this cache), then looked up by level everywhere.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from './api';
import type { AudiencePreview, Label } from './types';
import { useDebounced } from './useDebounced';

export const labelsKey = ['labels'] as const;

export function sortLabels(items: Label[]): Label[] {
  return [...items].sort((a, b) => a.level - b.level);
}

export function useLabels() {
  return useQuery({
    queryKey: labelsKey,
    queryFn: async ({ signal }) => sortLabels((await get<{ items: Label[] }>('/labels', undefined, signal)).items),
    staleTime: 60 * 60_000,
  });
}

/** The label's name in the UI language. */
export function useLabelName(): (label: Label) => string {
  const { i18n } = useTranslation();
  const de = i18n.language.startsWith('de');
  return (label) => (de ? label.name.de : label.name.en) || label.name.en;
}

/** Labels a space allows: at or below its ceiling, lowest first. */
export function labelsUpTo(labels: Label[], ceiling: number): Label[] {
  return labels.filter((l) => l.level <= ceiling);
}

/** The highest label at or below `level` (to keep a default inside a lowered ceiling). */
export function clampLabel(labels: Label[], level: number, ceiling: number): number {
  if (level <= ceiling) return level;
  return labelsUpTo(labels, ceiling).at(-1)?.level ?? ceiling;
}

/**
 * Who would read an item with this label: `path` is /spaces/:id/audience or /posts/:id/audience
 * (null: don't ask). Debounced, and keeps the last answer on screen while the next one loads.
 */
export function useAudience(path: string | null, label?: number) {
  // One primitive key, so a space change and the label reset it causes settle together.
  const [settledPath, settledLabel] = JSON.parse(useDebounced(JSON.stringify([path, label ?? null]), 250)) as [string | null, number | null];
  return useQuery({
    queryKey: ['audience', settledPath, settledLabel],
    queryFn: ({ signal }) => get<AudiencePreview>(settledPath!, settledLabel === null ? {} : { label: settledLabel }, signal),
    enabled: settledPath !== null,
    placeholderData: keepPreviousData,
  });
}

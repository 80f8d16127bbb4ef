/**
 * Questions and answers: query keys, lists, one question, and the writes. Every write on a
 * question answers with the whole QuestionDetail, so the page is updated from the response
 * instead of a second request; lists are only marked stale (counts and filters may change).
 */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get } from './api';
import type { Page, Question, QuestionDetail, QuestionListFilter } from './types';
import { useDebounced } from './useDebounced';

/** A title's shortest length (QuestionCreate). */
export const TITLE_MIN = 5;

export const QUESTION_FILTERS: readonly QuestionListFilter[] = ['all', 'unanswered', 'solved'];

export const questionKeys = {
  /** Every list, company-wide and per space. */
  lists: ['questions'] as const,
  list: (spaceId: number | null, filter: QuestionListFilter) => ['questions', spaceId ?? 'all', filter] as const,
  /** Every single question. */
  details: ['question'] as const,
  detail: (id: number) => ['question', id] as const,
  similar: (q: string) => ['questions-similar', q] as const,
};

/** A question list, newest first: one space's (spaceId) or every readable space's (null). */
export function useQuestionList(spaceId: number | null, filter: QuestionListFilter) {
  return useInfiniteQuery({
    queryKey: questionKeys.list(spaceId, filter),
    queryFn: ({ pageParam, signal }) =>
      get<Page<Question>>(spaceId === null ? '/questions' : `/spaces/${spaceId}/questions`, { filter, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useQuestion(id: number) {
  return useQuery({
    queryKey: questionKeys.detail(id),
    queryFn: ({ signal }) => get<QuestionDetail>(`/questions/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** The shortest text the server compares (SimilarQuery: 3–200 characters). */
const SIMILAR_MIN = 3;

/** Questions whose titles resemble what is being typed; asked once the typing pauses. */
export function useSimilarQuestions(title: string) {
  const settled = useDebounced(title.trim().slice(0, 200), 350);
  const enabled = settled.length >= SIMILAR_MIN;
  const q = useQuery({
    queryKey: questionKeys.similar(settled),
    queryFn: async ({ signal }) => (await get<{ items: Question[] }>('/questions/similar', { q: settled }, signal)).items,
    enabled,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  return { items: enabled ? (q.data ?? []) : [], settled: enabled && !q.isPlaceholderData };
}

/**
 * A write on question `id`. `fn` returns the new QuestionDetail (shown at once) or nothing
 * (a 204 delete: the question is fetched again).
 */
export function useQuestionWrite<V>(id: number, fn: (vars: V) => Promise<QuestionDetail | void>, onDone?: (vars: V) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (detail, vars) => {
      if (detail) qc.setQueryData(questionKeys.detail(id), detail);
      else void qc.invalidateQueries({ queryKey: questionKeys.detail(id) });
      void qc.invalidateQueries({ queryKey: questionKeys.lists });
      onDone?.(vars);
    },
  });
}

const TAG = /^[\p{L}\p{N}_-]{1,40}$/u;
export const MAX_TAGS = 10;

/** Tags as typed ("deploy, #CI staging") -> ["deploy", "ci", "staging"], plus those the server would refuse. */
export function parseTags(text: string): { tags: string[]; invalid: string[] } {
  const words = text
    .split(/[\s,]+/)
    .map((w) => w.replace(/^#/, '').toLowerCase())
    .filter(Boolean);
  const tags = [...new Set(words)];
  return { tags: tags.filter((w) => TAG.test(w)), invalid: tags.filter((w) => !TAG.test(w)) };
}

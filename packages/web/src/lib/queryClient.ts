import { QueryCache, QueryClient, MutationCache, type InfiniteData, type Query } from '@tanstack/react-query';
import { ApiError, get } from './api';
import type { Comment, Page, Post, ReactionSummary, Space, SessionResponse } from './types';

function onApiError(error: unknown) {
  if (error instanceof ApiError && error.status === 401) {
    // The session ended (signed out elsewhere, deactivated, expired): show the sign-in screen.
    queryClient.setQueryData(['session'], null);
  }
  if (error instanceof ApiError && error.code === 'module_disabled') {
    // A newer works agreement switched the module off: fetch the session again so the navigation follows.
    const policy = queryClient.getQueryData<SessionResponse | null>(['session'])?.policy;
    const module = (error.details as { module?: string } | undefined)?.module;
    const listed = module === 'presence' ? policy?.presence === 'on' : policy?.modules.some((m) => m === module);
    if (listed) void queryClient.invalidateQueries({ queryKey: ['session'] });
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => {
        if (error instanceof ApiError && error.status > 0 && error.status < 500) return false;
        return count < 2;
      },
    },
    mutations: { retry: false },
  },
});

/** Query keys that hold posts: lists (infinite pages), arrays (pinned) or a single post. */
function isPostQuery(query: Query): boolean {
  const k = query.queryKey;
  switch (k[0]) {
    case 'feed':
    case 'saved':
      return true;
    case 'post':
      return k.length === 2;
    case 'space':
      return k[2] === 'posts' || k[2] === 'pinned';
    case 'person':
    case 'tag':
      return k[2] === 'posts';
    default:
      return false;
  }
}

type PostData = Post | Post[] | InfiniteData<Page<Post>> | undefined;

function mapPostData(data: PostData, fn: (p: Post) => Post | null): PostData {
  if (!data) return data;
  if (Array.isArray(data)) return data.map(fn).filter((p): p is Post => p !== null);
  if ('pages' in data) {
    return {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        items: page.items.map(fn).filter((p): p is Post => p !== null),
      })),
    };
  }
  if ('id' in data && 'space' in data) return fn(data) ?? data;
  return data;
}

/** Replace a post everywhere it is cached (feed, space, profile, tag, saved, detail). */
export function patchPost(updated: Post): void {
  queryClient.setQueriesData<PostData>({ predicate: isPostQuery }, (data) =>
    mapPostData(data, (p) => (p.id === updated.id ? updated : p)),
  );
  // Pinned lists depend on the pinned flag.
  queryClient.invalidateQueries({ queryKey: ['space', updated.space.id, 'pinned'] });
}

export function patchPostReactions(postId: number, reactions: ReactionSummary): void {
  queryClient.setQueriesData<PostData>({ predicate: isPostQuery }, (data) =>
    mapPostData(data, (p) => (p.id === postId ? { ...p, reactions } : p)),
  );
}

export function removePost(postId: number): void {
  queryClient.setQueriesData<PostData>({ predicate: isPostQuery }, (data) => {
    if (data && !Array.isArray(data) && 'id' in data) return data.id === postId ? { ...data, deleted: true } : data;
    return mapPostData(data, (p) => (p.id === postId ? null : p));
  });
}

/** Whether a post with this id is in any cache (lists or detail). */
export function isPostCached(postId: number): boolean {
  return queryClient
    .getQueryCache()
    .findAll({ predicate: isPostQuery })
    .some((q) => {
      let found = false;
      mapPostData(q.state.data as PostData, (p) => {
        if (p.id === postId) found = true;
        return p;
      });
      return found;
    });
}

/** Refetch one post and patch it into every list that shows it. */
export async function refreshPost(postId: number): Promise<void> {
  if (!isPostCached(postId)) return;
  try {
    const post = await queryClient.fetchQuery<Post>({ queryKey: ['post', postId], queryFn: () => get<Post>(`/posts/${postId}`), staleTime: 0 });
    patchPost(post);
  } catch {
    removePost(postId);
  }
}

export function patchComment(postId: number, updated: Comment): void {
  queryClient.setQueryData<Comment[]>(['post', postId, 'comments'], (list) =>
    list ? list.map((c) => (c.id === updated.id ? updated : c)) : list,
  );
}

/** Does this query belong to the space with this id? Matches ['space', id, ...] and by-slug entries. */
export function isSpaceQuery(spaceId: number) {
  return (query: Query): boolean => {
    const k = query.queryKey;
    if (k[0] !== 'space') return false;
    if (k[1] === spaceId) return true;
    if (k[1] === 'by-slug') return (query.state.data as Space | undefined)?.id === spaceId;
    return false;
  };
}

export function patchSpace(space: Space): void {
  queryClient.setQueriesData<Space>({ predicate: isSpaceQuery(space.id) }, (data) =>
    data && !Array.isArray(data) && 'slug' in data ? space : data,
  );
  queryClient.invalidateQueries({ queryKey: ['spaces'] });
  queryClient.invalidateQueries({ queryKey: ['myspaces'] });
}

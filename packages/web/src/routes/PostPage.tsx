import { LIMITS } from '@foyer/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ReportDialog } from '../components/moderation/ReportDialog';
import { useMe } from '../lib/session';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { Avatar, ErrorText, Loading, PersonLink, Time, useTitle } from '../components/bits';
import { ConfirmDialog } from '../components/Dialog';
import { MentionTextarea } from '../components/MentionTextarea';
import { PostCard } from '../components/PostCard';
import { Reactions } from '../components/Reactions';
import { SafeHtml } from '../components/SafeHtml';
import { AttachmentList } from '../components/files/AttachmentList';
import { AttachmentsField } from '../components/files/AttachmentsField';
import { useAttachmentDraft } from '../lib/useAttachmentDraft';
import { del, get, isApiError, patch, post as apiPost, put } from '../lib/api';
import { patchComment, refreshPost } from '../lib/queryClient';
import type { Comment, Post, ReactionSummary } from '../lib/types';
import { NotFoundPage } from './NotFound';

export function PostPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['post', id], queryFn: () => get<Post>(`/posts/${id}`), enabled: Number.isInteger(id) && id > 0 });
  useTitle(q.data ? t('post.titleBy', { name: q.data.author.name }) : undefined);
  if (!Number.isInteger(id) || id <= 0 || isApiError(q.error, 'not_found')) return <NotFoundPage />;
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorText error={q.error} />;
  const post = q.data;
  return (
    <div className="page page-feed">
      <nav className="breadcrumbs" aria-label={t('post.breadcrumbs')}>
        <Link to={`/spaces/${post.space.slug}`}>
          <span aria-hidden="true">← </span>
          {post.space.name}
        </Link>
      </nav>
      <h1 className="sr-only">{t('post.titleBy', { name: post.author.name })}</h1>
      <PostCard post={post} detail />
      {!post.deleted && <Comments post={post} />}
    </div>
  );
}

function Comments({ post }: { post: Post }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const location = useLocation();
  const q = useQuery({ queryKey: ['post', post.id, 'comments'], queryFn: () => get<Comment[]>(`/posts/${post.id}/comments`) });
  const [body, setBody] = useState('');
  const create = useMutation({
    mutationFn: (input: { body: string; parentId?: number }) => apiPost<Comment>(`/posts/${post.id}/comments`, input),
    onSuccess: (_c, input) => {
      if (!input.parentId) setBody('');
      void qc.invalidateQueries({ queryKey: ['post', post.id, 'comments'] });
      void refreshPost(post.id);
    },
  });

  useEffect(() => {
    if (!q.data || !location.hash) return;
    const el = document.getElementById(location.hash.slice(1));
    el?.scrollIntoView({ block: 'center' });
  }, [q.data, location.hash]);

  const all = q.data ?? [];
  const top = all.filter((c) => c.parentId === null);
  const replies = (id: number) => all.filter((c) => c.parentId === id);

  return (
    <section className="card comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{t('post.comments', { count: all.filter((c) => !c.deleted).length })}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : (
        <ol className="comment-list">
          {top.map((c) => (
            <CommentItem key={c.id} comment={c} post={post} replies={replies(c.id)} onReply={(b) => create.mutateAsync({ body: b, parentId: c.id })} />
          ))}
        </ol>
      )}
      {post.abilities.comment ? (
        <form
          className="comment-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim()) create.mutate({ body });
          }}
        >
          <label htmlFor="comment-input" className="sr-only">
            {t('comments.label')}
          </label>
          <MentionTextarea
            id="comment-input"
            data-testid="comment-input"
            value={body}
            onValueChange={setBody}
            spaceId={post.space.id}
            rows={2}
            maxLength={LIMITS.commentBody}
            placeholder={t('comments.placeholder')}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                if (body.trim()) create.mutate({ body });
              }
            }}
          />
          <ErrorText error={create.error} />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" data-testid="comment-submit" disabled={!body.trim() || create.isPending}>
              {t('comments.submit')}
            </button>
          </div>
        </form>
      ) : (
        <p className="muted small">{t('comments.closed')}</p>
      )}
    </section>
  );
}

function CommentItem({
  comment,
  post,
  replies,
  onReply,
}: {
  comment: Comment;
  post: Post;
  replies?: Comment[];
  onReply?: (body: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.body);
  const [replying, setReplying] = useState(false);
  const [reply, setReply] = useState('');
  const [confirm, setConfirm] = useState(false);
  const [reporting, setReporting] = useState(false);
  const me = useMe();
  const [replyError, setReplyError] = useState<unknown>(null);

  const react = useMutation({
    mutationFn: ({ reaction, on }: { reaction: string; on: boolean }) =>
      (on ? put : del)<ReactionSummary>(`/comments/${comment.id}/reactions/${reaction}`),
    onSuccess: (reactions) => patchComment(post.id, { ...comment, reactions }),
  });
  const edit = useMutation({
    mutationFn: (input: { body: string; fileIds?: number[] }) => patch<Comment>(`/comments/${comment.id}`, input),
    onSuccess: (c) => {
      patchComment(post.id, c);
      setEditing(false);
    },
  });
  const attachments = useAttachmentDraft(comment.files);
  const stopEditing = () => {
    attachments.reset(comment.files);
    setEditing(false);
  };
  const remove = useMutation({
    mutationFn: () => del<void>(`/comments/${comment.id}`),
    onSuccess: () => {
      setConfirm(false);
      void qc.invalidateQueries({ queryKey: ['post', post.id, 'comments'] });
      void refreshPost(post.id);
    },
  });

  const sendReply = async () => {
    if (!reply.trim() || !onReply) return;
    try {
      setReplyError(null);
      await onReply(reply);
      setReply('');
      setReplying(false);
    } catch (e) {
      setReplyError(e);
    }
  };

  return (
    <li className="comment" id={`comment-${comment.id}`} data-testid={`comment-${comment.id}`}>
      {comment.deleted ? (
        <p className="muted">{t('comments.deleted')}</p>
      ) : (
        <div className="comment-main">
          <Avatar user={comment.author} size={32} />
          <div className="comment-body">
            <div className="comment-head">
              <PersonLink user={comment.author} />
              <span className="muted small">
                <Time iso={comment.createdAt} />
                {comment.editedAt && <> · {t('post.edited')}</>}
              </span>
            </div>
            {editing ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  if (draft.trim() && !attachments.busy) edit.mutate({ body: draft, ...(attachments.fileIds ? { fileIds: attachments.fileIds } : {}) });
                }}
              >
                <label htmlFor={`comment-edit-${comment.id}`} className="sr-only">
                  {t('comments.editLabel')}
                </label>
                <MentionTextarea
                  id={`comment-edit-${comment.id}`}
                  value={draft}
                  onValueChange={setDraft}
                  spaceId={post.space.id}
                  rows={2}
                  maxLength={LIMITS.commentBody}
                  onKeyDown={(e) => e.key === 'Escape' && stopEditing()}
                />
                <AttachmentsField draft={attachments} onRemoved={() => document.getElementById(`comment-edit-${comment.id}`)?.focus()} testId="comment-edit-files" />
                <ErrorText error={edit.error} />
                <div className="form-actions">
                  <button type="button" className="btn btn-small" onClick={stopEditing}>
                    {t('common.cancel')}
                  </button>
                  <button type="submit" className="btn btn-small btn-primary" disabled={edit.isPending || attachments.busy}>
                    {t('common.save')}
                  </button>
                </div>
              </form>
            ) : (
              <>
                <SafeHtml html={comment.html} />
                <AttachmentList files={comment.files} />
              </>
            )}
            <div className="comment-actions">
              <Reactions
                summary={comment.reactions}
                canReact={comment.abilities.react}
                busy={react.isPending}
                onToggle={(reaction, on) => react.mutate({ reaction, on })}
              />
              {onReply && comment.abilities.reply && (
                <button type="button" className="link-btn small" onClick={() => setReplying((r) => !r)} aria-expanded={replying}>
                  {t('comments.reply')}
                </button>
              )}
              {comment.abilities.edit && !editing && (
                <button
                  type="button"
                  className="link-btn small"
                  onClick={() => {
                    setDraft(comment.body);
                    attachments.reset(comment.files);
                    setEditing(true);
                  }}
                >
                  {t('comments.edit')}
                </button>
              )}
              {comment.abilities.delete && (
                <button type="button" className="link-btn small danger" onClick={() => setConfirm(true)}>
                  {t('comments.delete')}
                </button>
              )}
              {comment.author.id !== me.id && (
                <button type="button" className="link-btn small" onClick={() => setReporting(true)} data-testid="comment-report">
                  {t('report.action')}
                </button>
              )}
            </div>
            {reporting && <ReportDialog targetType="comment" targetId={comment.id} onClose={() => setReporting(false)} />}
            <ErrorText error={react.error ?? remove.error} />
          </div>
        </div>
      )}
      {replies && replies.length > 0 && (
        <ol className="comment-list replies" aria-label={t('comments.repliesTo', { name: comment.author.name })}>
          {replies.map((r) => (
            <CommentItem key={r.id} comment={r} post={post} />
          ))}
        </ol>
      )}
      {replying && (
        <form
          className="reply-form"
          onSubmit={(e) => {
            e.preventDefault();
            void sendReply();
          }}
        >
          <label htmlFor={`reply-${comment.id}`} className="sr-only">
            {t('comments.replyLabel', { name: comment.author.name })}
          </label>
          <MentionTextarea
            id={`reply-${comment.id}`}
            data-testid="reply-input"
            value={reply}
            onValueChange={setReply}
            spaceId={post.space.id}
            rows={2}
            autoFocus
            maxLength={LIMITS.commentBody}
            placeholder={t('comments.replyPlaceholder')}
            onKeyDown={(e) => e.key === 'Escape' && setReplying(false)}
          />
          <ErrorText error={replyError} />
          <div className="form-actions">
            <button type="button" className="btn btn-small" onClick={() => setReplying(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-small btn-primary" disabled={!reply.trim()} data-testid="reply-submit">
              {t('comments.reply')}
            </button>
          </div>
        </form>
      )}
      <ConfirmDialog
        open={confirm}
        title={t('comments.deleteTitle')}
        message={t('comments.deleteConfirm')}
        confirmLabel={t('comments.delete')}
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirm(false)}
      />
    </li>
  );
}

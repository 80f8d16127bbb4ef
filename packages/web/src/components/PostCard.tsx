import { REACTION_EMOJI, REACTIONS } from '@foyer/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { del, get, patch, put } from '../lib/api';
import { patchPost, patchPostReactions, removePost } from '../lib/queryClient';
import { useMe } from '../lib/session';
import type { Post, PostRevision, Reaction, ReactionSummary, ReactionUser } from '../lib/types';
import { Avatar, ErrorText, Loading, PersonLink, Time } from './bits';
import { ConfirmDialog, Dialog } from './Dialog';
import { ChangeLabelDialog } from './labels/ChangeLabelDialog';
import { LabelBadge } from './labels/LabelBadge';
import { AnnouncementBanner } from './announcements/AnnouncementBanner';
import { Menu, MenuAction } from './Menu';
import { ReportDialog } from './moderation/ReportDialog';
import { MoveDialog } from './posts/MoveDialog';
import { DeclassificationHistory } from './shares/DeclassificationHistory';
import { ShareDialog } from './shares/ShareDialog';
import { SharedPostCard } from './shares/SharedPostCard';
import { InlineEditForm } from './InlineEditForm';
import { Reactions } from './Reactions';
import { SafeHtml } from './SafeHtml';
import { LinkPreviewCard } from './previews/LinkPreviewCard';
import { AttachmentList } from './files/AttachmentList';

export function usePostReaction(post: Post) {
  return useMutation({
    mutationFn: ({ reaction, on }: { reaction: Reaction; on: boolean }) =>
      (on ? put : del)<ReactionSummary>(`/posts/${post.id}/reactions/${reaction}`),
    onSuccess: (summary) => patchPostReactions(post.id, summary),
  });
}

export function PostCard({ post, detail = false, showSpace = true }: { post: Post; detail?: boolean; showSpace?: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(post.body);
  const [dialog, setDialog] = useState<null | 'delete' | 'history' | 'who' | 'label' | 'share' | 'move' | 'report' | 'declass'>(null);

  const react = usePostReaction(post);
  const toggle = useMutation({
    mutationFn: ({ what, on }: { what: 'save' | 'follow' | 'pin'; on: boolean }) =>
      (on ? put : del)<Post>(`/posts/${post.id}/${what}`),
    onSuccess: (p, v) => {
      patchPost(p);
      if (v.what === 'save') void qc.invalidateQueries({ queryKey: ['saved'] });
    },
  });
  const edit = useMutation({
    mutationFn: (input: { body: string; fileIds?: number[] }) => patch<Post>(`/posts/${post.id}`, input),
    onSuccess: (p) => {
      patchPost(p);
      void qc.invalidateQueries({ queryKey: ['post', post.id, 'revisions'] });
      setEditing(false);
    },
  });
  const remove = useMutation({
    mutationFn: () => del<void>(`/posts/${post.id}`),
    onSuccess: () => {
      setDialog(null);
      removePost(post.id);
      void qc.invalidateQueries({ queryKey: ['space', post.space.id, 'pinned'] });
      if (detail) navigate(`/spaces/${post.space.slug}`);
    },
  });

  if (post.deleted) {
    return (
      <article className="card post post-deleted" data-testid={`post-${post.id}`}>
        <p className="muted">{t('post.deleted')}</p>
      </article>
    );
  }

  const { abilities } = post;
  // The server lets the author or a space manager relabel; `pin` is exactly "manages this live post".
  const canRelabel = abilities.edit || abilities.pin;
  const isMine = post.author.id === me.id;
  const open = (d: NonNullable<typeof dialog>, close: () => void) => {
    setDialog(d);
    close();
  };
  const headingId = `post-${post.id}-by`;
  return (
    <article className="card post" data-testid={`post-${post.id}`} aria-labelledby={headingId}>
      <header className="post-head">
        <Avatar user={post.author} />
        <div className="post-meta">
          <div className="post-byline" id={headingId}>
            <PersonLink user={post.author} />
            {showSpace && (
              <>
                <span className="sep" aria-hidden="true">
                  ▸
                </span>
                <Link to={`/spaces/${post.space.slug}`} className="space-link">
                  {post.space.name}
                </Link>
              </>
            )}
          </div>
          <div className="post-sub muted">
            {post.author.title && <span>{post.author.title} · </span>}
            <Link to={`/posts/${post.id}`} className="muted-link" aria-label={t('post.permalink')}>
              <Time iso={post.createdAt} />
            </Link>
            {post.editedAt && (
              <>
                {' · '}
                <button type="button" className="link-btn muted" onClick={() => setDialog('history')}>
                  {t('post.edited')}
                </button>
              </>
            )}{' '}
            <LabelBadge level={post.label} small />
          </div>
        </div>
        {post.pinned && (
          <span className="badge badge-pinned">
            <span aria-hidden="true">📌 </span>
            {t('post.pinned')}
          </span>
        )}
        <Menu label={t('post.more')} icon={<span aria-hidden="true">⋯</span>}>
          {(close) => (
            <>
              <MenuAction label={t('shares.action')} onClick={() => open('share', close)} testId="post-share" />
              {abilities.edit && (
                <button
                  type="button"
                  onClick={() => {
                    setDraft(post.body);
                    setEditing(true);
                    close();
                  }}
                >
                  {t('post.edit')}
                </button>
              )}
              {canRelabel && (
                <button
                  type="button"
                  onClick={() => {
                    setDialog('label');
                    close();
                  }}
                >
                  {t('labels.change')}
                </button>
              )}
              {canRelabel && <MenuAction label={t('move.action')} onClick={() => open('move', close)} testId="post-move" />}
              {canRelabel && <MenuAction label={t('post.declassHistory')} onClick={() => open('declass', close)} />}
              {abilities.pin && (
                <button
                  type="button"
                  onClick={() => {
                    toggle.mutate({ what: 'pin', on: !post.pinned });
                    close();
                  }}
                >
                  {post.pinned ? t('post.unpin') : t('post.pin')}
                </button>
              )}
              {post.editedAt && (
                <button
                  type="button"
                  onClick={() => {
                    setDialog('history');
                    close();
                  }}
                >
                  {t('post.history')}
                </button>
              )}
              {abilities.delete && (
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    setDialog('delete');
                    close();
                  }}
                >
                  {t('post.delete')}
                </button>
              )}
              {!isMine && <MenuAction label={t('report.action')} onClick={() => open('report', close)} testId="post-report" />}
            </>
          )}
        </Menu>
      </header>
      {post.announcement && <AnnouncementBanner post={post} announcement={post.announcement} />}

      {editing ? (
        <InlineEditForm
          id={`edit-${post.id}`}
          label={t('post.editLabel')}
          className="post-edit"
          value={draft}
          onChange={setDraft}
          spaceId={post.space.id}
          pending={edit.isPending}
          error={edit.error}
          files={post.files}
          onSave={(body, fileIds) => edit.mutate({ body, ...(fileIds ? { fileIds } : {}) })}
          onCancel={() => setEditing(false)}
          testId="post-edit-input"
        />
      ) : (
        post.html && <SafeHtml html={post.html} />
      )}
      {!editing && <LinkPreviewCard html={post.html} />}
      {post.shared && <SharedPostCard shared={post.shared} via={{ kind: 'post', id: post.id }} />}
      {post.images && post.images.length > 0 && (
        <ul className={post.images.length === 1 ? 'post-images single' : 'post-images'} aria-label={t('post.images', { count: post.images.length })}>
          {post.images.map((img, i) => (
            <li key={img.id}>
              <a href={img.url} target="_blank" rel="noopener noreferrer" aria-label={t('post.openImage', { n: i + 1 })}>
                <img src={img.thumbUrl} alt="" width={img.width} height={img.height} loading="lazy" />
              </a>
            </li>
          ))}
        </ul>
      )}

      {/* While editing, the form lists the files with their remove buttons. */}
      {!editing && <AttachmentList files={post.files} />}

      <Reactions
        summary={post.reactions}
        canReact={abilities.react}
        busy={react.isPending}
        onToggle={(reaction, on) => react.mutate({ reaction, on })}
        onShowWho={() => setDialog('who')}
      />
      <ErrorText error={react.error ?? toggle.error} />

      <div className="post-actions">
        {!detail && (
          <Link to={`/posts/${post.id}`} className="btn btn-ghost">
            <span aria-hidden="true">💬 </span>
            {t('post.comments', { count: post.commentCount })}
          </Link>
        )}
        <button
          type="button"
          className="btn btn-ghost"
          aria-pressed={post.saved}
          onClick={() => toggle.mutate({ what: 'save', on: !post.saved })}
          disabled={toggle.isPending}
        >
          <span aria-hidden="true">{post.saved ? '★ ' : '☆ '}</span>
          {t('post.save')}
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          aria-pressed={post.followed}
          onClick={() => toggle.mutate({ what: 'follow', on: !post.followed })}
          disabled={toggle.isPending}
        >
          <span aria-hidden="true">{post.followed ? '🔔 ' : '🔕 '}</span>
          {t('post.follow')}
        </button>
      </div>

      <ConfirmDialog
        open={dialog === 'delete'}
        title={t('post.deleteTitle')}
        message={t('post.deleteConfirm')}
        confirmLabel={t('post.delete')}
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setDialog(null)}
      />
      <Dialog open={dialog === 'history'} onClose={() => setDialog(null)} title={t('post.historyTitle')} wide>
        <Revisions postId={post.id} />
      </Dialog>
      {dialog === 'label' && <ChangeLabelDialog post={post} onClose={() => setDialog(null)} />}
      {dialog === 'share' && <ShareDialog post={post} onClose={() => setDialog(null)} />}
      {dialog === 'move' && <MoveDialog post={post} onClose={() => setDialog(null)} />}
      {dialog === 'declass' && <DeclassificationHistory postId={post.id} onClose={() => setDialog(null)} />}
      {dialog === 'report' && <ReportDialog targetType="post" targetId={post.id} onClose={() => setDialog(null)} />}
      <Dialog open={dialog === 'who'} onClose={() => setDialog(null)} title={t('reactions.whoTitle')}>
        <WhoReacted postId={post.id} />
      </Dialog>
    </article>
  );
}

function Revisions({ postId }: { postId: number }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['post', postId, 'revisions'], queryFn: () => get<PostRevision[]>(`/posts/${postId}/revisions`) });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorText error={q.error} />;
  if (q.data.length === 0) return <p>{t('post.noRevisions')}</p>;
  return (
    <ol className="revisions">
      {q.data.map((r) => (
        <li key={r.id}>
          <div className="muted small">
            {t('post.revisionBy', { name: r.editor.name })} · <Time iso={r.createdAt} relative={false} />
          </div>
          <pre className="revision-body">{r.body}</pre>
        </li>
      ))}
    </ol>
  );
}

function WhoReacted({ postId }: { postId: number }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['post', postId, 'reactions'], queryFn: () => get<ReactionUser[]>(`/posts/${postId}/reactions`) });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorText error={q.error} />;
  return (
    <div className="who-reacted">
      {REACTIONS.map((r) => {
        const users = q.data.filter((x) => x.reaction === r);
        if (users.length === 0) return null;
        return (
          <section key={r}>
            <h3>
              <span aria-hidden="true">{REACTION_EMOJI[r]} </span>
              {t(`reactions.names.${r}`)} ({users.length})
            </h3>
            <ul className="people-mini">
              {users.map(({ user }) => (
                <li key={user.id}>
                  <Avatar user={user} size={28} />
                  <PersonLink user={user} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get, patch } from '../../lib/api';
import { useAudience } from '../../lib/labels';
import { patchPost, queryClient } from '../../lib/queryClient';
import type { Post, Space } from '../../lib/types';
import { ErrorText, Loading } from '../bits';
import { Dialog } from '../Dialog';
import { LabelBadge } from './LabelBadge';
import { LabelError } from './LabelError';
import { LabelPicker } from './LabelPicker';

/** Relabels a post, within its space's ceiling. */
export function ChangeLabelDialog({ post, onClose }: { post: Post; onClose: () => void }) {
  const space = useQuery({ queryKey: ['space', post.space.id], queryFn: ({ signal }) => get<Space>(`/spaces/${post.space.id}`, undefined, signal) });
  return (
    <LabelChangeDialog
      current={post.label}
      ceiling={space.data?.labelCeiling}
      loading={space.isPending}
      loadError={space.error}
      audiencePath={`/posts/${post.id}/audience`}
      submit={async (label, confirmAudience) => patchPost(await patch<Post>(`/posts/${post.id}`, { label, ...(confirmAudience ? { confirmAudience: true } : {}) }))}
      onClose={onClose}
    />
  );
}

interface LabelChangeProps {
  current: number;
  /** Highest label offered (a space's ceiling); every label when absent. */
  ceiling?: number;
  loading?: boolean;
  loadError?: unknown;
  /** The item's audience endpoint: answers `newReaders` for a `label` query. */
  audiencePath: string;
  submit: (label: number, confirmAudience: boolean) => Promise<void>;
  onClose: () => void;
}

/**
 * Relabels an item. A lower label can let new people read it: the dialog says how many, and the
 * change is only sent once the person has confirmed them (the server insists on that too).
 */
export function LabelChangeDialog({ current, ceiling, loading, loadError, audiencePath, submit, onClose }: LabelChangeProps) {
  const { t } = useTranslation();
  const [label, setLabel] = useState(current);
  const [confirmed, setConfirmed] = useState(false);
  // The server's count wins over the preview's when someone joined in between.
  const [serverCount, setServerCount] = useState<number | null>(null);
  const lowering = label < current;
  const preview = useAudience(lowering ? audiencePath : null, label);
  const previewCount = preview.data && !preview.isPlaceholderData ? (preview.data.newReaders ?? 0) : null;
  const newReaders = lowering ? (serverCount ?? previewCount) : 0;

  const save = useMutation({
    mutationFn: () => submit(label, confirmed),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['audience'] });
      onClose();
    },
    onError: (e) => {
      const count = e instanceof ApiError && e.status === 409 ? (e.details as { newReaders?: unknown } | undefined)?.newReaders : undefined;
      if (typeof count === 'number') {
        setServerCount(count);
        setConfirmed(false);
      }
    },
  });

  const choose = (level: number) => {
    setLabel(level);
    setConfirmed(false);
    setServerCount(null);
    save.reset();
  };
  const needsConfirmation = newReaders !== null && newReaders > 0;
  // Without a preview the server still refuses unconfirmed new readers and says how many.
  const known = newReaders !== null || preview.isError;
  const ready = label !== current && known && (!needsConfirmation || confirmed);
  const widening = save.error instanceof ApiError && save.error.status === 409 && serverCount !== null;

  return (
    <Dialog open onClose={onClose} title={t('labels.changeTitle')} testId="change-label-dialog">
      {loading ? (
        <Loading />
      ) : loadError ? (
        <ErrorText error={loadError} />
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (ready) save.mutate();
          }}
        >
          <p className="label-current">
            {t('labels.current')} <LabelBadge level={current} />
          </p>
          <LabelPicker value={label} onChange={choose} ceiling={ceiling} caption={t('labels.newLabel')} testId="change-label-select" />
          {lowering && preview.isError && serverCount === null ? (
            <LabelError error={preview.error} />
          ) : (
            <AudienceChange lowering={lowering} raising={label > current} newReaders={newReaders} confirmed={confirmed} onConfirm={setConfirmed} />
          )}
          {!widening && <LabelError error={save.error} forbidden={t('labels.errors.ownerOnly')} />}
          <div className="form-actions">
            <button type="button" className="btn" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={!ready || save.isPending} data-testid="change-label-save">
              {t('labels.changeSubmit')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** What the chosen label does to the audience, and the confirmation that new readers need. */
function AudienceChange(props: { lowering: boolean; raising: boolean; newReaders: number | null; confirmed: boolean; onConfirm: (on: boolean) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const { lowering, raising, newReaders, confirmed, onConfirm } = props;
  if (raising) return <p className="hint">{t('labels.raiseHint')}</p>;
  if (!lowering) return null;
  if (newReaders === null) return <p className="hint" role="status">{t('labels.checking')}</p>;
  if (newReaders === 0) return <p className="hint" role="status">{t('labels.noNewReaders')}</p>;
  return (
    <div className="warning" role="alert" data-testid="new-readers">
      <p>{t('labels.newReaders', { count: newReaders })}</p>
      <label className="checkbox" htmlFor={`${id}-confirm`}>
        <input id={`${id}-confirm`} type="checkbox" checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} data-testid="confirm-new-readers" />
        <span>{t('labels.confirmNewReaders', { count: newReaders })}</span>
      </label>
    </div>
  );
}

import { LIMITS } from '@foyer/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post as apiPost } from '../lib/api';
import type { Post, Space } from '../lib/types';
import { IMAGE_TYPES, useImageUploads } from '../lib/useImageUploads';
import { FILES_PER_ITEM, useFileUploads } from '../lib/useFileUploads';
import { DraftImages, UploadProblems } from './DraftImages';
import { FilePickButton } from './files/FilePickButton';
import { UploadList } from './files/UploadList';
import { useFileDrop } from './files/useFileDrop';
import { AudiencePreview } from './labels/AudiencePreview';
import { LabelError } from './labels/LabelError';
import { LabelPicker } from './labels/LabelPicker';
import { MentionTextarea } from './MentionTextarea';
import { NudgeHint } from './NudgeHint';
import { AnnouncementFields, announcementInput, NO_ANNOUNCEMENT, type AnnouncementDraft } from './announcements/AnnouncementFields';
import { useMe } from '../lib/session';

type ComposerSpace = Pick<Space, 'id' | 'name' | 'labelCeiling' | 'labelDefault'> & { abilities?: Pick<Space['abilities'], 'manage'> };

interface Props {
  /** Post into this space; or let the author choose from `spaces`. */
  space?: ComposerSpace;
  spaces?: ComposerSpace[];
}

export function Composer({ space, spaces }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const me = useMe();
  const [body, setBody] = useState('');
  const [chosen, setChosen] = useState<number | null>(null);
  const [unreachable, setUnreachable] = useState<string[]>([]);
  const [posted, setPosted] = useState(false);
  const uploads = useImageUploads(LIMITS.imagesPerPost);
  const { images } = uploads;
  const attachments = useFileUploads({ limit: FILES_PER_ITEM });
  // Dropped or pasted pictures go to the images while there is room; any other file is attached.
  const drop = useFileDrop((files) => {
    const pictures = uploads.full ? [] : files.filter((f) => IMAGE_TYPES.includes(f.type));
    uploads.add(pictures);
    attachments.add(files.filter((f) => !pictures.includes(f)));
  });
  const target = space ?? spaces?.find((s) => s.id === chosen) ?? spaces?.[0] ?? null;
  const spaceId = target?.id ?? null;
  // A picked label belongs to the space it was picked in; another space starts at its own default.
  const [picked, setPicked] = useState<{ spaceId: number; label: number } | null>(null);
  const [announcement, setAnnouncement] = useState<AnnouncementDraft>(NO_ANNOUNCEMENT);
  // Space managers and the communications role may post announcements; the server checks again.
  const canAnnounce = me.roles.includes('communications') || target?.abilities?.manage === true;
  const label = picked && picked.spaceId === spaceId && picked.label <= (target?.labelCeiling ?? 0) ? picked.label : (target?.labelDefault ?? 0);

  const create = useMutation({
    mutationFn: (input: { spaceId: number; body: string; label: number; imageIds?: number[]; fileIds?: number[] }) => apiPost<Post>('/posts', input),
    onSuccess: (p) => {
      setBody('');
      setAnnouncement(NO_ANNOUNCEMENT);
      if (p.announcement) void qc.invalidateQueries({ queryKey: ['space', p.space.id, 'pinned'] });
      uploads.clear();
      attachments.clear();
      setUnreachable(p.unreachableMentions ?? []);
      setPosted(true);
      void qc.invalidateQueries({ queryKey: ['feed'] });
      void qc.invalidateQueries({ queryKey: ['space', p.space.id, 'posts'] });
      void qc.invalidateQueries({ queryKey: ['person'] });
      void qc.invalidateQueries({ queryKey: ['tag'] });
    },
  });

  const submit = () => {
    // Files still being sent would be left behind: wait for them.
    if (!spaceId || !body.trim() || create.isPending || attachments.busy) return;
    setPosted(false);
    create.mutate({
      spaceId,
      body,
      label,
      ...(images.length > 0 ? { imageIds: images.map((i) => i.id) } : {}),
      ...(attachments.uploaded.length > 0 ? { fileIds: attachments.uploaded.map((f) => f.id) } : {}),
      ...(canAnnounce ? announcementInput(announcement) : {}),
    });
  };

  if (!space && (!spaces || spaces.length === 0)) return null;
  const remaining = LIMITS.postBody - body.length;
  return (
    <form
      className={drop.dragging ? 'card composer dragging' : 'card composer'}
      {...drop.handlers}
      aria-label={t('composer.label')}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {!space && spaces && (
        <div className="field field-inline">
          <label htmlFor={`${id}-space`}>{t('composer.space')}</label>
          <select id={`${id}-space`} value={spaceId ?? ''} onChange={(e) => setChosen(Number(e.target.value))} data-testid="composer-space">
            {spaces.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <label htmlFor={`${id}-body`} className="sr-only">
        {space ? t('composer.placeholderSpace', { space: space.name }) : t('composer.placeholder')}
      </label>
      <MentionTextarea
        id={`${id}-body`}
        data-testid="composer-input"
        value={body}
        onValueChange={(v) => {
          setBody(v);
          if (posted) setPosted(false);
        }}
        spaceId={spaceId}
        rows={3}
        maxLength={LIMITS.postBody}
        placeholder={space ? t('composer.placeholderSpace', { space: space.name }) : t('composer.placeholder')}
        aria-describedby={`${id}-hint`}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <DraftImages uploads={uploads} onRemoved={() => document.getElementById(`${id}-body`)?.focus()} />
      <UploadList uploads={attachments} label={t('files.composer.attached')} onRemoved={() => document.getElementById(`${id}-body`)?.focus()} />
      {target && (
        <div className="composer-audience">
          <LabelPicker
            value={label}
            onChange={(l) => setPicked({ spaceId: target.id, label: l })}
            ceiling={target.labelCeiling}
            inline
            testId="composer-label"
          />
          <AudiencePreview spaceId={target.id} label={label} />
        </div>
      )}
      {target && <NudgeHint text={body} label={label} spaceId={target.id} onUseLabel={(l) => setPicked({ spaceId: target.id, label: l })} />}
      {canAnnounce && <AnnouncementFields value={announcement} onChange={setAnnouncement} />}
      <div className="composer-foot">
        <label className="btn btn-ghost attach" htmlFor={`${id}-images`}>
          <span aria-hidden="true">🖼 </span>
          {uploads.busy ? t('composer.uploading') : t('composer.addImages')}
        </label>
        <input
          id={`${id}-images`}
          className="sr-only"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif"
          multiple
          disabled={uploads.busy || uploads.full}
          onChange={(e) => {
            uploads.add(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
        <FilePickButton className="btn btn-ghost" onFiles={attachments.add} disabled={attachments.full} testId="composer-files">
          <span aria-hidden="true">📎 </span>
          {t('files.composer.attach')}
        </FilePickButton>
        <span id={`${id}-hint`} className="muted small">
          {t('composer.hint')}
          {remaining < 500 && <> · {t('composer.remaining', { count: remaining })}</>}
        </span>
        <button type="submit" className="btn btn-primary" data-testid="composer-submit" disabled={!body.trim() || create.isPending || attachments.busy}>
          {create.isPending ? t('composer.posting') : t('composer.submit')}
        </button>
      </div>
      <LabelError error={create.error} />
      <UploadProblems uploads={uploads} />
      <div role="status" aria-live="polite">
        {posted && unreachable.length > 0 && (
          <p className="warning" data-testid="unreachable-mentions">
            {t('composer.unreachable', { count: unreachable.length, names: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(unreachable.map((h) => `@${h}`)) })}
          </p>
        )}
        {posted && unreachable.length === 0 && <span className="sr-only">{t('composer.posted')}</span>}
      </div>
    </form>
  );
}

import { LIMITS } from '@foyer/shared';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { patch } from '../../lib/api';
import { upsertMessage } from '../../lib/chat/cache';
import { sendMessage } from '../../lib/chat/outbox';
import { announceTyping } from '../../lib/chat/typing';
import type { Conversation, Message, MessageSummary } from '../../lib/types';
import { IMAGE_TYPES, useImageUploads } from '../../lib/useImageUploads';
import { FILES_PER_ITEM, useFileUploads } from '../../lib/useFileUploads';
import { useAttachmentDraft } from '../../lib/useAttachmentDraft';
import { ErrorText } from '../bits';
import { DraftImages, UploadProblems } from '../DraftImages';
import { AttachmentsField } from '../files/AttachmentsField';
import { FilePickButton } from '../files/FilePickButton';
import { UploadList } from '../files/UploadList';
import { MentionTextarea } from '../MentionTextarea';
import { PlaceAudience } from '../labels/AudiencePreview';
import { QuoteBlock } from './QuoteBlock';

/** Edit and quote state of one composer, driven by the message actions around it. */
export function useComposerControl() {
  const [editing, setEditing] = useState<Message | null>(null);
  const [quoting, setQuoting] = useState<Message | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  return {
    editing,
    quoting,
    focusTick,
    edit: useCallback((m: Message) => {
      setQuoting(null);
      setEditing(m);
      setFocusTick((n) => n + 1);
    }, []),
    quote: useCallback((m: Message) => {
      setEditing(null);
      setQuoting(m);
      setFocusTick((n) => n + 1);
    }, []),
    /** Move the keyboard into the composer (a thread panel that just opened). */
    focus: useCallback(() => setFocusTick((n) => n + 1), []),
    cancelEdit: useCallback(() => setEditing(null), []),
    cancelQuote: useCallback(() => setQuoting(null), []),
  };
}
export type ComposerControl = ReturnType<typeof useComposerControl>;

const summaryOf = (m: Message): MessageSummary => ({ id: m.id, author: m.author, excerpt: m.body.slice(0, 200), createdAt: m.createdAt, deleted: m.deleted });

interface Props {
  conversation: Conversation;
  threadRootId: number | null;
  control: ComposerControl;
  /** My newest editable message here, for "Up edits my last message". */
  lastOwnMessage: () => Message | undefined;
  label: string;
  onSent?: () => void;
}

const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');

/**
 * Enter sends, Shift+Enter breaks the line, Up in an empty box edits my last message, Escape cancels.
 * Images and files come by paste, the attach buttons or drag and drop; they upload at once and go
 * with the next send. Editing a message edits its files too (its images stay as they are).
 */
export function ChatComposer({ conversation, threadRootId, control, lastOwnMessage, label, onSent }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [body, setBody] = useState('');
  const [dropping, setDropping] = useState(false);
  const draft = useRef('');
  const uploads = useImageUploads(LIMITS.imagesPerPost);
  const attachments = useFileUploads({ limit: FILES_PER_ITEM });
  const editFiles = useAttachmentDraft();
  const { editing, quoting } = control;

  const save = useMutation({
    mutationFn: ({ id: messageId, ...input }: { id: number; body: string; fileIds?: number[] }) => patch<Message>(`/messages/${messageId}`, input),
    onSuccess: (m) => {
      upsertMessage(m);
      // The new uploads belong to the message now: off the list, not deleted.
      editFiles.saved();
      control.cancelEdit();
    },
  });

  // Entering edit mode keeps what was being written and brings it back afterwards.
  const editingId = editing?.id ?? null;
  const wasEditing = useRef(false);
  useEffect(() => {
    // Unsaved uploads of an edit that ends (or switches to another message) are deleted again.
    editFiles.reset(editing?.files ?? []);
    if (editingId !== null && editing) {
      if (!wasEditing.current) draft.current = body;
      wasEditing.current = true;
      setBody(editing.body);
    } else if (wasEditing.current) {
      wasEditing.current = false;
      setBody(draft.current);
    }
    // Only a change of the edited message switches modes; `body` is read here, not followed.
  }, [editingId]);

  useEffect(() => {
    if (control.focusTick > 0) ref.current?.focus();
  }, [control.focusTick]);

  // Edits change the text and the files; the pending images and files wait, hidden, until the edit is done.
  // A message may be images or files only, when sending and when editing (the server checks the same).
  const editKeepsSomething = !!editing && (editFiles.count > 0 || editing.images.length > 0 || editing.shared !== null);
  const canSend = editing
    ? (!!body.trim() || editKeepsSomething) && !save.isPending && !editFiles.busy
    : (!!body.trim() || uploads.images.length > 0 || attachments.uploaded.length > 0) && !uploads.busy && !attachments.busy;

  const submit = () => {
    const text = body.trim();
    if (editing) {
      if (!canSend) return;
      if (text !== editing.body || editFiles.fileIds) save.mutate({ id: editing.id, body: text, ...(editFiles.fileIds ? { fileIds: editFiles.fileIds } : {}) });
      else control.cancelEdit();
      return;
    }
    // Not while uploading: an image or file still on its way would silently miss this message.
    if (!canSend) return;
    sendMessage({ conversationId: conversation.id, body: text, threadRootId, quote: quoting ? summaryOf(quoting) : null, images: uploads.images, files: attachments.uploaded });
    setBody('');
    uploads.clear();
    attachments.clear();
    control.cancelQuote();
    onSent?.();
  };

  /** Pictures become the message's images while there is room; any other file is attached. While editing, all are attached. */
  const attach = (files: File[]) => {
    if (editing) editFiles.add(files);
    else {
      const pictures = uploads.full ? [] : files.filter((f) => IMAGE_TYPES.includes(f.type));
      uploads.add(pictures);
      attachments.add(files.filter((f) => !pictures.includes(f)));
    }
    ref.current?.focus();
  };

  if (!conversation.abilities.post) {
    return <p className="chat-composer-closed muted">{t('chat.cannotPost')}</p>;
  }
  return (
    <form
      className={['chat-composer', editing ? 'editing' : '', dropping ? 'dropping' : ''].filter(Boolean).join(' ')}
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onPaste={(e) => {
        const files = Array.from(e.clipboardData.files);
        // Copied cells or rich text often come with a picture of themselves: text wins then.
        if (files.length === 0 || e.clipboardData.getData('text/plain')) return;
        e.preventDefault();
        attach(files);
      }}
      onDragEnter={(e) => {
        if (hasFiles(e)) setDropping(true);
      }}
      onDragOver={(e) => {
        // Without this the browser would open a dropped file in place of Foyer.
        if (hasFiles(e)) e.preventDefault();
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropping(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDropping(false);
        attach(Array.from(e.dataTransfer.files));
      }}
    >
      {dropping && (
        <div className="drop-hint" aria-hidden="true">
          {t('files.composer.drop')}
        </div>
      )}
      {conversation.kind === 'channel' && threadRootId === null && !editing && <PlaceAudience path={`/conversations/${conversation.id}/audience`} />}
      {editing && (
        <div className="composer-context">
          <span>{t('chat.editing')}</span>
          <button type="button" className="link-btn small" onClick={control.cancelEdit}>
            {t('chat.cancelEdit')}
          </button>
        </div>
      )}
      {quoting && (
        <div className="composer-context">
          <QuoteBlock quote={summaryOf(quoting)} />
          <button type="button" className="icon-btn" aria-label={t('chat.removeQuote')} onClick={control.cancelQuote}>
            <span aria-hidden="true">✕</span>
          </button>
        </div>
      )}
      {!editing && <DraftImages uploads={uploads} onRemoved={() => ref.current?.focus()} />}
      {!editing && <UploadList uploads={attachments} label={t('files.composer.attached')} onRemoved={() => ref.current?.focus()} />}
      {editing && <AttachmentsField draft={editFiles} onRemoved={() => ref.current?.focus()} testId={threadRootId ? 'thread-edit-files' : 'chat-edit-files'} />}
      <div className="chat-composer-row">
        {!editing && (
          <>
            <button
              type="button"
              className="icon-btn attach-btn"
              aria-label={t('chat.attachImages')}
              title={t('chat.attachImages')}
              disabled={uploads.full}
              onClick={() => fileInput.current?.click()}
              data-testid={threadRootId ? 'thread-attach' : 'chat-attach'}
            >
              <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
                <rect x="3" y="3" width="18" height="18" rx="2" />
                <circle cx="8.5" cy="8.5" r="1.5" />
                <path d="M21 15l-5-5L5 21" />
              </svg>
            </button>
            <input
              ref={fileInput}
              type="file"
              accept="image/*"
              multiple
              hidden
              data-testid={threadRootId ? 'thread-file-input' : 'chat-file-input'}
              onChange={(e) => {
                // Everything chosen goes to the hook, which names the files it cannot take.
                attach(Array.from(e.target.files ?? []));
                e.target.value = '';
              }}
            />
            <FilePickButton className="icon-btn attach-btn" onFiles={attach} disabled={attachments.full} testId={threadRootId ? 'thread-attach-files' : 'chat-attach-files'}>
              <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
                <path d="M21.44 11.05l-9.19 9.19a6 6 0 0 1-8.49-8.49l9.19-9.19a4 4 0 0 1 5.66 5.66l-9.2 9.19a2 2 0 0 1-2.83-2.83l8.49-8.48" />
              </svg>
              <span className="sr-only">{t('files.composer.attach')}</span>
            </FilePickButton>
          </>
        )}
        <label htmlFor={`${id}-body`} className="sr-only">
          {label}
        </label>
        <MentionTextarea
          ref={ref}
          id={`${id}-body`}
          data-testid={threadRootId ? 'thread-composer-input' : 'chat-composer-input'}
          value={body}
          onValueChange={(v) => {
            setBody(v);
            if (v.trim() && !editing) announceTyping(conversation.id);
          }}
          spaceId={conversation.space?.id ?? null}
          rows={1}
          maxLength={LIMITS.messageBody}
          placeholder={label}
          aria-describedby={`${id}-hint`}
          onKeyDown={(e) => {
            if (e.nativeEvent.isComposing) return;
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              submit();
            } else if (e.key === 'Escape' && (editing || quoting)) {
              e.preventDefault();
              e.stopPropagation();
              if (editing) control.cancelEdit();
              else control.cancelQuote();
            } else if (e.key === 'ArrowUp' && !body && !editing && !uploads.busy && uploads.images.length === 0 && attachments.entries.length === 0) {
              const last = lastOwnMessage();
              if (last) {
                e.preventDefault();
                control.edit(last);
              }
            }
          }}
        />
        <button type="submit" className="btn btn-primary" disabled={!canSend} data-testid={threadRootId ? 'thread-send' : 'chat-send'}>
          {editing ? t('common.save') : t('chat.send')}
        </button>
      </div>
      <p id={`${id}-hint`} className="hint composer-hint">
        {editing ? t('chat.editHint') : uploads.busy ? t('images.uploading', { count: uploads.uploading.length }) : t('chat.composerHint')}
      </p>
      {/* Present from the start, so screen readers announce when an upload begins. */}
      <div role="status" className="sr-only">
        {uploads.busy ? t('images.uploading', { count: uploads.uploading.length }) : ''}
      </div>
      {!editing && <UploadProblems uploads={uploads} />}
      <ErrorText error={save.error} />
    </form>
  );
}

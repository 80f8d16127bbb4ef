import { LIMITS } from '@foyer/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { put } from '../../lib/api';
import { chatKeys } from '../../lib/chat/keys';
import { usePresence } from '../../lib/chat/presence';
import { useMe } from '../../lib/session';
import type { Presence, PresenceStatus, PresenceUpdate } from '../../lib/types';
import { ErrorText } from '../bits';
import { Dialog } from '../Dialog';

type Expiry = 'none' | 'hour' | 'today' | 'custom';
const STATUSES: readonly PresenceStatus[] = ['available', 'busy', 'dnd', 'away'];

function expiryTime(expiry: Expiry, custom: string): string | null {
  const now = new Date();
  switch (expiry) {
    case 'none':
      return null;
    case 'hour':
      return new Date(now.getTime() + 3_600_000).toISOString();
    case 'today': {
      const end = new Date(now);
      end.setHours(23, 59, 59, 0);
      return end.toISOString();
    }
    case 'custom':
      return custom ? new Date(custom).toISOString() : null;
  }
}

/** My chosen status: what it is, an optional note, until when. Nothing about me is measured. */
export function PresenceDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const id = useId();
  const qc = useQueryClient();
  const current = usePresence(me.id);
  const [status, setStatus] = useState<PresenceStatus>(current?.status ?? 'available');
  const [text, setText] = useState(current?.text ?? '');
  const [expiry, setExpiry] = useState<Expiry>('none');
  const [custom, setCustom] = useState('');
  const save = useMutation({
    mutationFn: (input: PresenceUpdate) => put<Presence>('/me/presence', input),
    onSuccess: (p) => {
      qc.setQueryData(chatKeys.presence(me.id), p);
      onClose();
    },
  });
  return (
    <Dialog open={open} onClose={onClose} title={t('presence.title')} testId="presence-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ status, text: text.trim(), expiresAt: expiryTime(expiry, custom) });
        }}
      >
        <fieldset className="radio-row">
          <legend>{t('presence.statusLabel')}</legend>
          {STATUSES.map((s) => (
            <label key={s} className="radio-pill" htmlFor={`${id}-${s}`}>
              <input id={`${id}-${s}`} type="radio" name={`${id}-status`} checked={status === s} onChange={() => setStatus(s)} />
              <span className={`presence-dot presence-${s}`} aria-hidden="true" />
              {t(`presence.status.${s}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('presence.textLabel')}</label>
          <input id={`${id}-text`} value={text} maxLength={LIMITS.presenceText} onChange={(e) => setText(e.target.value)} placeholder={t('presence.textPlaceholder')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-expiry`}>{t('presence.expiryLabel')}</label>
          <select id={`${id}-expiry`} value={expiry} onChange={(e) => setExpiry(e.target.value as Expiry)}>
            {(['none', 'hour', 'today', 'custom'] as const).map((x) => (
              <option key={x} value={x}>
                {t(`presence.expiry.${x}`)}
              </option>
            ))}
          </select>
        </div>
        {expiry === 'custom' && (
          <div className="field">
            <label htmlFor={`${id}-until`}>{t('presence.until')}</label>
            <input id={`${id}-until`} type="datetime-local" value={custom} onChange={(e) => setCustom(e.target.value)} required />
          </div>
        )}
        <p className="hint">{t('presence.privacy')}</p>
        <ErrorText error={save.error} />
        <div className="form-actions">
          {current && (
            <button type="button" className="btn" onClick={() => save.mutate({ status: null, text: '', expiresAt: null })} disabled={save.isPending}>
              {t('presence.clear')}
            </button>
          )}
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="presence-save">
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

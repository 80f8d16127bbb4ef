import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, ErrorText, Loading } from '../components/bits';
import { ConfirmDialog } from '../components/Dialog';
import { LabelBadge } from '../components/labels/LabelBadge';
import { LabelPicker } from '../components/labels/LabelPicker';
import { ApiError, del, get, post, put } from '../lib/api';
import type { NudgePattern, NudgePatternInput } from '../lib/types';

const KINDS = ['words', 'regex', 'iban'] as const;
const EMPTY: NudgePatternInput = { name: '', kind: 'words', pattern: '', minLabel: 300 };

/** Patterns that make the composer suggest a higher label. */
export function AdminNudges() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['admin', 'nudges'], queryFn: () => get<{ items: NudgePattern[] }>('/admin/nudges') });
  const [editing, setEditing] = useState<NudgePattern | null>(null);
  const [removing, setRemoving] = useState<NudgePattern | null>(null);
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: number) => del<void>(`/admin/nudges/${id}`),
    onSuccess: () => {
      setRemoving(null);
      void qc.invalidateQueries({ queryKey: ['admin', 'nudges'] });
    },
  });
  return (
    <div className="stack">
      <section className="card">
        <h2>{t('adminNudges.title')}</h2>
        <p className="hint">{t('adminNudges.intro')}</p>
        {q.isPending ? (
          <Loading />
        ) : q.error ? (
          <ErrorText error={q.error} />
        ) : q.data.items.length === 0 ? (
          <Empty>{t('adminNudges.empty')}</Empty>
        ) : (
          <ul className="member-list">
            {q.data.items.map((n) => (
              <li key={n.id}>
                <span className="grow">
                  <strong>{n.name}</strong> <span className="muted small">{t(`adminNudges.kinds.${n.kind}`)}</span> <LabelBadge level={n.minLabel} small />
                </span>
                <button type="button" className="btn btn-small" onClick={() => setEditing(n)} aria-label={t('adminNudges.editName', { name: n.name })}>
                  {t('adminNudges.edit')}
                </button>
                <button type="button" className="btn btn-small btn-danger" onClick={() => setRemoving(n)} aria-label={t('adminNudges.deleteName', { name: n.name })}>
                  {t('adminNudges.delete')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <ErrorText error={remove.error} />
      </section>
      <NudgeForm key={editing?.id ?? 'new'} pattern={editing} onDone={() => setEditing(null)} />
      <ConfirmDialog
        open={removing !== null}
        title={t('adminNudges.deleteTitle')}
        message={t('adminNudges.deleteConfirm', { name: removing?.name ?? '' })}
        confirmLabel={t('adminNudges.delete')}
        danger
        busy={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing.id)}
        onClose={() => setRemoving(null)}
      />
    </div>
  );
}

function NudgeForm({ pattern, onDone }: { pattern: NudgePattern | null; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const [v, setV] = useState<NudgePatternInput>(pattern ? { name: pattern.name, kind: pattern.kind, pattern: pattern.pattern, minLabel: pattern.minLabel } : EMPTY);
  const save = useMutation({
    mutationFn: () => (pattern ? put<NudgePattern>(`/admin/nudges/${pattern.id}`, v) : post<NudgePattern>('/admin/nudges', v)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['admin', 'nudges'] });
      setV(EMPTY);
      onDone();
    },
  });
  // The server explains unsafe regular expressions in its message: show it as is.
  const invalid = save.error instanceof ApiError && save.error.status === 400 ? save.error.message : null;
  return (
    <form
      className="card form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2>{pattern ? t('adminNudges.editTitle') : t('adminNudges.addTitle')}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('adminNudges.name')}</label>
        <input id={`${id}-name`} required maxLength={80} value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('adminNudges.kind')}</label>
        <select id={`${id}-kind`} value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value as NudgePatternInput['kind'] })}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`adminNudges.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {v.kind !== 'iban' && (
        <div className="field">
          <label htmlFor={`${id}-pattern`}>{v.kind === 'regex' ? t('adminNudges.regex') : t('adminNudges.words')}</label>
          <textarea id={`${id}-pattern`} rows={3} maxLength={4000} value={v.pattern} onChange={(e) => setV({ ...v, pattern: e.target.value })} />
        </div>
      )}
      <LabelPicker value={v.minLabel} onChange={(minLabel) => setV({ ...v, minLabel })} caption={t('adminNudges.minLabel')} />
      {invalid ? (
        <p className="error" role="alert">
          {invalid}
        </p>
      ) : (
        <ErrorText error={save.error} />
      )}
      <div className="form-actions">
        {pattern && (
          <button type="button" className="btn" onClick={onDone}>
            {t('common.cancel')}
          </button>
        )}
        <button type="submit" className="btn btn-primary" disabled={!v.name.trim() || save.isPending}>
          {pattern ? t('common.save') : t('adminNudges.add')}
        </button>
      </div>
    </form>
  );
}

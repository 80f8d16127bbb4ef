import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText, Loading } from '../components/bits';
import { ConfirmDialog } from '../components/Dialog';
import { LabelBadge } from '../components/labels/LabelBadge';
import { LabelError } from '../components/labels/LabelError';
import { LabelPicker } from '../components/labels/LabelPicker';
import { del, patch, post, put } from '../lib/api';
import { labelsKey, sortLabels, useLabelName, useLabels } from '../lib/labels';
import { useSession } from '../lib/session';
import type { Label, Organisation } from '../lib/types';

/** Administration of sensitivity labels: the list, a new label, and the organisation's label rules. */
export function AdminLabels() {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <div className="stack">
      <section className="card" aria-labelledby="labels-title">
        <h2 id="labels-title">{t('admin.labels')}</h2>
        <p className="muted">{t('admin.labelsIntro')}</p>
        {labels.isPending ? (
          <Loading />
        ) : labels.error ? (
          <ErrorText error={labels.error} />
        ) : (
          <ul className="label-admin-list">
            {labels.data.map((l) => (
              <LabelRow key={l.level} label={l} />
            ))}
          </ul>
        )}
      </section>
      <AddLabel />
      {labels.data && <LabelRules />}
    </div>
  );
}

/** Keeps the shared labels cache in step with an administrator's change (no refetch for everyone). */
function useLabelCache() {
  const qc = useQueryClient();
  return (change: (list: Label[]) => Label[]) => qc.setQueryData<Label[]>(labelsKey, (list) => sortLabels(change(list ?? [])));
}

/** The colour and both names of one label, with save and delete. */
function LabelRow({ label }: { label: Label }) {
  const { t } = useTranslation();
  const id = useId();
  const nameOf = useLabelName();
  const updateCache = useLabelCache();
  const [draft, setDraft] = useState<Omit<Label, 'level'>>({ name: label.name, colour: label.colour });
  const [deleting, setDeleting] = useState(false);
  const save = useMutation({
    mutationFn: () => put<Label>(`/admin/labels/${label.level}`, draft),
    onSuccess: (saved) => updateCache((list) => list.map((l) => (l.level === saved.level ? saved : l))),
  });
  const remove = useMutation({
    mutationFn: () => del<void>(`/admin/labels/${label.level}`),
    onSuccess: () => updateCache((list) => list.filter((l) => l.level !== label.level)),
    onSettled: () => setDeleting(false),
  });
  const changed = draft.name.en !== label.name.en || draft.name.de !== label.name.de || draft.colour !== label.colour;
  return (
    <li className="label-admin-row" data-testid={`admin-label-${label.level}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.reset();
          save.mutate();
        }}
        aria-labelledby={`${id}-title`}
      >
        <div className="label-admin-head">
          <h3 id={`${id}-title`} className="grow">
            {t('admin.labelLevelNamed', { level: label.level, name: nameOf(label) })}
          </h3>
          <LabelBadge level={label.level} />
        </div>
        <LabelFields idPrefix={id} value={draft} onChange={setDraft} />
        <LabelError error={save.error} />
        <LabelError error={remove.error} conflict={t('labels.errors.inUse')} />
        <div className="form-actions">
          {save.isSuccess && !changed && (
            <span role="status" className="muted">
              {t('common.saved')}
            </span>
          )}
          <button type="button" className="btn" onClick={() => setDeleting(true)} disabled={remove.isPending}>
            {t('admin.labelDelete')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!changed || save.isPending}>
            {t('common.save')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={deleting}
        title={t('admin.labelDeleteTitle')}
        message={t('admin.labelDeleteConfirm', { name: nameOf(label) })}
        confirmLabel={t('admin.labelDelete')}
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      />
    </li>
  );
}

/** English and German name and colour: the editable part of a label, shared by edit and add. */
function LabelFields({ idPrefix, value, onChange }: { idPrefix: string; value: Omit<Label, 'level'>; onChange: (v: Omit<Label, 'level'>) => void }) {
  const { t } = useTranslation();
  const setName = (lang: 'en' | 'de', text: string) => onChange({ ...value, name: { ...value.name, [lang]: text } });
  return (
    <div className="label-admin-fields">
      <div className="field">
        <label htmlFor={`${idPrefix}-en`}>{t('admin.labelNameEn')}</label>
        <input id={`${idPrefix}-en`} lang="en" required maxLength={60} value={value.name.en} onChange={(e) => setName('en', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-de`}>{t('admin.labelNameDe')}</label>
        <input id={`${idPrefix}-de`} lang="de" required maxLength={60} value={value.name.de} onChange={(e) => setName('de', e.target.value)} />
      </div>
      <div className="field label-colour-field">
        <label htmlFor={`${idPrefix}-colour`}>{t('admin.labelColour')}</label>
        <input id={`${idPrefix}-colour`} type="color" value={value.colour.toLowerCase()} onChange={(e) => onChange({ ...value, colour: e.target.value })} />
      </div>
    </div>
  );
}

const EMPTY: Omit<Label, 'level'> = { name: { en: '', de: '' }, colour: '#607d8b' };

function AddLabel() {
  const { t } = useTranslation();
  const id = useId();
  const nameOf = useLabelName();
  const updateCache = useLabelCache();
  const [level, setLevel] = useState('');
  const [draft, setDraft] = useState(EMPTY);
  const [added, setAdded] = useState<Label | null>(null);
  const create = useMutation({
    mutationFn: () => post<Label>('/admin/labels', { level: Number(level), ...draft }),
    onSuccess: (l) => {
      updateCache((list) => [...list, l]);
      setAdded(l);
      setLevel('');
      setDraft(EMPTY);
    },
  });
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('admin.labelAdd')}</h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          setAdded(null);
          create.mutate();
        }}
      >
        <div className="field label-level-field">
          <label htmlFor={`${id}-level`}>{t('admin.labelLevel')}</label>
          <input
            id={`${id}-level`}
            type="number"
            required
            min={1}
            max={10_000}
            step={1}
            inputMode="numeric"
            value={level}
            onChange={(e) => setLevel(e.target.value)}
            aria-describedby={`${id}-level-hint`}
          />
          <p id={`${id}-level-hint`} className="hint">
            {t('admin.labelLevelHint')}
          </p>
        </div>
        <LabelFields idPrefix={id} value={draft} onChange={setDraft} />
        <LabelError error={create.error} />
        <div className="form-actions">
          <span role="status" className="muted">
            {added && t('admin.labelAdded', { name: nameOf(added) })}
          </span>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {t('admin.labelAddSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Organisation rules: how far guests may read, and from which label notifications leave content out. */
function LabelRules() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { org } = useSession();
  const [guestMaxLabel, setGuestMax] = useState(org?.guestMaxLabel ?? 200);
  const [redactLabel, setRedact] = useState(org?.redactLabel ?? 300);
  const save = useMutation({
    mutationFn: () => patch<Organisation>('/organisation', { guestMaxLabel, redactLabel }),
    onSuccess: (o) => qc.setQueryData(['organisation'], o),
  });
  return (
    <section className="card" aria-labelledby="label-rules-title">
      <h2 id="label-rules-title">{t('admin.labelRules')}</h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <LabelPicker value={guestMaxLabel} onChange={setGuestMax} caption={t('admin.guestMaxLabel')} hint={t('admin.guestMaxLabelHint')} testId="guest-max-label" />
        <LabelPicker value={redactLabel} onChange={setRedact} caption={t('admin.redactLabel')} hint={t('admin.redactLabelHint')} testId="redact-label" />
        <LabelError error={save.error} />
        <div className="form-actions">
          <span role="status" className="muted">
            {save.isSuccess && t('common.saved')}
          </span>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

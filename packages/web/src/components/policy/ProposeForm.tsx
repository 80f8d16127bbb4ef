import { POLICY_MODULES, RETENTION_TYPES, type PolicyDocument, type PolicyVersion } from '@foyer/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, post } from '../../lib/api';
import { ErrorText } from '../bits';
import { PolicyFileUpload } from './PolicyFileUpload';

type Retention = PolicyDocument['retention'];

/** An administrator's proposal: starts from the active version; takes effect only after approval. */
export function ProposeForm({ active }: { active: PolicyDocument }) {
  const { t } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const [doc, setDoc] = useState<PolicyDocument>(() => structuredClone(active));
  const [note, setNote] = useState('');
  const set = (change: (d: PolicyDocument) => void) =>
    setDoc((d) => {
      const next = structuredClone(d);
      change(next);
      return next;
    });
  const propose = useMutation({
    mutationFn: () => post<PolicyVersion>('/policy/versions', { document: doc, note }),
    onSuccess: () => {
      setNote('');
      void qc.invalidateQueries({ queryKey: ['policy'] });
    },
  });
  const fields = isApiError(propose.error) ? ((propose.error.details as { fields?: Record<string, string> } | undefined)?.fields ?? {}) : {};
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('compliance.propose.title')}</h2>
      <p className="hint">{t('compliance.propose.intro')}</p>
      <form
        className="form policy-form"
        onSubmit={(e) => {
          e.preventDefault();
          propose.mutate();
        }}
      >
        <fieldset>
          <legend>{t('compliance.propose.modules')}</legend>
          <div className="checkbox-list">
            {POLICY_MODULES.map((m) => (
              <label key={m} className="checkbox">
                <input type="checkbox" checked={doc.modules[m]} onChange={(e) => set((d) => (d.modules[m] = e.target.checked))} data-testid={`policy-module-${m}`} />
                <span>{t(`compliance.modules.${m}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('compliance.propose.presence')}</legend>
          <div className="radio-row">
            {(['on', 'off'] as const).map((mode) => (
              <label key={mode} className="radio-pill">
                <input type="radio" name={`${id}-presence`} checked={doc.presence.mode === mode} onChange={() => set((d) => (d.presence.mode = mode))} />
                {t(`compliance.presence.${mode}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-receipts`}>{t('compliance.propose.readReceipts')}</label>
            <select id={`${id}-receipts`} value={doc.readReceipts.mode} onChange={(e) => set((d) => (d.readReceipts.mode = e.target.value as PolicyDocument['readReceipts']['mode']))}>
              {(['off', 'direct', 'all'] as const).map((m) => (
                <option key={m} value={m}>
                  {t(`compliance.readReceipts.${m}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-k`}>{t('compliance.propose.k')}</label>
            <input id={`${id}-k`} type="number" min={2} max={1000} className="input-narrow" value={doc.analytics.k} onChange={(e) => set((d) => (d.analytics.k = Number(e.target.value)))} aria-describedby={`${id}-k-hint`} />
            <p id={`${id}-k-hint`} className="hint">
              {t('compliance.propose.kHint')}
            </p>
          </div>
        </div>
        <fieldset>
          <legend>{t('compliance.propose.quietHours')}</legend>
          <label className="checkbox">
            <input type="checkbox" checked={doc.quietHours.enabled} onChange={(e) => set((d) => (d.quietHours.enabled = e.target.checked))} />
            <span>{t('compliance.propose.quietEnabled')}</span>
          </label>
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-qs`}>{t('compliance.propose.quietStart')}</label>
              <input id={`${id}-qs`} type="time" value={doc.quietHours.start} onChange={(e) => set((d) => (d.quietHours.start = e.target.value))} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-qe`}>{t('compliance.propose.quietEnd')}</label>
              <input id={`${id}-qe`} type="time" value={doc.quietHours.end} onChange={(e) => set((d) => (d.quietHours.end = e.target.value))} />
            </div>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('compliance.propose.retention')}</legend>
          <p className="hint">{t('compliance.propose.retentionHint')}</p>
          <div className="form-grid">
            {RETENTION_TYPES.map((type) => (
              <div key={type} className="field">
                <label htmlFor={`${id}-ret-${type}`}>{t(`compliance.retention.${type}`)}</label>
                <input
                  id={`${id}-ret-${type}`}
                  type="number"
                  min={1}
                  max={36500}
                  className="input-narrow"
                  value={doc.retention[type] ?? ''}
                  onChange={(e) => set((d) => ((d.retention as Retention)[type] = e.target.value.trim() ? Number(e.target.value) : null))}
                />
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset aria-describedby={`${id}-erasure-hint`}>
          <legend>{t('compliance.propose.erasure')}</legend>
          <p id={`${id}-erasure-hint`} className="hint">
            {t('compliance.propose.erasureHint')}
          </p>
          <div className="radio-row">
            {(['remove', 'pseudonymise'] as const).map((mode) => (
              <label key={mode} className="radio-pill">
                <input type="radio" name={`${id}-erasure`} checked={doc.erasure.mode === mode} onChange={() => set((d) => (d.erasure = { mode }))} data-testid={`policy-erasure-${mode}`} />
                {t(`compliance.erasure.${mode}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('compliance.propose.note')}</label>
          <textarea id={`${id}-note`} rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="policy-note" />
        </div>
        <ErrorText error={propose.error} />
        {Object.keys(fields).length > 0 && (
          <ul className="error small">
            {Object.entries(fields).map(([path, message]) => (
              <li key={path}>
                <code>{path}</code>: {message}
              </li>
            ))}
          </ul>
        )}
        {propose.isSuccess && (
          <p className="success" role="status">
            {t('compliance.propose.done', { version: propose.data.version })}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={propose.isPending} data-testid="policy-propose">
            {t('compliance.propose.submit')}
          </button>
        </div>
      </form>
      <PolicyFileUpload note={note} />
    </section>
  );
}

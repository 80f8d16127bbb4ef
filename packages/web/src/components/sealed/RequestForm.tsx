import { LEGAL_BASES, SEALED_SCOPES, type SealedRequest, type SealedScope, type LegalBasis } from '@foyer/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../lib/api';
import { ErrorText } from '../bits';
import { ScopePicker } from './ScopePicker';

const toIso = (local: string) => (local ? new Date(local).toISOString() : '');

/** An administrator asks for sealed access: scope, time range, reason and legal basis. */
export function RequestForm() {
  const { t } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const [scopeType, setScopeType] = useState<SealedScope>('conversation');
  const [scopeId, setScopeId] = useState('');
  const [pickedName, setPickedName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [legalBasis, setLegalBasis] = useState<LegalBasis>('internal_investigation');
  const [legalBasisText, setLegalBasisText] = useState('');
  const create = useMutation({
    mutationFn: () => post<SealedRequest>('/sealed', { scopeType, scopeId: Number(scopeId), from: toIso(from), to: toIso(to), reason, legalBasis, legalBasisText }),
    onSuccess: () => {
      setReason('');
      setLegalBasisText('');
      void qc.invalidateQueries({ queryKey: ['sealed'] });
    },
  });
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('sealed.form.title')}</h2>
      <p className="hint">{t('sealed.form.intro')}</p>
      <form
        className="form sealed-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-scope`}>{t('sealed.form.scopeType')}</label>
            <select
              id={`${id}-scope`}
              value={scopeType}
              onChange={(e) => {
                setScopeType(e.target.value as SealedScope);
                setScopeId('');
                setPickedName('');
              }}
              data-testid="sealed-scope-type"
            >
              {SEALED_SCOPES.map((s) => (
                <option key={s} value={s}>
                  {t(`sealed.scope.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field sealed-scope-pick">
            <ScopePicker
              key={scopeType}
              scopeType={scopeType}
              onPick={(picked, name) => {
                setScopeId(String(picked));
                setPickedName(name);
              }}
              onClear={() => {
                setScopeId('');
                setPickedName('');
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-scope-id`}>{t(`sealed.form.scopeIdOr.${scopeType}`)}</label>
            <input
              id={`${id}-scope-id`}
              inputMode="numeric"
              pattern="[0-9]+"
              required
              value={scopeId}
              onChange={(e) => {
                setScopeId(e.target.value);
                setPickedName('');
              }}
              aria-describedby={pickedName ? `${id}-picked` : undefined}
              data-testid="sealed-scope-id"
            />
            {pickedName && (
              <span id={`${id}-picked`} className="hint" data-testid="sealed-picked">
                {t('sealed.form.picked', { name: pickedName })}
              </span>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('sealed.form.from')}</label>
            <input id={`${id}-from`} type="datetime-local" required value={from} onChange={(e) => setFrom(e.target.value)} data-testid="sealed-from" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('sealed.form.to')}</label>
            <input id={`${id}-to`} type="datetime-local" required value={to} onChange={(e) => setTo(e.target.value)} data-testid="sealed-to" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-basis`}>{t('sealed.form.legalBasis')}</label>
            <select id={`${id}-basis`} value={legalBasis} onChange={(e) => setLegalBasis(e.target.value as LegalBasis)} data-testid="sealed-basis">
              {LEGAL_BASES.map((b) => (
                <option key={b} value={b}>
                  {t(`sealed.basis.${b}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-basis-text`}>{t('sealed.form.legalBasisText')}</label>
            <input id={`${id}-basis-text`} required maxLength={500} value={legalBasisText} onChange={(e) => setLegalBasisText(e.target.value)} data-testid="sealed-basis-text" />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('sealed.form.reason')}</label>
          <textarea id={`${id}-reason`} rows={3} required minLength={10} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="sealed-reason" />
        </div>
        <ErrorText error={create.error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="sealed-submit">
            {t('sealed.form.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

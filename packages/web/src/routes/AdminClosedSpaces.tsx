import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/bits';
import { patch } from '../lib/api';
import { useSession } from '../lib/session';
import type { Organisation } from '../lib/types';

type Creators = Organisation['privateSpaceCreators'];
const CREATORS: Creators[] = ['everyone', 'admins', 'governance'];

/** The organisation's rules for private and secret spaces. */
export function AdminClosedSpaces() {
  const { t } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const { org } = useSession();
  const [privateCreators, setPrivateCreators] = useState<Creators>(org?.privateSpaceCreators ?? 'everyone');
  const [secretCreators, setSecretCreators] = useState<Creators>(org?.secretSpaceCreators ?? 'everyone');
  const [purposeRequired, setPurposeRequired] = useState(org?.secretPurposeRequired ?? false);
  const [guidelines, setGuidelines] = useState(org?.spaceGuidelines ?? '');
  // Empty means never: the server takes null for "off".
  const [archiveDays, setArchiveDays] = useState(org?.inactivityArchiveDays?.toString() ?? '');
  const save = useMutation({
    mutationFn: () =>
      patch<Organisation>('/organisation', {
        privateSpaceCreators: privateCreators,
        secretSpaceCreators: secretCreators,
        secretPurposeRequired: purposeRequired,
        spaceGuidelines: guidelines,
        inactivityArchiveDays: archiveDays.trim() ? Number(archiveDays) : null,
      }),
    onSuccess: (o) => qc.setQueryData(['organisation'], o),
  });
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('adminClosed.title')}</h2>
      <p className="hint">{t('adminClosed.intro')}</p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <CreatorsSelect label={t('adminClosed.privateCreators')} value={privateCreators} onChange={setPrivateCreators} testId="private-creators" />
        <CreatorsSelect label={t('adminClosed.secretCreators')} value={secretCreators} onChange={setSecretCreators} testId="secret-creators" />
        <label className="checkbox" htmlFor={`${id}-purpose`}>
          <input id={`${id}-purpose`} type="checkbox" checked={purposeRequired} onChange={(e) => setPurposeRequired(e.target.checked)} data-testid="purpose-required" />
          <span>
            {t('adminClosed.purposeRequired')}
            <span className="hint">{t('adminClosed.purposeRequiredHint')}</span>
          </span>
        </label>
        <div className="field">
          <label htmlFor={`${id}-guidelines`}>{t('adminClosed.guidelines')}</label>
          <textarea
            id={`${id}-guidelines`}
            rows={6}
            maxLength={20_000}
            value={guidelines}
            onChange={(e) => setGuidelines(e.target.value)}
            aria-describedby={`${id}-guidelines-hint`}
            data-testid="space-guidelines-input"
          />
          <p id={`${id}-guidelines-hint`} className="hint">
            {t('adminClosed.guidelinesHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-archive`}>{t('adminClosed.archiveDays')}</label>
          <input
            id={`${id}-archive`}
            type="number"
            inputMode="numeric"
            min={14}
            max={3650}
            step={1}
            className="input-narrow"
            value={archiveDays}
            onChange={(e) => setArchiveDays(e.target.value)}
            aria-describedby={`${id}-archive-hint`}
            data-testid="archive-days"
          />
          <p id={`${id}-archive-hint`} className="hint">
            {t('adminClosed.archiveDaysHint')}
          </p>
        </div>
        <ErrorText error={save.error} />
        <div role="status">{save.isSuccess && <p className="success">{t('common.saved')}</p>}</div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="closed-spaces-save">
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function CreatorsSelect({ label, value, onChange, testId }: { label: string; value: Creators; onChange: (v: Creators) => void; testId: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Creators)} data-testid={testId}>
        {CREATORS.map((c) => (
          <option key={c} value={c}>
            {t(`adminClosed.creators.${c}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

import { SPACE_RETENTION_TYPES, type SpaceRetention, type SpaceRetentionType } from '@foyer/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, put } from '../../lib/api';
import { ErrorText, Loading } from '../bits';

type Draft = Record<SpaceRetentionType, string>;

/** On a space's About tab: how long its content is kept; its managers may shorten (never lengthen) the works agreement's periods. */
export function SpaceRetentionCard({ spaceId }: { spaceId: number }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['space', spaceId, 'retention'], queryFn: ({ signal }) => get<SpaceRetention>(`/spaces/${spaceId}/retention`, undefined, signal) });
  return (
    <section className="card" aria-labelledby="space-retention-title">
      <h2 id="space-retention-title">{t('retention.space.title')}</h2>
      <p className="hint">{t('retention.space.intro')}</p>
      {q.isPending ? <Loading /> : q.error ? <ErrorText error={q.error} /> : q.data.abilities.manage ? <RetentionForm data={q.data} /> : <RetentionFacts data={q.data} />}
    </section>
  );
}

function useDays() {
  const { t } = useTranslation();
  return (days: number | null) => (days === null ? t('retention.space.forever') : t('retention.space.days', { count: days }));
}

function RetentionFacts({ data }: { data: SpaceRetention }) {
  const { t } = useTranslation();
  const days = useDays();
  return (
    <dl className="facts" data-testid="space-retention">
      {data.types.map((e) => (
        <Fragment key={e.type}>
          <dt>{t(`retention.types.${e.type}`)}</dt>
          <dd>{days(e.effectiveDays)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function RetentionForm({ data }: { data: SpaceRetention }) {
  const { t } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const days = useDays();
  const [draft, setDraft] = useState<Draft>(() => Object.fromEntries(data.types.map((e) => [e.type, e.spaceDays === null ? '' : String(e.spaceDays)])) as Draft);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      put<SpaceRetention>(`/spaces/${data.spaceId}/retention`, {
        overrides: Object.fromEntries(SPACE_RETENTION_TYPES.map((type) => [type, draft[type].trim() === '' ? null : Number(draft[type])])),
      }),
    onSuccess: (next) => {
      setSaved(true);
      qc.setQueryData(['space', data.spaceId, 'retention'], next);
    },
  });
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        save.mutate();
      }}
    >
      {data.types.map((e) => (
        <div className="field" key={e.type}>
          <label htmlFor={`${id}-${e.type}`}>{t(`retention.types.${e.type}`)}</label>
          <input
            id={`${id}-${e.type}`}
            type="number"
            inputMode="numeric"
            min={1}
            max={e.policyDays ?? 36500}
            placeholder={t('retention.space.followPolicy')}
            value={draft[e.type]}
            aria-describedby={`${id}-${e.type}-hint`}
            onChange={(ev) => setDraft({ ...draft, [e.type]: ev.target.value })}
          />
          <span id={`${id}-${e.type}-hint`} className="muted small">
            {t('retention.space.policy', { period: days(e.policyDays) })}
          </span>
        </div>
      ))}
      <ErrorText error={save.error} />
      <div className="form-actions">
        {saved && (
          <span role="status" className="muted">
            {t('common.saved')}
          </span>
        )}
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('retention.space.save')}
        </button>
      </div>
    </form>
  );
}

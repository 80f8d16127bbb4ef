import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAudience } from '../../lib/labels';
import type { AudiencePreview as Audience } from '../../lib/types';
import { AudiencePeople } from './AudiencePeople';

const TOP = 5;
type Facet = Audience['departments'];

/** "Visible to 1,234 people · 3 guests" for a space and label, expandable to where those people are and who they are. */
export function AudiencePreview({ spaceId, label }: { spaceId: number; label: number }) {
  return <PlaceAudience path={`/spaces/${spaceId}/audience`} label={label} />;
}

/**
 * The same preview for any audience endpoint (a conversation, a share's target), with an optional
 * extra line computed from the answer. `peoplePath` is the place whose readers are listed, when the
 * preview itself is not a place (a share).
 */
export function PlaceAudience({ path, label, note, peoplePath = path }: { path: string; label?: number; note?: (data: Audience) => ReactNode; peoplePath?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const q = useAudience(path, label);
  // An error (a space we cannot preview) shows nothing: the preview is a help, not a gate.
  if (q.isError) return null;
  const data = q.data;
  return (
    <div className="audience" aria-busy={q.isFetching} data-testid="audience-preview">
      <div className="audience-line">
        <span aria-hidden="true">👥</span>
        <span role="status" className={q.isPlaceholderData ? 'audience-summary stale' : 'audience-summary'} data-testid="audience-summary">
          {data ? t('audience.summary', { total: data.total, guests: data.guests }) : t('audience.loading')}
        </span>
        {data && data.total > 0 && (
          <button type="button" className="link-btn" aria-expanded={open} aria-controls={`${id}-breakdown`} onClick={() => setOpen((o) => !o)}>
            {open ? t('audience.hideDetails') : t('audience.showDetails')}
          </button>
        )}
      </div>
      {data && note?.(data)}
      <div id={`${id}-breakdown`} hidden={!open || !data}>
        {open && data && (
          <>
            <AudienceBreakdown data={data} />
            <AudiencePeople path={peoplePath} label={label} />
          </>
        )}
      </div>
    </div>
  );
}

/** Where an audience is: departments, sites and countries (also for an audience difference). */
export function AudienceBreakdown({ data }: { data: Audience }) {
  const { t } = useTranslation();
  return (
    <div className="audience-breakdown">
      <FacetList title={t('audience.departments')} items={data.departments} />
      <FacetList title={t('audience.sites')} items={data.sites} />
      <FacetList title={t('audience.countries')} items={data.countries} country />
    </div>
  );
}

/** The largest entries of one breakdown, then how many more (and how many people they hold). */
function FacetList({ title, items, country }: { title: string; items: Facet; country?: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const nf = new Intl.NumberFormat(i18n.language);
  const regions = country ? regionNames(i18n.language) : null;
  const top = items.slice(0, TOP);
  const rest = items.slice(TOP);
  const name = (raw: string) => (!raw ? t('audience.notSpecified') : regions ? regionName(regions, raw) : raw);
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className="audience-facet-title">
        {title}
      </h3>
      <ul className="audience-facet">
        {top.map((f) => (
          <li key={f.name}>
            <span className="grow">{name(f.name)}</span>
            <span className="muted">{nf.format(f.count)}</span>
          </li>
        ))}
        {rest.length > 0 && (
          <li className="muted">{t('audience.more', { count: rest.length, people: rest.reduce((n, f) => n + f.count, 0) })}</li>
        )}
      </ul>
    </section>
  );
}

function regionNames(locale: string): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' });
  } catch {
    return null;
  }
}

/** Countries are stored as ISO codes ("DE"); show "Germany", or the code when it is not one. */
function regionName(names: Intl.DisplayNames | null, code: string): string {
  try {
    return names?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

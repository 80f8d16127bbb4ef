import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../lib/api';
import { useFormat } from '../lib/format';
import type { UserSummary } from '../lib/types';

export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Foyer` : 'Foyer';
  }, [title]);
}

function hue(n: number): number {
  return (n * 47) % 360;
}

export function Avatar({ user, size = 40 }: { user: Pick<UserSummary, 'id' | 'name' | 'photoUrl'>; size?: number }) {
  const initials = user.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
  if (user.photoUrl) {
    return <img className="avatar" src={user.photoUrl} alt="" width={size} height={size} style={{ width: size, height: size }} />;
  }
  return (
    <span
      className="avatar avatar-initials"
      aria-hidden="true"
      style={{ width: size, height: size, fontSize: size * 0.4, ['--avatar-hue' as string]: String(hue(user.id)) }}
    >
      {initials}
    </span>
  );
}

export function PersonLink({ user }: { user: Pick<UserSummary, 'handle' | 'name' | 'status'> }) {
  const { t } = useTranslation();
  return (
    <Link to={`/people/${user.handle}`} className="person-link">
      {user.name}
      {user.status === 'deactivated' && <span className="muted"> ({t('people.deactivated')})</span>}
    </Link>
  );
}

export function Time({ iso, relative = true, dateOnly = false }: { iso: string; relative?: boolean; dateOnly?: boolean }) {
  const f = useFormat();
  return (
    <time dateTime={iso} title={f.dateTime(iso)}>
      {dateOnly ? f.date(iso) : relative ? f.relative(iso) : f.dateTime(iso)}
    </time>
  );
}

export function errorMessage(t: (k: string, o?: Record<string, unknown>) => string, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    const msg = t(key);
    return msg === key ? error.message : msg;
  }
  return t('errors.internal');
}

export function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {errorMessage(t, error)}
    </p>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function PageHeader({ title, children, sub }: { title: string; children?: ReactNode; sub?: ReactNode }) {
  return (
    <div className="page-header">
      <div className="page-header-text">
        <h1>{title}</h1>
        {sub && <div className="page-sub">{sub}</div>}
      </div>
      {children && <div className="page-actions">{children}</div>}
    </div>
  );
}

export function VisibilityBadge({ visibility }: { visibility: 'public' | 'private' | 'secret' }) {
  const { t } = useTranslation();
  const icon = visibility === 'public' ? '🌐' : visibility === 'private' ? '🔒' : '🕶️';
  return (
    <span className={`badge badge-${visibility}`}>
      <span aria-hidden="true">{icon} </span>
      {t(`spaces.visibility.${visibility}`)}
    </span>
  );
}

/** "Load more" for any infinite query: one place for the button, its label and busy state. */
export function LoadMore({ query }: { query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <div className="load-more">
      <button type="button" className="btn" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
        {query.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
      </button>
    </div>
  );
}

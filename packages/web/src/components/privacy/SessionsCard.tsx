import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { del, get, post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import type { SessionInfo } from '../../lib/types';
import { ErrorText, Loading } from '../bits';

/** Where I am signed in, with a way to end each session. */
export function SessionsCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['me', 'sessions'], queryFn: ({ signal }) => get<{ items: SessionInfo[] }>('/me/sessions', undefined, signal) });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['me', 'sessions'] });
  const end = useMutation({ mutationFn: (id: string) => del<void>(`/me/sessions/${id}`), onSuccess: refresh });
  const endOthers = useMutation({ mutationFn: () => post<{ ended: number }>('/me/sessions/sign-out-others'), onSuccess: refresh });
  const others = q.data?.items.filter((s) => !s.current).length ?? 0;
  return (
    <section className="card" aria-labelledby="privacy-sessions">
      <h2 id="privacy-sessions">{t('privacy.sessions.title')}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : (
        <ul className="privacy-list" data-testid="session-list">
          {q.data.items.map((s) => (
            <li key={s.id}>
              <span className="grow">
                <span className="session-agent">{s.userAgent || t('privacy.sessions.unknownDevice')}</span>
                <span className="muted small">{t('privacy.sessions.since', { when: f.dateTime(s.createdAt) })}</span>
              </span>
              {s.current ? (
                <span className="badge">{t('privacy.sessions.current')}</span>
              ) : (
                <button type="button" className="btn" onClick={() => end.mutate(s.id)} disabled={end.isPending} aria-label={t('privacy.sessions.endOne', { device: s.userAgent || t('privacy.sessions.unknownDevice') })}>
                  {t('privacy.sessions.end')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {others > 0 && (
        <div className="form-actions start">
          <button type="button" className="btn" onClick={() => endOthers.mutate()} disabled={endOthers.isPending} data-testid="sessions-end-others">
            {t('privacy.sessions.endOthers', { count: others })}
          </button>
        </div>
      )}
      <ErrorText error={end.error ?? endOthers.error} />
    </section>
  );
}

import { LIMITS } from '@foyer/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText, Loading, PageHeader, Time, useTitle } from '../components/bits';
import { ConfirmDialog } from '../components/Dialog';
import { WorkingHoursCard } from '../components/quiet-hours/WorkingHoursCard';
import { setLanguage } from '../i18n';
import { del, get, patch, post, put } from '../lib/api';
import { setMe, useMe } from '../lib/session';
import { setThemePref, useThemePref, type ThemePref } from '../lib/theme';
import type { AccessToken, Locale, Me, NotificationPrefs } from '../lib/types';

const NOTIFICATION_TYPES = [
  'mention',
  'chat_mention',
  'reply',
  'reaction',
  'join_request',
  'join_decision',
  'invitation',
  'declassify_request',
  'declassify_decision',
  'announcement_reminder',
  'report_received',
  'moderation_decision',
  'space_inactive',
  'question_answered',
  'quiet_hours_summary',
] as const;

export function SettingsPage() {
  const { t } = useTranslation();
  useTitle(t('settings.title'));
  return (
    <div className="page page-narrow">
      <PageHeader title={t('settings.title')} />
      <div className="stack">
        <LanguageSettings />
        <ThemeSettings />
        <NotificationSettings />
        <WorkingHoursCard />
        <TokenSettings />
        <PasswordSettings />
      </div>
    </div>
  );
}

function LanguageSettings() {
  const { t } = useTranslation();
  const me = useMe();
  const save = useMutation({
    mutationFn: (locale: Locale) => patch<Me>('/me', { locale }),
    onSuccess: (m) => {
      setMe(m);
      setLanguage(m.locale);
    },
  });
  return (
    <section className="card" aria-labelledby="set-lang">
      <h2 id="set-lang">{t('settings.language')}</h2>
      <div className="field">
        <label htmlFor="set-locale">{t('settings.languageLabel')}</label>
        <select id="set-locale" value={me.locale} onChange={(e) => save.mutate(e.target.value as Locale)} disabled={save.isPending}>
          <option value="de" lang="de">
            Deutsch
          </option>
          <option value="en" lang="en">
            English
          </option>
        </select>
      </div>
      <p className="hint">{t('settings.timezoneHint', { tz: me.timezone })}</p>
      <ErrorText error={save.error} />
    </section>
  );
}

function ThemeSettings() {
  const { t } = useTranslation();
  const pref = useThemePref();
  return (
    <section className="card" aria-labelledby="set-theme">
      <h2 id="set-theme">{t('settings.theme')}</h2>
      <fieldset className="radio-row">
        <legend className="sr-only">{t('settings.theme')}</legend>
        {(['system', 'light', 'dark'] as ThemePref[]).map((v) => (
          <label key={v} className="radio-pill">
            <input type="radio" name="theme" value={v} checked={pref === v} onChange={() => setThemePref(v)} />
            {t(`settings.themes.${v}`)}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

function NotificationSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['me', 'prefs'], queryFn: () => get<NotificationPrefs>('/me/notification-prefs') });
  const save = useMutation({
    mutationFn: (prefs: NotificationPrefs) => put<NotificationPrefs>('/me/notification-prefs', prefs),
    onSuccess: (p) => qc.setQueryData(['me', 'prefs'], p),
  });
  return (
    <section className="card" aria-labelledby="set-notif">
      <h2 id="set-notif">{t('settings.notifications')}</h2>
      <p className="hint">{t('settings.notificationsHint')}</p>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorText error={q.error} />
      ) : (
        <fieldset className="checkbox-list">
          <legend className="sr-only">{t('settings.notifications')}</legend>
          {NOTIFICATION_TYPES.map((type) => (
            <label key={type} className="checkbox">
              <input
                type="checkbox"
                checked={q.data[type] !== false}
                onChange={(e) => save.mutate({ ...q.data, [type]: e.target.checked })}
                disabled={save.isPending}
              />
              {t(`settings.notificationTypes.${type}`)}
            </label>
          ))}
        </fieldset>
      )}
      <ErrorText error={save.error} />
    </section>
  );
}

function TokenSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['me', 'tokens'], queryFn: () => get<AccessToken[]>('/me/tokens') });
  const [name, setName] = useState('');
  const [scope, setScope] = useState<'read' | 'write'>('read');
  const [created, setCreated] = useState<AccessToken | null>(null);
  const [revoking, setRevoking] = useState<AccessToken | null>(null);
  const create = useMutation({
    mutationFn: () => post<AccessToken>('/me/tokens', { name, scope }),
    onSuccess: (tok) => {
      setCreated(tok);
      setName('');
      void qc.invalidateQueries({ queryKey: ['me', 'tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => del<void>(`/me/tokens/${id}`),
    onSuccess: () => {
      setRevoking(null);
      void qc.invalidateQueries({ queryKey: ['me', 'tokens'] });
    },
  });
  const tokens = Array.isArray(q.data) ? q.data : ((q.data as unknown as { items?: AccessToken[] } | undefined)?.items ?? []);
  return (
    <section className="card" aria-labelledby="set-tokens">
      <h2 id="set-tokens">{t('settings.tokens')}</h2>
      <p className="hint">{t('settings.tokensHint')}</p>
      <form
        className="row wrap"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) create.mutate();
        }}
      >
        <div className="field grow">
          <label htmlFor="tok-name">{t('settings.tokenName')}</label>
          <input id="tok-name" maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="tok-scope">{t('settings.tokenScope')}</label>
          <select id="tok-scope" value={scope} onChange={(e) => setScope(e.target.value as 'read' | 'write')}>
            <option value="read">{t('settings.scopes.read')}</option>
            <option value="write">{t('settings.scopes.write')}</option>
          </select>
        </div>
        <button type="submit" className="btn btn-primary align-end" disabled={!name.trim() || create.isPending}>
          {t('settings.tokenCreate')}
        </button>
      </form>
      <ErrorText error={create.error} />
      {created?.token && (
        <div className="notice" role="status">
          <p>{t('settings.tokenCreated')}</p>
          <code className="token" data-testid="new-token">
            {created.token}
          </code>
          <button type="button" className="btn btn-small" onClick={() => void navigator.clipboard?.writeText(created.token ?? '')}>
            {t('common.copy')}
          </button>
        </div>
      )}
      {q.isPending ? (
        <Loading />
      ) : tokens.length === 0 ? (
        <p className="muted">{t('settings.noTokens')}</p>
      ) : (
        <ul className="token-list">
          {tokens.map((tok) => (
            <li key={tok.id}>
              <div className="grow">
                <strong>{tok.name}</strong> <span className="badge">{t(`settings.scopes.${tok.scope}`)}</span>
                <div className="muted small">
                  {t('settings.tokenCreatedAt')} <Time iso={tok.createdAt} relative={false} />
                  {' · '}
                  {tok.lastUsedAt ? (
                    <>
                      {t('settings.tokenLastUsed')} <Time iso={tok.lastUsedAt} />
                    </>
                  ) : (
                    t('settings.tokenNeverUsed')
                  )}
                </div>
              </div>
              <button type="button" className="btn btn-small" onClick={() => setRevoking(tok)} aria-label={t('settings.tokenRevokeName', { name: tok.name })}>
                {t('settings.tokenRevoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={t('settings.tokenRevokeTitle')}
        message={t('settings.tokenRevokeConfirm', { name: revoking?.name ?? '' })}
        confirmLabel={t('settings.tokenRevoke')}
        danger
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onClose={() => setRevoking(null)}
      />
    </section>
  );
}

function PasswordSettings() {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const change = useMutation({
    mutationFn: () => post<void>('/me/password', { currentPassword, newPassword }),
    onSuccess: () => {
      setCurrent('');
      setNew('');
      setRepeat('');
    },
  });
  const mismatch = repeat.length > 0 && repeat !== newPassword;
  return (
    <section className="card" aria-labelledby="set-pw">
      <h2 id="set-pw">{t('settings.password')}</h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!mismatch) change.mutate();
        }}
      >
        <input type="text" name="username" autoComplete="username" hidden readOnly value="" />
        <div className="field">
          <label htmlFor="pw-current">{t('settings.currentPassword')}</label>
          <input id="pw-current" type="password" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="pw-new">{t('settings.newPassword')}</label>
          <input
            id="pw-new"
            type="password"
            autoComplete="new-password"
            required
            minLength={LIMITS.passwordMin}
            aria-describedby="pw-hint"
            value={newPassword}
            onChange={(e) => setNew(e.target.value)}
          />
          <p id="pw-hint" className="hint">
            {t('auth.passwordHint', { min: LIMITS.passwordMin })} {t('settings.passwordOtherSessions')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="pw-repeat">{t('settings.repeatPassword')}</label>
          <input
            id="pw-repeat"
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={mismatch}
            aria-describedby={mismatch ? 'pw-mismatch' : undefined}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
          {mismatch && (
            <p id="pw-mismatch" className="error">
              {t('settings.passwordMismatch')}
            </p>
          )}
        </div>
        <ErrorText error={change.error} />
        <div role="status">{change.isSuccess && <p className="success">{t('settings.passwordChanged')}</p>}</div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={change.isPending || mismatch || !currentPassword || !newPassword}>
            {t('settings.passwordSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

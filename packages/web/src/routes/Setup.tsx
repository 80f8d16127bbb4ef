import { LIMITS } from '@foyer/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorText } from '../components/bits';
import { setLanguage } from '../i18n';
import { post } from '../lib/api';
import { setSession } from '../lib/session';
import type { Locale, SessionResponse } from '../lib/types';
import { AuthShell } from './Auth';

export function splitDomains(s: string): string[] {
  return s
    .split(/[\s,;]+/)
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
}

export function SetupPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [orgName, setOrgName] = useState('');
  const [locale, setLocale] = useState<Locale>(i18n.language === 'de' ? 'de' : 'en');
  const [domains, setDomains] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const setup = useMutation({
    mutationFn: () =>
      post<SessionResponse>('/setup', {
        organisation: { name: orgName, defaultLocale: locale, allowedDomains: splitDomains(domains) },
        admin: { name, email, password },
      }),
    onSuccess: async (s) => {
      setSession(s);
      await qc.invalidateQueries({ queryKey: ['organisation'] });
      navigate('/', { replace: true });
    },
  });

  return (
    <AuthShell title={t('setup.title')} wide>
      <p className="muted">{t('setup.intro')}</p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          setup.mutate();
        }}
      >
        <fieldset>
          <legend>{t('setup.organisation')}</legend>
          <div className="field">
            <label htmlFor="setup-org">{t('setup.orgName')}</label>
            <input id="setup-org" required maxLength={120} value={orgName} onChange={(e) => setOrgName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="setup-locale">{t('setup.defaultLanguage')}</label>
            <select
              id="setup-locale"
              value={locale}
              onChange={(e) => {
                const l = e.target.value as Locale;
                setLocale(l);
                setLanguage(l);
              }}
            >
              <option value="de">Deutsch</option>
              <option value="en">English</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="setup-domains">{t('setup.domains')}</label>
            <input
              id="setup-domains"
              value={domains}
              placeholder="example.com, example.de"
              aria-describedby="setup-domains-hint"
              onChange={(e) => setDomains(e.target.value)}
            />
            <p id="setup-domains-hint" className="hint">
              {t('setup.domainsHint')}
            </p>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('setup.admin')}</legend>
          <div className="field">
            <label htmlFor="setup-name">{t('auth.name')}</label>
            <input id="setup-name" required autoComplete="name" maxLength={LIMITS.userName} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="setup-email">{t('auth.email')}</label>
            <input id="setup-email" type="email" required autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="setup-password">{t('auth.password')}</label>
            <input
              id="setup-password"
              type="password"
              required
              autoComplete="new-password"
              minLength={LIMITS.passwordMin}
              aria-describedby="setup-password-hint"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <p id="setup-password-hint" className="hint">
              {t('auth.passwordHint', { min: LIMITS.passwordMin })}
            </p>
          </div>
        </fieldset>
        <ErrorText error={setup.error} />
        <button type="submit" className="btn btn-primary btn-block" disabled={setup.isPending}>
          {t('setup.submit')}
        </button>
      </form>
    </AuthShell>
  );
}

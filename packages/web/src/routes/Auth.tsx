import { LIMITS } from '@foyer/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorText, useTitle } from '../components/bits';
import { get, post } from '../lib/api';
import { setSession, useSession } from '../lib/session';
import type { DemoAccount, SessionResponse } from '../lib/types';

export function AuthShell({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  const { org } = useSession();
  useTitle(title);
  return (
    <div className="auth">
      <a className="skip-link" href="#main">
        {title}
      </a>
      <header className="auth-brand">
        <span className="brand-mark" aria-hidden="true">
          F
        </span>
        <span className="brand-name">Foyer</span>
        {org?.name && <span className="brand-org">{org.name}</span>}
      </header>
      <main id="main" tabIndex={-1} className={wide ? 'auth-card card auth-wide' : 'auth-card card'}>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

export function SignInPage() {
  const { t } = useTranslation();
  const { org } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const demo = useQuery({ queryKey: ['demo-accounts'], queryFn: () => get<DemoAccount[]>('/auth/demo-accounts'), staleTime: Infinity });
  const signIn = useMutation({
    mutationFn: () => post<SessionResponse>('/auth/sign-in', { email, password }),
    onSuccess: (s) => setSession(s),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate();
  };
  return (
    <AuthShell title={t('auth.signInTitle')}>
      {org?.name && <p className="muted">{t('auth.signInIntro', { org: org.name })}</p>}
      <form onSubmit={onSubmit} className="form" noValidate>
        <div className="field">
          <label htmlFor="signin-email">{t('auth.email')}</label>
          <input id="signin-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="signin-password">{t('auth.password')}</label>
          <input
            id="signin-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <ErrorText error={signIn.error} />
        <button type="submit" className="btn btn-primary btn-block" disabled={signIn.isPending || !email || !password}>
          {t('auth.signIn')}
        </button>
      </form>
      <p className="muted small">
        {t('auth.noAccount')} <Link to="/sign-up">{t('auth.signUp')}</Link>
      </p>
      {demo.data && demo.data.length > 0 && (
        <section className="demo-accounts" aria-labelledby="demo-title">
          <h2 id="demo-title">{t('auth.demoTitle')}</h2>
          <p className="muted small">{t('auth.demoIntro')}</p>
          <ul>
            {demo.data.map((a) => (
              <li key={a.email}>
                <button
                  type="button"
                  className="demo-account"
                  data-testid={`demo-account-${a.email}`}
                  onClick={() => {
                    setEmail(a.email);
                    setPassword(a.password);
                  }}
                >
                  <strong>{a.label}</strong>
                  <span className="muted small">{a.email}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </AuthShell>
  );
}

export function SignUpPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const invitation = params.get('invitation') ?? undefined;
  const [name, setName] = useState('');
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const signUp = useMutation({
    mutationFn: () => post<SessionResponse>('/auth/sign-up', { name, email, password, invitation }),
    onSuccess: (s) => setSession(s),
  });
  return (
    <AuthShell title={t('auth.signUpTitle')}>
      {invitation && <p className="notice">{t('auth.invited')}</p>}
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          signUp.mutate();
        }}
      >
        <div className="field">
          <label htmlFor="signup-name">{t('auth.name')}</label>
          <input id="signup-name" autoComplete="name" required maxLength={LIMITS.userName} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="signup-email">{t('auth.email')}</label>
          <input id="signup-email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="signup-password">{t('auth.password')}</label>
          <input
            id="signup-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={LIMITS.passwordMin}
            maxLength={LIMITS.passwordMax}
            aria-describedby="signup-password-hint"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <p id="signup-password-hint" className="hint">
            {t('auth.passwordHint', { min: LIMITS.passwordMin })}
          </p>
        </div>
        <ErrorText error={signUp.error} />
        <button type="submit" className="btn btn-primary btn-block" disabled={signUp.isPending}>
          {t('auth.signUp')}
        </button>
      </form>
      <p className="muted small">
        {t('auth.haveAccount')} <Link to="/sign-in">{t('auth.signIn')}</Link>
      </p>
    </AuthShell>
  );
}

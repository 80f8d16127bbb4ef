import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ErrorText, Loading } from './components/bits';
import { Layout } from './components/Layout';
import { setLanguage } from './i18n';
import { get } from './lib/api';
import { RealtimeClient } from './lib/realtime';
import { clearSession, fetchSession, SessionProvider } from './lib/session';
import { useSystemThemeSync } from './lib/theme';
import type { Me, Organisation } from './lib/types';
import { AdminPage } from './routes/Admin';
import { AdminRetentionPage } from './routes/AdminRetention';
import { AnalyticsPage } from './routes/Analytics';
import { ChatPage } from './routes/Chat';
import { DeclassificationsPage } from './routes/Declassifications';
import { GovernancePage } from './routes/Governance';
import { HomePage } from './routes/Home';
import { KnowledgePage } from './routes/Knowledge';
import { ModerationPage } from './routes/Moderation';
import { NotFoundPage } from './routes/NotFound';
import { NotificationsPage } from './routes/Notifications';
import { PeoplePage } from './routes/People';
import { PostPage } from './routes/PostPage';
import { QuestionPage } from './routes/QuestionPage';
import { QuestionsPage } from './routes/Questions';
import { SearchPage } from './routes/Search';
import { ProfilePage } from './routes/Profile';
import { SavedPage } from './routes/Saved';
import { SettingsPage } from './routes/Settings';
import { SetupPage } from './routes/Setup';
import { SignInPage, SignUpPage } from './routes/Auth';
import { SpacePage } from './routes/SpacePage';
import { SpacesPage } from './routes/Spaces';
import { TagPage } from './routes/Tag';
import { TransparencyPage } from './routes/Transparency';
import { PolicyPage } from './routes/Policy';
import { AdminPolicyPage } from './routes/AdminPolicy';
import { WikiPagePage } from './routes/WikiPage';
import { SealedAccessPage } from './routes/SealedAccess';

function Realtime({ me, children }: { me: Me; children: ReactNode }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const locRef = useRef(location.pathname);
  locRef.current = location.pathname;
  const meId = useRef(me.id);
  meId.current = me.id;
  const [notice, setNotice] = useState<string | null>(null);
  const { t } = useTranslation();
  const tRef = useRef(t);
  tRef.current = t;

  useEffect(() => {
    const client = new RealtimeClient({
      queryClient: qc,
      meId: () => meId.current,
      onSignedOut: () => {
        clearSession();
        navigate('/sign-in');
      },
      onAccessRevoked: (_spaceId, slug) => {
        const path = locRef.current;
        const onSpace = slug !== null && (path === `/spaces/${slug}` || path.startsWith(`/spaces/${slug}/`));
        const postMatch = /^\/posts\/(\d+)/.exec(path);
        const onPost = postMatch !== null && qc.getQueryData(['post', Number(postMatch[1])]) === undefined;
        if (onSpace || onPost) {
          setNotice(tRef.current('spaces.accessRevoked'));
          navigate('/spaces', { replace: true });
        }
      },
      onConversationRemoved: (conversationId) => {
        if (new RegExp(`^/chat/${conversationId}(/|$)`).test(locRef.current)) {
          setNotice(tRef.current('chat.removedNotice'));
          navigate('/chat', { replace: true });
        }
      },
    });
    client.start();
    return () => client.stop();
  }, [qc, navigate]);

  return (
    <>
      {notice && (
        <div className="toast" role="alert">
          <span>{notice}</span>
          <button type="button" className="icon-btn" aria-label={t('common.close')} onClick={() => setNotice(null)}>
            <span aria-hidden="true">✕</span>
          </button>
        </div>
      )}
      {children}
    </>
  );
}

function SignedOutRoutes() {
  const location = useLocation();
  const next = location.pathname + location.search;
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/sign-up" element={<SignUpPage />} />
      <Route
        path="*"
        element={
          <Navigate to={next === '/' || next.startsWith('/setup') ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />
        }
      />
    </Routes>
  );
}

function SignedInRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<AfterSignIn />} />
      <Route path="/sign-up" element={<AfterSignIn />} />
      <Route path="/setup" element={<Navigate to="/" replace />} />
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="spaces" element={<SpacesPage />} />
        <Route path="spaces/:slug/*" element={<SpacePage />} />
        <Route path="posts/:id" element={<PostPage />} />
        <Route path="questions" element={<QuestionsPage />} />
        <Route path="questions/:id" element={<QuestionPage />} />
        <Route path="knowledge" element={<KnowledgePage />} />
        <Route path="pages/:id/*" element={<WikiPagePage />} />
        <Route path="search" element={<SearchPage />} />
        <Route path="people" element={<PeoplePage />} />
        <Route path="people/:handle" element={<ProfilePage />} />
        <Route path="tags/:tag" element={<TagPage />} />
        <Route path="chat" element={<ChatPage />} />
        <Route path="chat/:id" element={<ChatPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="saved" element={<SavedPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="transparency" element={<TransparencyPage />} />
        <Route path="analytics" element={<AnalyticsPage />} />
        <Route path="policy" element={<PolicyPage />} />
        <Route path="policy/manage" element={<AdminPolicyPage />} />
        <Route path="admin/retention" element={<AdminRetentionPage />} />
        <Route path="admin/*" element={<AdminPage />} />
        <Route path="moderation" element={<ModerationPage />} />
        <Route path="declassifications" element={<DeclassificationsPage />} />
        <Route path="governance" element={<GovernancePage />} />
        <Route path="sealed" element={<SealedAccessPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function AfterSignIn() {
  const location = useLocation();
  const next = new URLSearchParams(location.search).get('next');
  const safe = next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
  return <Navigate to={safe} replace />;
}

export function App() {
  useSystemThemeSync();
  const { t } = useTranslation();
  const org = useQuery({ queryKey: ['organisation'], queryFn: () => get<Organisation>('/organisation'), staleTime: 300_000 });
  const session = useQuery({
    queryKey: ['session'],
    queryFn: fetchSession,
    enabled: org.data?.setupDone === true,
    staleTime: Infinity,
  });
  const me = session.data?.me ?? null;

  useEffect(() => {
    if (org.data) setLanguage(me?.locale ?? org.data.defaultLocale);
  }, [me?.locale, org.data]);

  if (org.isPending || (org.data?.setupDone && session.isPending)) {
    return (
      <div className="splash">
        <Loading />
      </div>
    );
  }
  if (org.error || session.error) {
    return (
      <main className="splash">
        <h1>{t('app.unavailable')}</h1>
        <ErrorText error={org.error ?? session.error} />
        <button type="button" className="btn" onClick={() => location.reload()}>
          {t('common.retry')}
        </button>
      </main>
    );
  }
  if (!org.data.setupDone) {
    return (
      <Routes>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="*" element={<Navigate to="/setup" replace />} />
      </Routes>
    );
  }
  return (
    <SessionProvider value={{ org: org.data, me }}>
      {me ? (
        <Realtime me={me}>
          <SignedInRoutes />
        </Realtime>
      ) : (
        <SignedOutRoutes />
      )}
    </SessionProvider>
  );
}

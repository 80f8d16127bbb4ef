import { LIMITS } from '@foyer/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Avatar, ErrorText, Loading, Time, useTitle } from '../components/bits';
import { Dialog } from '../components/Dialog';
import { PostList } from '../components/PostList';
import { del, get, isApiError, patch, post, put } from '../lib/api';
import { setMe, useMe } from '../lib/session';
import type { Me, ProfileUpdate, UserProfile } from '../lib/types';
import { NotFoundPage } from './NotFound';

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const handle = useParams().handle ?? '';
  const q = useQuery({ queryKey: ['person', handle], queryFn: () => get<UserProfile>(`/people/${encodeURIComponent(handle)}`) });
  const [editing, setEditing] = useState(false);
  useTitle(q.data?.name);
  const follow = useMutation({
    mutationFn: (on: boolean) => (on ? post : del)<void>(`/people/${encodeURIComponent(handle)}/follow`),
    onSuccess: (_v, on) => {
      qc.setQueryData<UserProfile>(['person', handle], (p) => (p ? { ...p, followedByMe: on } : p));
      void qc.invalidateQueries({ queryKey: ['feed'] });
    },
  });
  if (q.isPending) return <Loading />;
  if (isApiError(q.error, 'not_found')) return <NotFoundPage />;
  if (q.error) return <ErrorText error={q.error} />;
  const p = q.data;
  const own = p.id === me.id;
  const contact = Object.entries(p.contact).filter(([, v]) => v);
  return (
    <div className="page">
      <section className="card profile-head" aria-labelledby="profile-name">
        <Avatar user={p} size={96} />
        <div className="grow">
          <h1 id="profile-name">{p.name}</h1>
          {p.title && <p className="profile-title">{p.title}</p>}
          <p className="muted small">
            @{p.handle}
            {p.status === 'deactivated' && <> · {t('people.deactivated')}</>}
          </p>
        </div>
        <div className="page-actions">
          {own ? (
            <button type="button" className="btn" onClick={() => setEditing(true)}>
              {t('profile.edit')}
            </button>
          ) : (
            <button
              type="button"
              className={p.followedByMe ? 'btn' : 'btn btn-primary'}
              aria-pressed={p.followedByMe}
              onClick={() => follow.mutate(!p.followedByMe)}
              disabled={follow.isPending}
            >
              <span aria-hidden="true">{p.followedByMe ? '✓ ' : '+ '}</span>
              {t('profile.follow')}
            </button>
          )}
        </div>
        <ErrorText error={follow.error} />
      </section>
      <div className="profile-grid">
        <section className="card" aria-labelledby="profile-about">
          <h2 id="profile-about">{t('profile.about')}</h2>
          {p.about ? <p className="pre-line">{p.about}</p> : <p className="muted">{t('profile.noAbout')}</p>}
          <dl className="facts">
            {p.department && (
              <>
                <dt>{t('people.department')}</dt>
                <dd>
                  <Link to={`/people?department=${encodeURIComponent(p.department)}`}>{p.department}</Link>
                </dd>
              </>
            )}
            {p.site && (
              <>
                <dt>{t('people.site')}</dt>
                <dd>
                  <Link to={`/people?site=${encodeURIComponent(p.site)}`}>{p.site}</Link>
                </dd>
              </>
            )}
            {p.country && (
              <>
                <dt>{t('profile.country')}</dt>
                <dd>{p.country}</dd>
              </>
            )}
            {p.languages.length > 0 && (
              <>
                <dt>{t('profile.languages')}</dt>
                <dd>{p.languages.join(', ')}</dd>
              </>
            )}
            {p.timezone && (
              <>
                <dt>{t('profile.timezone')}</dt>
                <dd>{p.timezone}</dd>
              </>
            )}
            {contact.map(([k, v]) => (
              <div key={k} className="fact-row">
                <dt>{t(`profile.contact.${k}`)}</dt>
                <dd>{k === 'phone' || k === 'mobile' ? <a href={`tel:${v}`}>{v}</a> : v}</dd>
              </div>
            ))}
            <dt>{t('profile.joined')}</dt>
            <dd>
              <Time iso={p.createdAt} dateOnly />
            </dd>
          </dl>
        </section>
        <div className="page-feed">
          <h2 className="section-title">{t('profile.posts')}</h2>
          <PostList
            queryKey={['person', handle, 'posts']}
            path={`/people/${encodeURIComponent(handle)}/posts`}
            label={t('profile.postsOf', { name: p.name })}
            empty={t('profile.noPosts')}
          />
        </div>
      </div>
      {own && (
        <Dialog open={editing} onClose={() => setEditing(false)} title={t('profile.edit')} wide>
          <EditProfile
            me={me}
            onDone={(updated) => {
              setEditing(false);
              void qc.invalidateQueries({ queryKey: ['person', updated.handle] });
            }}
          />
        </Dialog>
      )}
    </div>
  );
}

const TIME_ZONES: string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
})();

export function EditProfile({ me, onDone }: { me: Me; onDone: (me: Me) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    name: me.name,
    title: me.title,
    department: me.department,
    site: me.site,
    country: me.country,
    languages: me.languages.join(', '),
    timezone: me.timezone,
    about: me.about,
    phone: me.contact.phone ?? '',
    mobile: me.contact.mobile ?? '',
    office: me.contact.office ?? '',
    chat: me.contact.chat ?? '',
  });
  const file = useRef<HTMLInputElement>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const save = useMutation({
    mutationFn: () => {
      const body: ProfileUpdate = {
        name: form.name,
        title: form.title,
        department: form.department,
        site: form.site,
        country: form.country.toUpperCase(),
        languages: form.languages
          .split(/[\s,]+/)
          .map((s) => s.trim())
          .filter(Boolean),
        timezone: form.timezone || undefined,
        about: form.about,
        contact: { phone: form.phone, mobile: form.mobile, office: form.office, chat: form.chat },
      };
      return patch<Me>('/me', body);
    },
    onSuccess: (m) => {
      setMe(m);
      onDone(m);
    },
  });
  const photo = useMutation({
    mutationFn: (f: File) => put<Me>('/me/photo', f),
    onSuccess: (m) => setMe(m),
  });
  const fields: [keyof typeof form, string, number][] = [
    ['title', t('profile.jobTitle'), 120],
    ['department', t('people.department'), 120],
    ['site', t('people.site'), 120],
    ['country', t('profile.countryCode'), 2],
    ['languages', t('profile.languagesHint'), 200],
  ];
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <div className="photo-row">
        <Avatar user={me} size={64} />
        <div>
          <label htmlFor="photo-input" className="btn">
            {t('profile.changePhoto')}
          </label>
          <input
            id="photo-input"
            ref={file}
            className="sr-only"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) photo.mutate(f);
              e.target.value = '';
            }}
          />
          <p className="hint">{t('profile.photoHint', { mb: 5 })}</p>
          {photo.isPending && <p role="status">{t('common.loading')}</p>}
          {photo.isSuccess && <p role="status" className="success">{t('profile.photoSaved')}</p>}
          <ErrorText error={photo.error} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="pf-name">{t('auth.name')}</label>
        <input id="pf-name" required maxLength={LIMITS.userName} value={form.name} onChange={set('name')} />
      </div>
      <div className="form-grid">
        {fields.map(([k, label, max]) => (
          <div className="field" key={k}>
            <label htmlFor={`pf-${k}`}>{label}</label>
            <input id={`pf-${k}`} maxLength={max} value={form[k]} onChange={set(k)} />
          </div>
        ))}
        <div className="field">
          <label htmlFor="pf-timezone">{t('profile.timezone')}</label>
          {TIME_ZONES.length > 0 ? (
            <select id="pf-timezone" value={form.timezone} onChange={set('timezone')}>
              {!TIME_ZONES.includes(form.timezone) && <option value={form.timezone}>{form.timezone}</option>}
              {TIME_ZONES.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          ) : (
            <input id="pf-timezone" value={form.timezone} onChange={set('timezone')} />
          )}
        </div>
      </div>
      <div className="field">
        <label htmlFor="pf-about">{t('profile.about')}</label>
        <textarea id="pf-about" rows={4} maxLength={LIMITS.about} value={form.about} onChange={set('about')} />
      </div>
      <fieldset>
        <legend>{t('profile.contactTitle')}</legend>
        <div className="form-grid">
          {(['phone', 'mobile', 'office', 'chat'] as const).map((k) => (
            <div className="field" key={k}>
              <label htmlFor={`pf-${k}`}>{t(`profile.contact.${k}`)}</label>
              <input id={`pf-${k}`} maxLength={k === 'phone' || k === 'mobile' ? 40 : 80} value={form[k]} onChange={set(k)} />
            </div>
          ))}
        </div>
      </fieldset>
      <ErrorText error={save.error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

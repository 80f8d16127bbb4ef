import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { post } from '../../lib/api';
import { clearSession, useMe } from '../../lib/session';
import { ErrorText } from '../bits';

/** Deleting one's own account (GDPR Art. 17): final, confirmed by typing one's handle. */
export function EraseAccountCard() {
  const { t } = useTranslation();
  const me = useMe();
  const id = useId();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState('');
  const erase = useMutation({
    mutationFn: () => post<void>('/me/erase', { confirm }),
    onSuccess: () => {
      clearSession();
      navigate('/sign-in', { replace: true });
    },
  });
  return (
    <section className="card danger-zone" aria-labelledby="privacy-erase">
      <h2 id="privacy-erase">{t('privacy.erase.title')}</h2>
      <p>{t('privacy.erase.intro')}</p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (confirm === me.handle) erase.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-confirm`}>{t('privacy.erase.confirmLabel', { handle: me.handle })}</label>
          <input id={`${id}-confirm`} value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" spellCheck={false} data-testid="erase-confirm" />
        </div>
        <ErrorText error={erase.error} />
        <div className="form-actions start">
          <button type="submit" className="btn btn-danger" disabled={confirm !== me.handle || erase.isPending} data-testid="erase-submit">
            {t('privacy.erase.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

import type { PolicyVersion } from '@foyer/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../lib/api';
import { ErrorText } from '../bits';

/** The server reads at most this much (a policy is a few KiB). */
const MAX_BYTES = 64 * 1024;

class TooLarge extends Error {}

/**
 * A proposal from a YAML or JSON file (as downloaded from the agreement page). The server parses
 * and checks it; it becomes a pending version like the form's and takes effect only after approval.
 */
export function PolicyFileUpload({ note }: { note: string }) {
  const { t } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async (f: File) => {
      if (f.size > MAX_BYTES) throw new TooLarge();
      const type = /\.json$/i.test(f.name) ? 'application/json' : 'application/yaml';
      return api<PolicyVersion>('/policy/versions/file', { method: 'POST', body: new Blob([await f.text()], { type }), query: { note } });
    },
    onSuccess: () => {
      setFile(null);
      if (input.current) input.current.value = '';
      void qc.invalidateQueries({ queryKey: ['policy'] });
    },
  });
  const fields = isApiError(upload.error) ? ((upload.error.details as { fields?: Record<string, string> } | undefined)?.fields ?? {}) : {};
  return (
    <form
      className="form policy-file"
      onSubmit={(e) => {
        e.preventDefault();
        if (file) upload.mutate(file);
      }}
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`}>{t('compliance.file.uploadTitle')}</h3>
      <p id={`${id}-hint`} className="hint">
        {t('compliance.file.uploadHint')}
      </p>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('compliance.file.choose')}</label>
        <input
          ref={input}
          id={`${id}-file`}
          type="file"
          accept=".yaml,.yml,.json,application/yaml,application/json,text/yaml"
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            upload.reset();
          }}
          data-testid="policy-file-input"
        />
      </div>
      {upload.error instanceof TooLarge ? (
        <p className="error" role="alert">
          {t('compliance.file.tooLarge', { kib: MAX_BYTES / 1024 })}
        </p>
      ) : (
        <ErrorText error={upload.error} />
      )}
      {Object.keys(fields).length > 0 && (
        <ul className="error small" data-testid="policy-file-errors">
          {Object.entries(fields).map(([path, message]) => (
            <li key={path}>
              <code>{path === '(file)' ? t('compliance.file.wholeFile') : path}</code>: {message}
            </li>
          ))}
        </ul>
      )}
      {upload.isSuccess && (
        <p className="success" role="status">
          {t('compliance.propose.done', { version: upload.data.version })}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn" disabled={!file || upload.isPending} data-testid="policy-file-propose">
          {t('compliance.file.submit')}
        </button>
      </div>
    </form>
  );
}

import { LIMITS } from '@foyer/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageSummary } from '../../lib/types';
import { Loading } from '../bits';
import { renderPreview } from './markdownPreview';
import { WikiBody } from './WikiBody';

interface Props {
  id: string;
  value: string;
  onChange: (body: string) => void;
  spaceSlug: string;
  /** The space's pages, to show which `[[links]]` exist. */
  pages: PageSummary[];
  rows?: number;
  testId?: string;
}

/** A markdown text area with a preview of what will be saved; Ctrl+Enter saves. */
export function MarkdownEditor({ id, value, onChange, spaceSlug, pages, rows = 16, testId }: Props) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState(false);
  const [html, setHtml] = useState<string | null>(null);

  useEffect(() => {
    if (!preview) return;
    let live = true;
    renderPreview(value, spaceSlug, pages).then(
      (h) => live && setHtml(h),
      () => live && setHtml(''),
    );
    return () => {
      live = false;
    };
  }, [preview, value, spaceSlug, pages]);

  return (
    <div className="field wiki-editor">
      <div className="wiki-editor-head">
        <label htmlFor={id}>{t('wiki.body')}</label>
        <div className="wiki-editor-modes" role="group" aria-label={t('wiki.editorMode')}>
          <button type="button" className="btn btn-small" aria-pressed={!preview} onClick={() => setPreview(false)}>
            {t('wiki.write')}
          </button>
          <button type="button" className="btn btn-small" aria-pressed={preview} onClick={() => setPreview(true)} data-testid={testId ? `${testId}-preview` : undefined}>
            {t('wiki.preview')}
          </button>
        </div>
      </div>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={rows}
        maxLength={LIMITS.pageBody}
        hidden={preview}
        className="wiki-textarea"
        aria-describedby={`${id}-hint`}
        spellCheck
        data-testid={testId}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            e.currentTarget.form?.requestSubmit();
          }
        }}
      />
      {preview && (
        <div className="wiki-preview card" aria-label={t('wiki.preview')} role="region" data-testid={testId ? `${testId}-preview-body` : undefined}>
          {html === null ? <Loading /> : value.trim() ? <WikiBody html={html} inert /> : <p className="muted">{t('wiki.previewEmpty')}</p>}
        </div>
      )}
      <p id={`${id}-hint`} className="hint">
        {t('wiki.markdownHint')}
      </p>
    </div>
  );
}

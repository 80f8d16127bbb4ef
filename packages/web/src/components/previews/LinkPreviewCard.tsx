import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { appPath, firstLink, useLinkPreview } from '../../lib/previews';
import type { LinkPreview } from '../../lib/types';
import { LabelBadge } from '../labels/LabelBadge';

/**
 * A preview card for the first web link of an item (`html`: its server-rendered body) or for a
 * given `url`. Renders an empty placeholder until the item is on screen and nothing at all when
 * there is no preview.
 */
export function LinkPreviewCard({ html, url }: { html?: string; url?: string }) {
  const target = useMemo(() => url ?? (html ? firstLink(html) : null), [html, url]);
  const { ref, preview } = useLinkPreview(target);
  if (!target) return null;
  return (
    <div ref={ref} className="link-preview-slot">
      {preview && <PreviewCard preview={preview} />}
    </div>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

function PreviewCard({ preview }: { preview: LinkPreview }) {
  const { t } = useTranslation();
  const [imageBroken, setImageBroken] = useState(false);
  const site = preview.siteName || hostOf(preview.url);
  const path = appPath(preview);
  const body = (
    <>
      {preview.imageUrl && !imageBroken && (
        <img className="link-preview-image" src={preview.imageUrl} alt={t('previews.imageAlt', { site })} loading="lazy" onError={() => setImageBroken(true)} />
      )}
      <span className="link-preview-text">
        <span className="link-preview-site">
          {preview.internal && <span className="badge link-preview-internal">{t('previews.internal')}</span>}
          <span>{site}</span>
          {preview.label !== null && <LabelBadge level={preview.label} small />}
        </span>
        <span className="link-preview-title">{preview.title}</span>
        {preview.description && <span className="link-preview-desc">{preview.description}</span>}
        {!path && <span className="sr-only">{t('previews.opensNewTab')}</span>}
      </span>
    </>
  );
  // Foyer's own pages open in the app; other sites in a new tab, without a referrer.
  return path ? (
    <Link to={path} className="link-preview link-preview-own" data-testid="link-preview" data-internal="true">
      {body}
    </Link>
  ) : (
    <a href={preview.url} className="link-preview" target="_blank" rel="noopener noreferrer nofollow" data-testid="link-preview" data-internal="false">
      {body}
    </a>
  );
}

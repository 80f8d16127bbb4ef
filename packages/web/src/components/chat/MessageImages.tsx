import { useTranslation } from 'react-i18next';
import type { PostImage } from '../../lib/types';

/** Fits an image into a box without upscaling; the size is known before loading, so the list does not jump. */
function fit(img: PostImage, maxW: number, maxH: number): { width: number; height: number } {
  const scale = Math.min(1, maxW / img.width, maxH / img.height);
  return { width: Math.max(1, Math.round(img.width * scale)), height: Math.max(1, Math.round(img.height * scale)) };
}

/** A message's images as thumbnails, each opening the full image in a new tab. */
export function MessageImages({ images }: { images: PostImage[] }) {
  const { t } = useTranslation();
  if (images.length === 0) return null;
  const [maxW, maxH] = images.length === 1 ? [360, 280] : [200, 160];
  return (
    <ul className="msg-images" data-testid="message-images">
      {images.map((img, i) => {
        const size = fit(img, maxW, maxH);
        return (
          <li key={img.id}>
            <a href={img.url} target="_blank" rel="noopener noreferrer">
              <img src={img.thumbUrl} alt={t('chat.image', { n: i + 1, count: images.length })} width={size.width} height={size.height} loading="lazy" decoding="async" />
              <span className="sr-only"> {t('chat.opensInNewTab')}</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

/** Link preview cards. Images are served through Foyer, never hot-linked. */
import { z } from 'zod';

export const LinkPreview = z.object({
  url: z.string(),
  title: z.string(),
  description: z.string(),
  siteName: z.string(),
  /** Proxied through Foyer (`/api/v1/previews/image?u=…`), or null. */
  imageUrl: z.string().nullable(),
  /** A link to Foyer itself, rendered from the database with the viewer's permissions. */
  internal: z.boolean(),
  /** The linked item's sensitivity label (internal previews only). */
  label: z.number().nullable(),
});
export type LinkPreview = z.infer<typeof LinkPreview>;
export const PreviewQuery = z.object({ url: z.string().min(1).max(2000) });

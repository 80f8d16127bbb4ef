/** Pure text helpers shared by server (indexing, notifications) and web (composer highlighting). */
const HASHTAG_RE = /(^|[^\p{L}\p{N}_&/#])#([\p{L}\p{N}_]{1,64})/gu;
const MENTION_RE = /(^|[^\p{L}\p{N}_.@/])@([a-z0-9][a-z0-9._-]{0,63})/giu;

export function extractHashtags(text: string): string[] {
  const tags = new Set<string>();
  for (const m of text.matchAll(HASHTAG_RE)) {
    const tag = m[2];
    // Pure numbers (#1) are issue references, not topics.
    if (!/^\d+$/.test(tag)) tags.add(tag.toLowerCase());
  }
  return [...tags];
}

export function extractMentions(text: string): string[] {
  const handles = new Set<string>();
  for (const m of text.matchAll(MENTION_RE)) handles.add(m[2].toLowerCase().replace(/[.]+$/, ''));
  return [...handles];
}

export function normalizeHashtag(tag: string): string {
  return tag.replace(/^#/, '').toLowerCase();
}

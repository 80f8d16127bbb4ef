/**
 * Display names of files and folders. A name is only ever shown and offered as a download name:
 * storage keys are random, so a name cannot reach the disk. It is still neutralised, because
 * it ends up in headers, HTML and other people's download folders.
 */
import { FILE_LIMITS } from '@foyer/shared';

// Control, format (bidi overrides such as U+202E), line/paragraph separators and surrogates.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

export function sanitizeName(raw: string, max: number = FILE_LIMITS.fileName, fallback = 'file'): string {
  let name = raw.normalize('NFC');
  // Only the last path component: "../../etc/passwd" and "C:\\x\\y.txt" become "passwd" and "y.txt".
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(INVISIBLE, '').replace(/[<>:"|?*]/g, '_').replace(/\s+/g, ' ');
  // Leading dots would hide the file on Unix; trailing dots and spaces are dropped by Windows.
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  // Windows device names stay special whatever extension follows ("CON.txt").
  if (RESERVED.test(name.split('.')[0])) name = `_${name}`;
  if (!name) name = fallback;
  if (name.length > max) {
    const ext = extensionOf(name);
    const keep = ext && ext.length < 12 ? `.${ext}` : '';
    name = name.slice(0, max - keep.length).trimEnd() + keep;
  }
  return name;
}

/** Lower-case extension without the dot, or '' when the name has none. */
export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{0,9}[A-Za-z][A-Za-z0-9]{0,9})$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

/** Content-Disposition with an ASCII fallback and the exact name as RFC 5987 `filename*`. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_').trim() || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

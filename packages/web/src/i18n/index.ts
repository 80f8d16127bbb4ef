import i18n from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import de from './de.json';

// Each feature keeps its strings in its own pair of files (features/<name>.<lang>.json) under
// its own top-level key, so features can be translated and reviewed independently.
const featureFiles = import.meta.glob<Record<string, unknown>>('./features/*.json', { eager: true, import: 'default' });

function withFeatures(base: Record<string, unknown>, lang: string): Record<string, unknown> {
  const merged = { ...base };
  for (const [file, strings] of Object.entries(featureFiles)) if (file.endsWith(`.${lang}.json`)) Object.assign(merged, strings);
  return merged;
}

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

export function browserLanguage(): Language {
  const langs = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];
  for (const l of langs) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'de' || base === 'en') return base;
  }
  return 'en';
}

void i18n
  .use(ICU)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: withFeatures(en, 'en') }, de: { translation: withFeatures(de, 'de') } },
    lng: browserLanguage(),
    fallbackLng: 'en',
    supportedLngs: ['en', 'de'],
    interpolation: { escapeValue: false },
    returnNull: false,
  });

export function setLanguage(lang: string | undefined | null): void {
  const l: Language = lang === 'de' || lang === 'en' ? lang : browserLanguage();
  if (i18n.language !== l) void i18n.changeLanguage(l);
  document.documentElement.lang = l;
}

export default i18n;

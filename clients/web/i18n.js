import en from './i18n/en.js';
import ja from './i18n/ja.js';

export const languages = Object.freeze({ en, ja });

/**
 * The page language: a saved choice first, then the browser's preferred languages, then English.
 * @param {readonly string[]} preferred e.g. navigator.languages
 * @param {string | null} [saved]
 * @returns {'en' | 'ja'}
 */
export function pickLanguage(preferred, saved) {
  if (saved === 'en' || saved === 'ja') return saved;
  for (const tag of preferred ?? []) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (base === 'ja' || base === 'en') return base;
  }
  return 'en';
}

/**
 * A text in a language with `{name}` placeholders filled in (values are inserted as text by the caller).
 * @param {'en' | 'ja'} lang
 * @param {string} key
 * @param {Record<string, string | number>} [values]
 */
export function translate(lang, key, values = {}) {
  const text = languages[lang]?.[key] ?? languages.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

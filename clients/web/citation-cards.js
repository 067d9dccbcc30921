import { safeHref } from './markdown.js';

/**
 * Product cards for the citations of an answer, built with DOM calls only (catalog text is never parsed as HTML).
 *
 * @param {import('../js/index').Citation[]} items
 * @param {Document} doc
 * @param {{ allowedHosts: readonly string[], lang: 'en' | 'ja', t: (key: string, values?: Record<string, string>) => string }} options
 * @returns {HTMLElement} a list element
 */
export function renderCitationCards(items, doc, { allowedHosts, lang, t }) {
  const list = doc.createElement('ul');
  list.className = 'cards';
  list.setAttribute('data-testid', 'citations');
  for (const item of items) {
    const card = doc.createElement('li');
    card.className = 'card';
    card.setAttribute('data-testid', 'citation-card');
    card.setAttribute('data-product-id', item.id);

    const title = doc.createElement('p');
    title.className = 'card-title';
    title.textContent = item.title;
    card.appendChild(title);

    if (item.japaneseTitle) {
      const ja = doc.createElement('p');
      ja.className = 'card-title-ja';
      ja.setAttribute('lang', 'ja');
      ja.textContent = item.japaneseTitle;
      card.appendChild(ja);
    }

    if (Number.isFinite(item.priceJpy)) {
      const price = doc.createElement('p');
      price.className = 'card-price';
      const amount = new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US', { style: 'currency', currency: 'JPY' }).format(item.priceJpy);
      price.textContent = t('pricePerVolume', { price: amount });
      card.appendChild(price);
    }

    const href = safeHref(item.url, allowedHosts);
    if (href) {
      const link = doc.createElement('a');
      link.className = 'card-link';
      link.setAttribute('href', href);
      link.setAttribute('rel', 'noopener noreferrer');
      link.setAttribute('target', '_blank');
      link.setAttribute('data-testid', 'citation-link');
      link.textContent = t('viewInStore');
      // The visible text is the same on every card; the accessible name says which product.
      link.setAttribute('aria-label', `${t('viewInStore')}: ${item.title}`);
      card.appendChild(link);
    }
    list.appendChild(card);
  }
  return list;
}

/**
 * A small, safe markdown subset for model and catalog text: paragraphs, line breaks, headings, bullet and numbered
 * lists, **bold**, *italic*, `code`, fenced code and [links](https://…). Parsing yields a plain tree; `toDom` builds
 * it with createElement / createTextNode only, so text is never parsed as HTML, whatever it contains.
 *
 * @typedef {string | { tag: string, href?: string, children: MdNode[] }} MdNode
 */

/** The only elements `toDom` will create. */
const ALLOWED_TAGS = new Set(['p', 'br', 'strong', 'em', 'code', 'pre', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'h5']);

/**
 * A link target the page may open: absolute http(s) to one of the allowed hosts (or their subdomains), else null.
 * @param {string} url
 * @param {readonly string[]} allowedHosts
 */
export function safeHref(url, allowedHosts) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username || parsed.password) return null;
  const host = parsed.hostname.toLowerCase();
  const allowed = allowedHosts.some((h) => host === h.toLowerCase() || host.endsWith(`.${h.toLowerCase()}`));
  return allowed ? parsed.href : null;
}

/**
 * @param {string} text
 * @param {{ allowedHosts?: readonly string[] }} [options]
 * @returns {MdNode[]} block nodes
 */
export function parseMarkdown(text, { allowedHosts = [] } = {}) {
  const lines = String(text).replace(/\r\n?/g, '\n').split('\n');
  /** @type {MdNode[]} */
  const blocks = [];
  const inline = (s) => parseInline(s, allowedHosts);
  /** @type {string[]} */
  let paragraph = [];
  /** @type {{ tag: 'ul' | 'ol', children: MdNode[] } | null} */
  let list = null;

  const flushParagraph = () => {
    if (paragraph.length === 0) return;
    /** @type {MdNode[]} */
    const children = [];
    paragraph.forEach((line, i) => {
      if (i > 0) children.push({ tag: 'br', children: [] });
      children.push(...inline(line));
    });
    blocks.push({ tag: 'p', children });
    paragraph = [];
  };
  const flushList = () => {
    if (list) blocks.push(list);
    list = null;
  };

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (/^\s*```/.test(line)) {
      flushParagraph();
      flushList();
      const code = [];
      // An unclosed fence (a streaming answer mid-block) runs to the end of the text so far.
      for (i += 1; i < lines.length && !/^\s*```/.test(lines[i]); i += 1) code.push(lines[i]);
      blocks.push({ tag: 'pre', children: [{ tag: 'code', children: [code.join('\n')] }] });
      continue;
    }
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (heading) {
      flushParagraph();
      flushList();
      blocks.push({ tag: `h${heading[1].length + 2}`, children: inline(heading[2]) });
      continue;
    }
    const bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
    const numbered = bullet ? null : /^\s*\d{1,9}[.)]\s+(.*)$/.exec(line);
    if (bullet || numbered) {
      flushParagraph();
      const tag = bullet ? 'ul' : 'ol';
      if (list?.tag !== tag) {
        flushList();
        list = { tag, children: [] };
      }
      list.children.push({ tag: 'li', children: inline((bullet ?? numbered)[1]) });
      continue;
    }
    if (line.trim() === '') {
      flushParagraph();
      flushList();
      continue;
    }
    flushList();
    paragraph.push(line);
  }
  flushParagraph();
  flushList();
  return blocks;
}

/** Inline spans, longest marker first; code keeps its content as text, the others may nest. */
const SPANS = [
  { marker: '`', tag: 'code', nested: false },
  { marker: '**', tag: 'strong', nested: true },
  { marker: '*', tag: 'em', nested: true },
];

/**
 * @param {string} s one line
 * @param {readonly string[]} allowedHosts
 * @returns {MdNode[]}
 */
function parseInline(s, allowedHosts) {
  /** @type {MdNode[]} */
  const out = [];
  let text = '';
  // A marker with no closer after some position has none after any later one: remembering it keeps this linear.
  const noCloser = new Set();
  const closer = (marker, from) => {
    if (noCloser.has(marker)) return -1;
    const at = s.indexOf(marker, from);
    if (at < 0) noCloser.add(marker);
    return at;
  };
  const flush = () => {
    if (text) out.push(text);
    text = '';
  };

  for (let i = 0; i < s.length;) {
    const span = SPANS.find((candidate) => s.startsWith(candidate.marker, i));
    // A marker followed by white space (or nothing) opens nothing: "2 * 3" is arithmetic, not emphasis.
    if (span && /\S/.test(s[i + span.marker.length] ?? '')) {
      const from = i + span.marker.length;
      const close = closer(span.marker, from);
      if (close > from) {
        flush();
        const inner = s.slice(from, close);
        out.push({ tag: span.tag, children: span.nested ? parseInline(inner, allowedHosts) : [inner] });
        i = close + span.marker.length;
        continue;
      }
    } else if (s[i] === '[') {
      const link = /^\[([^\]\n]{1,500})\]\(([^()\s]{1,2000})\)/.exec(s.slice(i, i + 2600));
      if (link) {
        const href = safeHref(link[2], allowedHosts);
        if (href) {
          flush();
          out.push({ tag: 'a', href, children: [link[1]] });
        } else {
          // A link we will not open is shown as the text it was, so nothing is hidden from the shopper.
          text += link[0];
        }
        i += link[0].length;
        continue;
      }
    }
    text += s[i];
    i += 1;
  }
  flush();
  return out;
}

/**
 * Builds DOM nodes for a parsed tree. Only whitelisted tags, only text nodes for text, only `href` (already checked
 * by `safeHref`), `rel` and `target` as attributes.
 *
 * @param {MdNode[]} nodes
 * @param {Document} doc
 * @returns {DocumentFragment}
 */
export function toDom(nodes, doc) {
  const fragment = doc.createDocumentFragment();
  for (const node of nodes) fragment.appendChild(nodeToDom(node, doc));
  return fragment;
}

/** @param {MdNode} node @param {Document} doc @returns {Node} */
function nodeToDom(node, doc) {
  if (typeof node === 'string') return doc.createTextNode(node);
  if (!ALLOWED_TAGS.has(node.tag)) return doc.createTextNode('');
  const element = doc.createElement(node.tag);
  if (node.tag === 'a' && node.href) {
    element.setAttribute('href', node.href);
    element.setAttribute('rel', 'noopener noreferrer');
    element.setAttribute('target', '_blank');
  }
  for (const child of node.children) element.appendChild(nodeToDom(child, doc));
  return element;
}

/**
 * Parses and builds in one go.
 * @param {string} text
 * @param {Document} doc
 * @param {{ allowedHosts?: readonly string[] }} [options]
 */
export function renderMarkdown(text, doc, options) {
  return toDom(parseMarkdown(text, options), doc);
}

/**
 * The text a reader hears: markdown markers removed, links reduced to their text.
 * @param {string} text
 */
export function markdownToPlainText(text) {
  const collect = (node) => {
    if (typeof node === 'string') return node;
    if (node.tag === 'br') return ' ';
    return node.children.map(collect).join(node.tag === 'ul' || node.tag === 'ol' ? ' ' : '');
  };
  // Every link is read as its text, whatever its target: nothing here becomes a link.
  const unlinked = String(text).replace(/\[([^\]\n]{1,500})\]\([^()\s]{1,2000}\)/g, '$1');
  return parseMarkdown(unlinked).map(collect).join(' ').trim();
}

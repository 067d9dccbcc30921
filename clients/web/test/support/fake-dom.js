/**
 * The few DOM calls the page's renderers may use, recorded; every HTML-parsing entry point throws, so a renderer
 * that tried to insert markup fails its test.
 */
class FakeNode {
  constructor(nodeType) {
    this.nodeType = nodeType;
    /** @type {FakeNode[]} */
    this.childNodes = [];
    this.parentNode = null;
  }

  appendChild(child) {
    if (child.nodeType === 11) {
      for (const c of [...child.childNodes]) this.appendChild(c);
      child.childNodes = [];
      return child;
    }
    child.parentNode = this;
    this.childNodes.push(child);
    return child;
  }

  append(...children) {
    for (const c of children) this.appendChild(typeof c === 'string' ? new FakeText(c) : c);
  }

  replaceChildren(...children) {
    this.childNodes = [];
    this.append(...children);
  }

  get textContent() { return this.childNodes.map((c) => c.textContent).join(''); }

  set textContent(value) { this.childNodes = [new FakeText(String(value))]; }

  set innerHTML(_) { throw new Error('innerHTML used'); }

  set outerHTML(_) { throw new Error('outerHTML used'); }

  insertAdjacentHTML() { throw new Error('insertAdjacentHTML used'); }
}

class FakeText extends FakeNode {
  constructor(text) {
    super(3);
    this.data = text;
  }

  get textContent() { return this.data; }
}

class FakeElement extends FakeNode {
  constructor(tagName) {
    super(1);
    this.tagName = tagName.toUpperCase();
    /** @type {Map<string, string>} */
    this.attributes = new Map();
    this.className = '';
    this.hidden = false;
    this.dataset = {};
  }

  setAttribute(name, value) {
    if (/^on/i.test(name)) throw new Error(`event handler attribute ${name} set`);
    this.attributes.set(name, String(value));
  }

  getAttribute(name) { return this.attributes.get(name) ?? null; }
}

export class FakeDocument {
  createElement(tag) { return new FakeElement(tag); }

  createTextNode(text) { return new FakeText(text); }

  createDocumentFragment() { return new FakeNode(11); }
}

/** A readable, escaped rendering of fake nodes for assertions: elements as <tag attr="…">, text escaped. */
export function serialize(node) {
  if (node.nodeType === 3) return node.data.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const inner = node.childNodes.map(serialize).join('');
  if (node.nodeType === 11) return inner;
  const tag = node.tagName.toLowerCase();
  const attrs = [...node.attributes].map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;')}"`).join('');
  return `<${tag}${attrs}>${inner}</${tag}>`;
}

/** Every element tag name in a tree. */
export function tagsIn(node) {
  const tags = node.nodeType === 1 ? [node.tagName.toLowerCase()] : [];
  for (const c of node.childNodes) tags.push(...tagsIn(c));
  return tags;
}

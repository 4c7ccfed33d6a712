// The small DOM kit of every page the extension draws: the popup, the options and PIN pages, and
// the warning on a web page (its closed shadow root included). Nodes are built with DOM APIs and
// textContent, never from HTML strings (eslint.config.js forbids the HTML sinks).

/** A _locales message by name: browser.i18n.getMessage, or a fake in the unit tests. */
export type GetMessage = (name: string) => string;

/** An element with its text and class, in `doc` (the page's or a shadow root's owner document). */
export function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

// The warning's host element, by name: the page watcher (on every page) must skip it, and the
// overlay (loaded only when a warning is shown: page-warnings.ts) creates it. Kept apart from the
// overlay so that the watcher does not carry the overlay's code (issue 11).

export const HOST_TAG = 'scam-sentinel-warning';

/** The warning's own host (or anything inside it): not page text, and its changes are not the page's. */
export const isOwnNode = (node: Node): boolean => node.nodeType === Node.ELEMENT_NODE && (node as Element).localName === HOST_TAG;

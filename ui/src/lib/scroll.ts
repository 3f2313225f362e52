/**
 * Keeps what has focus in view (WCAG 2.4.11): arrow keys in a long radio group or Tab
 * can move the focus below the window's edge when the browser does not scroll by itself
 * (a radio chosen by arrow key in WebKitGTK). The nearest edge, so that nothing moves
 * while the focused element is already visible. Returns the function that stops it.
 */
export function keepFocusInView(root: Document | HTMLElement = document): () => void {
  const onFocusIn = (event: Event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || target === document.body) return;
    // A radio or checkbox is drawn with its label: show the pair, not the bare input.
    const shown = target.closest('.kern-form-check') ?? target;
    const rect = shown.getBoundingClientRect();
    // Something taller than the window (a whole group) is left where the browser puts it.
    if (rect.height > window.innerHeight || !isOutsideViewport(rect)) return;
    shown.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  };
  root.addEventListener('focusin', onFocusIn);
  return () => root.removeEventListener('focusin', onFocusIn);
}

function isOutsideViewport(rect: DOMRect): boolean {
  return rect.top < 0 || rect.bottom > window.innerHeight || rect.left < 0 || rect.right > window.innerWidth;
}

/** A new page opens at its top, with the header in view (not at the old page's scroll). */
export function scrollToTop(): void {
  if (window.scrollX !== 0 || window.scrollY !== 0) window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
}

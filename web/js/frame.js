// The chat inside the widget's frame (/embed) and widget.js on the host page: the frame tells the widget it is ready,
// and the widget asks it to put focus in the question box when the panel opens (B2).

/**
 * Focuses `box` when the parent page (the widget) asks for it; messages from anywhere else are ignored.
 * @param {HTMLElement} box
 */
export function focusOnWidgetRequest(box) {
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || !event.data || event.data.type !== 'pa:focus') return;
    focusBox(box);
  });
}

/**
 * Puts focus in `box` once this frame has the keyboard: the widget gives it before asking, and `pa:take-focus` asks
 * again if the browser kept it on the host page.
 * @param {HTMLElement} box
 */
function focusBox(box) {
  if (document.hasFocus()) return box.focus();
  window.addEventListener('focus', () => box.focus(), { once: true });
  window.parent.postMessage({ type: 'pa:take-focus' }, '*');
}

/**
 * Tells the widget the chat in its frame is ready (nothing when the page is not framed): once the document has finished
 * loading and the browser has drawn it twice since, so that what the browser reports to a screen reader about the page
 * as it loaded (the city select's option among it) goes out before focus enters the frame.
 */
export function tellWidgetReady() {
  if (window.parent === window) return;
  const send = () =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => setTimeout(() => window.parent.postMessage({ type: 'pa:ready' }, '*'), 0)),
    );
  if (document.readyState === 'complete') send();
  else window.addEventListener('load', send, { once: true });
}

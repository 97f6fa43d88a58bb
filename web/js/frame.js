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
 * Puts focus in `box` from inside the frame: one move, which the browser reports with the frame's document in the same
 * batch. If the browser kept the keyboard on the host page, the widget is asked to focus the frame (`pa:take-focus`)
 * and the box is focused once the frame's window has it.
 * @param {HTMLElement} box
 */
function focusBox(box) {
  box.focus();
  if (document.hasFocus() && document.activeElement === box) return;
  window.addEventListener('focus', () => box.focus(), { once: true });
  window.parent.postMessage({ type: 'pa:take-focus' }, '*');
}

/**
 * How long after the page has loaded the frame says it is ready. Chromium tells a screen reader about a select's chosen
 * option in a batch it sends a few hundred milliseconds after the page changed (not at once, as it does for focus), and
 * Orca follows such a report in the document that has focus: sent after focus entered the frame, it took Orca from the
 * question box to the city select. Until then focus waits on the panel's heading (widget.js), which Orca reads.
 */
const SETTLE_MS = 600;

/**
 * Tells the widget the chat in its frame is ready (nothing when the page is not framed): SETTLE_MS after the document
 * has finished loading, with the city select filled and chosen before that (chat.js).
 */
export function tellWidgetReady() {
  if (window.parent === window) return;
  const send = () => setTimeout(() => window.parent.postMessage({ type: 'pa:ready' }, '*'), SETTLE_MS);
  if (document.readyState === 'complete') send();
  else window.addEventListener('load', send, { once: true });
}

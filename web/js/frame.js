// The chat inside the widget's frame (/embed) and widget.js on the host page: the frame tells the widget it is ready,
// and the widget asks it to put focus in the question box when the panel opens (B2).

/**
 * Focuses `box` when the parent page (the widget) asks for it; messages from anywhere else are ignored.
 * @param {HTMLElement} box
 */
export function focusOnWidgetRequest(box) {
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || !event.data || event.data.type !== 'pa:focus') return;
    box.focus();
  });
}

/** Tells the widget the chat in its frame is ready (nothing when the page is not framed). */
export function tellWidgetReady() {
  if (window.parent !== window) window.parent.postMessage({ type: 'pa:ready' }, '*');
}

// The one announcer for live regions: debounced polite progress (role=status), errors (role=alert), answers (role=log).

/** How long progress messages wait, so a quick "正在查找…" → "找到 3 条依据" is spoken once, as the last one. */
export const STATUS_DELAY_MS = 400;
/** Entries kept in the hidden answer log; older ones are removed silently (removals are not announced). */
export const LOG_KEEP = 5;

/**
 * @param {{ status: HTMLElement, alert: HTMLElement, log: HTMLElement }} regions
 * @param {{ delay?: number }} [options]
 */
export function createAnnouncer(regions, options = {}) {
  const delay = options.delay ?? STATUS_DELAY_MS;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let statusTimer;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let alertTimer;
  let lastAnswer = '';

  return {
    /** Progress or confirmation ("正在查找…", "已复制"). Only the last message within the delay is spoken. */
    status(text) {
      clearTimeout(statusTimer);
      statusTimer = setTimeout(() => {
        // Writing the same text twice is not announced again; clear first so "已复制" repeats when it happens again.
        regions.status.textContent = '';
        statusTimer = setTimeout(() => {
          regions.status.textContent = text;
        }, 30);
      }, delay);
    },
    /** An error that says what to do next. Assertive, immediate. */
    error(text) {
      clearTimeout(alertTimer);
      regions.alert.textContent = '';
      alertTimer = setTimeout(() => {
        regions.alert.textContent = text;
      }, 30);
    },
    clearError() {
      clearTimeout(alertTimer);
      regions.alert.textContent = '';
    },
    /** A complete answer: appended once, whole, to the log. Never token by token; the same answer twice is skipped. */
    answer(text, id) {
      const key = `${id}:${text}`;
      if (key === lastAnswer) return;
      lastAnswer = key;
      const entry = document.createElement('p');
      entry.textContent = text;
      regions.log.append(entry);
      while (regions.log.childElementCount > LOG_KEEP) regions.log.firstElementChild?.remove();
    },
  };
}

// The server's input limits (its LIMIT_* settings), handed to the page as a JSON data block (`#limits`, see
// src/server/pages.ts), so the page checks a question against the limit the server will apply.

/** @type {{ questionChars: number, historyTurns: number, feedbackReasonChars: number }} */
export const LIMITS = JSON.parse(document.getElementById('limits')?.textContent || '{}');

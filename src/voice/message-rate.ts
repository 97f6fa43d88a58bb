// The per-socket message rate of /ws/voice (LIMIT_WS_MESSAGES_PER_SECOND): a one-second window, one warning per window,
// and the socket closed for abuse (many times the limit in one window, or several limited windows in a row).

/** A window with more than this many times the allowed messages closes the socket at once (1008). */
export const RATE_ABUSE_FACTOR = 5;
/** This many consecutive rate-limited seconds close the socket (1008). */
export const RATE_ABUSE_STRIKES = 3;

/**
 * What to do with one message: `ok` handle it; `dropped` drop it quietly (already warned this window); `warn` drop it
 * and send a non-fatal RATE_LIMITED; `fatal` drop it, send a fatal RATE_LIMITED and close the socket.
 */
export type RateVerdict = 'ok' | 'dropped' | 'warn' | 'fatal';

export class MessageRate {
  private windowStart: number;
  private count = 0;
  private warned = false;
  private strikes = 0;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.windowStart = now();
  }

  /** Counts one message arriving now. */
  take(): RateVerdict {
    const now = this.now();
    if (now - this.windowStart >= 1000) {
      if (this.count <= this.perSecond || now - this.windowStart >= 2000) this.strikes = 0;
      this.windowStart = now;
      this.count = 0;
      this.warned = false;
    }
    this.count++;
    if (this.count <= this.perSecond) return 'ok';
    const abusive = this.count > this.perSecond * RATE_ABUSE_FACTOR;
    if (this.warned && !abusive) return 'dropped';
    if (!this.warned) this.strikes++;
    this.warned = true;
    return abusive || this.strikes >= RATE_ABUSE_STRIKES ? 'fatal' : 'warn';
  }
}

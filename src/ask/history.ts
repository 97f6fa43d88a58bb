// A conversation's earlier turns as every channel keeps them, bounded as POST /api/ask bounds `history`: each turn at
// most LIMIT_HISTORY_TURN_CHARS characters, the last LIMIT_HISTORY_TURNS turns. The voice session and the phone call
// remember their questions through here, so a follow-up carries the same context on every channel.
import type { Limits } from './schema.ts';

export type HistoryLimits = Pick<Limits, 'historyTurns' | 'historyTurnChars'>;

/** Adds `question` to `history` (oldest first), cut to the per-turn limit, dropping the oldest turns beyond the count. */
export function rememberTurn(history: string[], question: string, limits: HistoryLimits): void {
  history.push([...question].slice(0, limits.historyTurnChars).join(''));
  if (history.length > limits.historyTurns) history.splice(0, history.length - limits.historyTurns);
}

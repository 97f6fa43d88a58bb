// A conversation's earlier turns, bounded the same on every channel as POST /api/ask bounds `history`.
import { describe, expect, it } from 'vitest';
import { rememberTurn } from '../../src/ask/history.ts';

describe('rememberTurn', () => {
  it('keeps the last LIMIT_HISTORY_TURNS turns, oldest first', () => {
    const history: string[] = [];
    for (const question of ['我在济宁', '我爸是一级肢体残疾', '有护理补贴吗']) {
      rememberTurn(history, question, { historyTurns: 2, historyTurnChars: 500 });
    }
    expect(history).toEqual(['我爸是一级肢体残疾', '有护理补贴吗']);
  });

  it('cuts a turn to LIMIT_HISTORY_TURN_CHARS characters, counting code points', () => {
    const history: string[] = [];
    rememberTurn(history, '𠀀护理补贴', { historyTurns: 10, historyTurnChars: 3 });
    expect(history).toEqual(['𠀀护理']);
  });
});

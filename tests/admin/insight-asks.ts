// What both insight suites do as residents (the unit test through app.request, the browser test over HTTP to the
// built server): two wordings of one question the shipped plans do not answer, one answered question, its thumbs-down.
import { expect } from 'vitest';

/** Asked and declined: the plans state no amount of 护理补贴 (an amount: rules or a guide would answer it). */
export const DECLINED: readonly { question: string; city: string | null }[] = [
  { question: '济宁重度残疾人护理补贴一个月多少钱', city: null },
  { question: '重度残疾人护理补贴，一个月多少钱？', city: '济宁' },
];
export const ANSWERED = '济宁市自闭症孩子去哪里做康复？';
export const DOWN_REASON = '没有说具体去哪家机构';

type Request = (path: string, init: RequestInit) => Response | Promise<Response>;

const post = (request: Request, path: string, body: unknown) =>
  request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Asks the three questions and gives the answered one a thumbs-down with DOWN_REASON. */
export async function askAndComplain(request: Request): Promise<void> {
  for (const asked of DECLINED) {
    const response = await post(request, '/api/ask', asked);
    expect(((await response.json()) as { answered: boolean }).answered).toBe(false);
  }
  const answer = (await (await post(request, '/api/ask', { question: ANSWERED })).json()) as {
    answered: boolean;
    citations: { id: string }[];
  };
  expect(answer.answered).toBe(true);
  const feedback = await post(request, '/api/feedback', {
    rating: 'down',
    question: ANSWERED,
    citationIds: [answer.citations[0]!.id],
    reason: DOWN_REASON,
  });
  expect(feedback.status).toBe(204);
}

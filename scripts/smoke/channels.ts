// The channels npm run smoke uses once each, as a person would, against a running server: each check throws with what
// went wrong, or returns one line saying what it measured. Timings are wall-clock from the client's side.
import { setTimeout as sleep } from 'node:timers/promises';
import { KIND_AUDIO, KIND_HANGUP } from '../../src/phone/audiosocket.ts';
import type { ServerMessage } from '../../src/voice/protocol.ts';
import type { FakeFunasr } from '../../tests/asr/fake-funasr.ts';
import { synthesize } from '../../tests/asr/speech.ts';
import { streamRealTime } from '../../tests/asr/stream.ts';
import { buildDocx, seedText } from '../../tests/admin/files.ts';
import { FakeCaller } from '../../tests/phone/caller.ts';
import { VoiceClient } from '../../tests/voice/helpers.ts';

export const QUESTION = '济宁重度残疾人有护理补贴吗';
export const FOLLOW_UP = '那双鸭山呢？';
/** A plan of a city we do not ship: 永济's text with the city renamed, uploaded as Word. */
const NEW_CITY = '临沂';
/** Longest waits a person would put up with (the numbers where it gives them). */
const GREETING_MS = 3_000;
const PHONE_ANSWER_MS = 5_000;
const TURN_MS = 20_000;

export interface Smoke {
  url: string;
  phonePort: number;
  adminToken: string;
  fake: FakeFunasr;
}

interface Citation {
  id: string;
  city: string;
  url: string;
}
interface Answer {
  answered: boolean;
  city: string | null;
  citations: Citation[];
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

async function ask(url: string, body: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(`${url}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  check(res.status === 200, `/api/ask answered ${res.status}`);
  return (await res.json()) as Answer;
}

function cited(answer: Answer, city: string): Citation {
  const first = answer.citations[0];
  check(answer.answered && answer.city === city, `expected an answer for ${city}, got ${JSON.stringify(answer)}`);
  check(first !== undefined && first.city === city && first.url.startsWith('/docs/'), `no ${city} citation`);
  return first!;
}

export async function healthz({ url }: Smoke): Promise<string> {
  const res = await fetch(`${url}/healthz`);
  const body = (await res.json()) as { status?: string };
  check(res.status === 200, `/healthz answered ${res.status} ${JSON.stringify(body)}`);
  return `200 ${JSON.stringify(body)}`;
}

export async function http({ url }: Smoke): Promise<string> {
  const citation = cited(await ask(url, { question: QUESTION }), '济宁');
  return `${QUESTION} → cites ${citation.id}`;
}

/** A spoken answer on an open session: the cited answer.end, then tts.start … tts.end with at least a second of audio. */
async function spokenAnswer(client: VoiceClient, sampleRate: number, city: string, from: number): Promise<string> {
  const end = await client.waitFor('answer.end', (m) => client.messages.indexOf(m) >= from, TURN_MS);
  const answer = end as Extract<ServerMessage, { type: 'answer.end' }>;
  cited({ answered: answer.answered, city: answer.city, citations: answer.citations }, city);
  const start = await client.waitFor('tts.start', (m) => m.turnId === answer.turnId, TURN_MS);
  check(start.sampleRate === sampleRate, `speech at ${start.sampleRate} Hz, not the session's ${sampleRate}`);
  await client.waitFor('tts.end', (m) => m.turnId === answer.turnId, 60_000);
  const first = client.indexOf((m) => m === start);
  const last = client.indexOf((m) => m.type === 'tts.end' && m.turnId === answer.turnId);
  const seconds = client.audioBytes(first, last) / 2 / sampleRate;
  const errors = client.messages.filter((m) => m.type === 'error');
  check(errors.length === 0, `errors: ${JSON.stringify(errors)}`);
  check(seconds >= 1, `only ${seconds.toFixed(2)} s of audio`);
  return `${answer.citations[0]!.id}, ${seconds.toFixed(1)} s of speech at ${sampleRate} Hz`;
}

export async function voice({ url }: Smoke): Promise<string> {
  const client = await VoiceClient.connect(`${url.replace(/^http/, 'ws')}/ws/voice`);
  try {
    const ready = await client.start({ city: '济宁', tts: true });
    check(ready.tts, 'session.ready says speech is unavailable');
    client.send({ type: 'user.text', text: QUESTION, final: true });
    return `typed ${QUESTION} → ${await spokenAnswer(client, ready.audio.sampleRate, '济宁', 0)}`;
  } finally {
    client.close();
  }
}

export async function followUp({ url }: Smoke): Promise<string> {
  // Typed first on the page (HTTP), then the conversation moves to voice with its earlier turn.
  cited(await ask(url, { question: QUESTION }), '济宁');
  const client = await VoiceClient.connect(`${url.replace(/^http/, 'ws')}/ws/voice`);
  try {
    const ready = await client.start({ tts: true, history: [QUESTION], audio: { sampleRate: 8000 } });
    client.send({ type: 'user.text', text: FOLLOW_UP, final: true });
    return `${FOLLOW_UP} after a typed ${QUESTION} → ${await spokenAnswer(client, ready.audio.sampleRate, '双鸭山', 0)}`;
  } finally {
    client.close();
  }
}

export async function heard({ url, fake }: Smoke): Promise<string> {
  const speech = synthesize(QUESTION, 16000);
  fake.register(speech, QUESTION);
  const client = await VoiceClient.connect(`${url.replace(/^http/, 'ws')}/ws/voice`);
  try {
    const ready = await client.start({ tts: true, audio: { sampleRate: 16000 } });
    client.send({ type: 'audio.start' });
    await streamRealTime((frame) => client.ws.send(frame), speech, 16000);
    const spokeAt = performance.now();
    client.send({ type: 'audio.end' });
    const final = await client.waitFor('transcript', (m) => m.final, TURN_MS);
    check(final.text === QUESTION, `heard "${final.text}"`);
    const heardMs = performance.now() - spokeAt;
    const spoken = await spokenAnswer(client, ready.audio.sampleRate, '济宁', 0);
    return `${(speech.length / 32000).toFixed(1)} s of 16 kHz speech in 20 ms frames → "${final.text}" ${heardMs.toFixed(0)} ms after audio.end → ${spoken}`;
  } finally {
    client.close();
  }
}

export async function phone({ phonePort, fake }: Smoke): Promise<string> {
  const speech = synthesize(QUESTION, 8000);
  const caller = await FakeCaller.connect(phonePort);
  try {
    const connected = performance.now();
    caller.callId();
    await caller.until('the greeting', () => caller.audio().length > 0, GREETING_MS);
    const greetingMs = caller.audio()[0]!.at - connected;
    await sleep(500);
    fake.next(QUESTION);
    const silentAt = await caller.speak(speech);
    const mark = caller.received.length;
    void caller.silence(1500);
    await caller.until('the answer', () => caller.audio(mark).length > 0, PHONE_ANSWER_MS);
    const answerMs = caller.audio(mark)[0]!.at - silentAt;
    await sleep(1000);
    const pressed = caller.received.length;
    caller.dtmf('0');
    await Promise.race([caller.closed, sleep(15_000)]);
    const after = caller.received.slice(pressed);
    check(after.at(-1)?.kind === KIND_HANGUP, 'no hang-up after 0');
    const handoff = after.filter((f) => f.kind === KIND_AUDIO).length;
    check(handoff > 50, `only ${handoff} frames after 0 (the handoff sentence is about 3 s)`);
    return (
      `greeting after ${greetingMs.toFixed(0)} ms; ${(speech.length / 16000).toFixed(1)} s question in 20 ms frames → ` +
      `answer ${answerMs.toFixed(0)} ms after the caller fell silent; 0 → ${(handoff * 0.02).toFixed(1)} s handoff, hang-up`
    );
  } finally {
    caller.end();
  }
}

export async function upload({ url, adminToken }: Smoke): Promise<string> {
  const auth = { authorization: `Bearer ${adminToken}` };
  const form = new FormData();
  const docx = await buildDocx(seedText('yongji.txt', '永济', NEW_CITY));
  form.set('file', new File([docx as BlobPart], 'linyi.docx'));
  form.set('id', 'linyi');
  form.set('city', NEW_CITY);
  const uploaded = await fetch(`${url}/api/admin/plans`, { method: 'POST', body: form, headers: auth });
  check(uploaded.status === 201, `upload answered ${uploaded.status}: ${await uploaded.text()}`);
  const published = await fetch(`${url}/api/admin/plans/linyi/publish`, { method: 'POST', headers: auth });
  check(published.status === 200, `publish answered ${published.status}: ${await published.text()}`);
  const publishedAt = performance.now();
  // Every worker switches within 2 s of the publish response (tests/admin/publish-live.test.ts); ask until it does.
  for (;;) {
    const answer = await ask(url, { question: `${NEW_CITY}重度残疾人护理补贴` });
    if (answer.city === NEW_CITY) {
      const citation = cited(answer, NEW_CITY);
      return `${(docx.length / 1024).toFixed(0)} KiB DOCX published; answered from it (${citation.id}) ${(performance.now() - publishedAt).toFixed(0)} ms later`;
    }
    check(performance.now() - publishedAt < 5_000, `still no ${NEW_CITY} answer 5 s after publishing`);
    await sleep(100);
  }
}

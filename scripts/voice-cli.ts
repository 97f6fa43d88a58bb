// `npm run voice -- "问题" --city 济宁 --out answer.wav`: asks over /ws/voice and saves what a caller would hear.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { createServices, handlersOf } from '../src/runtime/services.ts';
import { createServer } from '../src/runtime/server.ts';
import type { ServerMessage } from '../src/voice/protocol.ts';

const USAGE = `usage: npm run voice -- "重度残疾人有护理补贴吗" [--city 济宁] [--mode standard|easy] [--out answer.wav]
                     [--url ws://localhost:3000/ws/voice] [--rate 16000|8000]
Without --url the server is started in this process on a free port.`;
/** Longest a whole spoken answer may take to arrive. */
const TURN_TIMEOUT_MS = 120_000;

/** A RIFF/WAVE header with the real lengths (unlike espeak-ng's placeholder), for 16-bit mono PCM. */
export function wavHeader(dataBytes: number, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

interface Turn {
  answer: Extract<ServerMessage, { type: 'answer.end' }> | null;
  pcm: Buffer[];
  sampleRate: number;
  ttsError: string | null;
}

/** Asks one question over the voice channel at `url`; resolves when the spoken answer has ended (or text only). */
function askOverVoice(url: string, question: string, options: { city?: string; mode: string; rate: number }) {
  return new Promise<Turn>((resolve, reject) => {
    const ws = new WebSocket(url);
    const turn: Turn = { answer: null, pcm: [], sampleRate: options.rate, ttsError: null };
    let speaking = false;
    const timer = setTimeout(
      () => finish(new Error(`voice: no complete answer within ${TURN_TIMEOUT_MS} ms.`)),
      TURN_TIMEOUT_MS,
    );
    const finish = (error: Error | null) => {
      clearTimeout(timer);
      ws.close(1000);
      if (error) reject(error);
      else resolve(turn);
    };
    ws.on('error', (error) => finish(error));
    ws.on('close', (code, reason) => {
      if (code !== 1000 && code !== 1005)
        finish(new Error(`voice: the server closed the channel (${code} ${reason.toString()}).`));
    });
    ws.on('open', () => {
      ws.send(
        JSON.stringify({
          type: 'session.start',
          city: options.city ?? null,
          mode: options.mode,
          tts: true,
          audio: { sampleRate: options.rate },
        }),
      );
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) {
        turn.pcm.push(data);
        return;
      }
      const message = JSON.parse(data.toString('utf8')) as ServerMessage;
      switch (message.type) {
        case 'session.ready':
          ws.send(JSON.stringify({ type: 'user.text', text: question, final: true }));
          return;
        case 'answer.end':
          turn.answer = message;
          if (!speaking && turn.ttsError !== null) finish(null);
          return;
        case 'tts.start':
          speaking = true;
          turn.sampleRate = message.sampleRate;
          return;
        case 'tts.end':
          finish(null);
          return;
        case 'error':
          if (message.code === 'TTS_UNAVAILABLE') {
            turn.ttsError = message.message;
            if (speaking || turn.answer) finish(null);
          } else if (message.fatal || message.turnId !== undefined) {
            finish(new Error(`${message.code}: ${message.message}`));
          } else {
            process.stderr.write(`voice: ${message.code}: ${message.message}\n`);
          }
          return;
        default:
          return;
      }
    });
  });
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      city: { type: 'string' },
      mode: { type: 'string', default: 'standard' },
      out: { type: 'string', default: 'answer.wav' },
      url: { type: 'string' },
      rate: { type: 'string', default: '16000' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const question = positionals.join(' ').trim();
  const rate = Number(values.rate);
  if (
    values.help ||
    question === '' ||
    (rate !== 8000 && rate !== 16000) ||
    !['standard', 'easy'].includes(values.mode)
  ) {
    console.error(USAGE);
    return 2;
  }

  let url = values.url;
  let stop: () => Promise<void> = async () => undefined;
  if (!url) {
    const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
    const log = createLogger('warn', (line) => process.stderr.write(`${line}\n`));
    const handlers = handlersOf(await createServices(config, { log, dataDir: null }));
    const server = await createServer({ config, log, handlers });
    url = `ws://127.0.0.1:${server.port}/ws/voice`;
    stop = async () => void (await server.close());
  }

  try {
    const turn = await askOverVoice(url, question, { city: values.city, mode: values.mode, rate });
    if (!turn.answer) throw new Error('voice: no answer arrived.');
    console.log(turn.answer.answer);
    for (const citation of turn.answer.citations) {
      console.log(`  依据：《${citation.document}》${citation.path.join(' › ')}  ${citation.url}`);
    }
    if (turn.ttsError !== null) {
      console.error(`voice: no audio written: ${turn.ttsError}`);
      return 1;
    }
    const pcm = Buffer.concat(turn.pcm);
    fs.writeFileSync(values.out, Buffer.concat([wavHeader(pcm.length, turn.sampleRate), pcm]));
    const seconds = pcm.length / 2 / turn.sampleRate;
    console.log(`\n${values.out}: ${seconds.toFixed(2)} s, ${turn.sampleRate} Hz mono 16-bit`);
    return 0;
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

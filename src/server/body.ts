// Reads a request body as UTF-8 text up to a byte limit, refusing larger ones while they stream (413 PAYLOAD_TOO_LARGE).
import type { Context } from 'hono';
import type { AppEnv } from './env.ts';
import { AppError } from '../errors.ts';

const decoder = new TextDecoder();

/**
 * The body as text (a BOM is dropped, bytes that are not UTF-8 become U+FFFD), at most `maxBytes`. A declared
 * Content-Length over the limit is refused before anything is read; an undeclared or understated body is cut off as
 * soon as it passes the limit. Unlike hono/body-limit this never builds a second Request around the body (in Node 20
 * `new Request(request, …)` kept about 2 KB per request alive, which grew the heap under load).
 */
export async function readBody(c: Context<AppEnv>, maxBytes: number): Promise<string> {
  return decoder.decode(await readBodyBytes(c, maxBytes));
}

/** The body's bytes, at most `maxBytes` (the same refusals as readBody). */
export async function readBodyBytes(c: Context<AppEnv>, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `请求体最多 ${maxBytes} 字节。`);
  const declared = c.req.header('content-length');
  if (declared !== undefined && !(Number(declared) <= maxBytes)) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Under @hono/node-server the Node request is at hand: reading it directly skips building a web stream per request.
  const incoming = c.env?.incoming;
  if (incoming && !incoming.readableEnded && incoming.readableFlowing === null) {
    for await (const chunk of incoming as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        incoming.resume();
        throw tooLarge();
      }
      chunks.push(chunk);
    }
  } else {
    const stream = c.req.raw.body;
    if (!stream) return new Uint8Array(new ArrayBuffer(0));
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        void reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A JSON body of at most `maxBytes`, sent as application/json (415 otherwise; 400 BAD_JSON when it does not parse). */
export async function readJson(c: Context<AppEnv>, maxBytes: number): Promise<unknown> {
  const declared = Number(c.req.header('content-length'));
  if (declared > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `请求体最多 ${maxBytes} 字节。`);
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 application/json 发送请求体。');
  }
  const text = await readBody(c, maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('BAD_JSON', '请求体不是有效的 JSON。');
  }
}

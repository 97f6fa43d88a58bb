// A per-request deadline: a request whose body arrives too slowly or whose handler takes too long gets 503 TIMEOUT.
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.ts';

/**
 * Races the rest of the chain against `ms`. Synchronous work (an ask) cannot be pre-empted, but a slow request body
 * (a client trickling bytes) or any awaited step can, and the client gets a clear error instead of a hung socket.
 */
export function requestTimeout(ms: number): MiddlewareHandler {
  return async (_c, next) => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new AppError('TIMEOUT', `请求在 ${Math.max(1, Math.ceil(ms / 1000))} 秒内没有完成，请重试。`, 1)),
        ms,
      );
    });
    try {
      await Promise.race([next(), deadline]);
    } finally {
      clearTimeout(timer);
    }
  };
}

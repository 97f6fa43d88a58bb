// Chooses the recogniser the config names (ASR, ASR_URL): none, a FunASR server or a sherpa-onnx server.
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { funasrDialect } from './funasr.ts';
import type { Recognizer } from './recognizer.ts';
import { sherpaDialect } from './sherpa.ts';
import { WsRecognizer } from './ws-recognizer.ts';

/** The configured recogniser, or null for ASR=none (audio then gets ASR_UNAVAILABLE). */
export function createRecognizer(
  config: Pick<Config, 'asr' | 'limits'>,
  hotwords: Readonly<Record<string, number>>,
  log?: Logger,
): Recognizer | null {
  const { backend, url } = config.asr;
  if (backend === 'none' || url === null) return null;
  return new WsRecognizer({
    url,
    dialect: backend === 'funasr' ? funasrDialect(hotwords) : sherpaDialect,
    timeoutMs: config.limits.asrTimeoutMs,
    concurrency: config.limits.asrConcurrency,
    log,
  });
}

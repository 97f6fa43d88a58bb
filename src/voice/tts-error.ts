// Why server speech failed, shared by the synthesizer, the WAV reader and the turns that speak.

export type TtsFailure = 'missing' | 'timeout' | 'busy' | 'aborted' | 'failed';

export class TtsError extends Error {
  override name = 'TtsError';
  constructor(
    readonly reason: TtsFailure,
    message: string,
  ) {
    super(message);
  }
}

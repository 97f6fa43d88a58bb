// What the screen-reader test hears: the utterances in Orca's debug file, read the way Orca 43 writes them.
import { describe, expect, it } from 'vitest';
import { parseSpeech } from './desktop.ts';

describe('parseSpeech', () => {
  it('reads each SPEECH OUTPUT record, with or without voice settings, across continuation lines, and skips key echo', () => {
    const log = [
      "02:02:07.184529 - WEB SAY ALL: [link | 跳到提问框] 'link' (0-5, current: 0)",
      "02:02:07.186029 - SPEECH OUTPUT: 'link'",
      "02:02:07.190000 - SPEECH OUTPUT: '20 条结果，第一条：双鸭山，3. 加快发展残疾人托养和照护服务'{'established': False}",
      "02:02:07.191000 - SPEECH OUTPUT: 'It's here'{'established': False}",
      "02:02:07.192000 - SPEECH OUTPUT: 'return ' {'established': False}",
      "02:02:07.193000 - SPEECH OUTPUT: 'first line",
      "                  second line' voice=uppercase{'average-pitch': 7.0}",
      '02:02:07.194000 - SPEECH GENERATOR: Results:',
    ].join('\n');
    expect(parseSpeech(log)).toEqual([
      'link',
      '20 条结果，第一条：双鸭山，3. 加快发展残疾人托养和照护服务',
      "It's here",
      'first line\nsecond line',
    ]);
  });
});

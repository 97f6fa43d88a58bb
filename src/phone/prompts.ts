// What the phone line says besides answers: one table, so the wording can be reviewed in one place.
import { HOTLINE } from '../answer/compose.ts';

export const PROMPTS = {
  greeting: '您好，这里是残疾人政策问答。请说出您的问题；转人工请按零，重听请按星号。',
  handoff: '好的，正在为您转接人工服务，请稍候。',
  notHeard: '抱歉，没有听清，请再说一遍。',
  asrDown: `抱歉，语音识别暂时不可用。正在为您转接人工服务，您也可以拨打${HOTLINE}残疾人服务热线。`,
  busy: `抱歉，现在来电较多。正在为您转接人工服务，您也可以拨打${HOTLINE}残疾人服务热线。`,
  idle: '很久没有听到您的声音，为您转接人工服务。',
  tooLong: '通话时间较长，为您转接人工服务。',
  tooMuchAudio: '您的问题有点长，我先听到这里。',
  nothingToRepeat: '还没有回答过问题。请说出您的问题。',
} as const;

export type PromptName = keyof typeof PROMPTS;

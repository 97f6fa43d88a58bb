// The parser's and corpus:check's messages (English, for developers) as Chinese sentences for staff reading a report.
// A message with no entry here is shown as it is.

const SENTENCES: [RegExp, string][] = [
  [/^line is in no clause and not skipped: "(.*)"$/s, '这一行没有归入任何条款：“$1”。请检查它的编号或格式。'],
  [
    /^duplicate clause id (\S+) \(first at line (\d+)\)$/,
    '条款编号 $1 重复（第一次出现在第 $2 行），请检查编号是否写重。',
  ],
  [/^clause id (\S+) is used twice \(renamed (\S+)\)$/, '条款编号 $1 用了两次，第二处暂记为 $2。'],
  [/^clause (\S+) is empty$/, '条款 $1 没有内容。'],
  [/^clause (\S+) has (\d+) characters \(limit (\d+)\)$/, '条款 $1 有 $2 个字，超过一条引用的上限 $3 字，请分段。'],
  [/^chapter (\S+) follows chapter (\d+)$/, '章的编号不连续：“$1”排在第 $2 章之后。'],
  [/^section (\S+) follows section (\d+)$/, '节的编号不连续：“$1”排在第 $2 节之后。'],
  [/^article (\S+) follows article (\d+)$/, '条的编号不连续：“$1”排在第 $2 条之后。'],
  [/^item (\d+) follows item (\d+)$/, '条目编号不连续：第 $1 项排在第 $2 项之后。'],
  [/^box entry (\d+) follows (\d+)$/, '专栏条目编号不连续：第 $1 项排在第 $2 项之后。'],
  [/^专栏(\d+) follows 专栏(\d+)$/, '专栏编号不连续：专栏$1 排在专栏$2 之后。'],
  [/^"(.+)" does not continue item (\d+); joined as text$/, '“$1”不接第 $2 项的编号，已并入上一条的正文。'],
  [
    /^line looks like chapter (\S+) out of order; joined to the clause before$/,
    '这一行像是编号错位的“$1”，已并入上一条的正文。',
  ],
  [/^box entries without a 专栏 heading; read as 专栏(\d+)$/, '这里的专栏条目没有“专栏”标题，按专栏$1 收录。'],
  [/^field (\S+) is empty$/, '办事指南的“$1”一栏没有内容，请补上或删去这一栏。'],
  [
    /^no guide field \(.*\) found$/,
    '没有找到办事指南的栏目（事项名称、申请材料、办理时限……）。如果这不是办事指南，请把类型改为规划、实施细则或通知。',
  ],
];

/** The Chinese sentence for one report message. */
export function sentence(message: string): string {
  for (const [pattern, template] of SENTENCES) if (pattern.test(message)) return message.replace(pattern, template);
  return message;
}

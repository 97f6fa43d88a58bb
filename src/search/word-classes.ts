// The word classes the query analysis reads (src/search/analyze.ts): quantities, jieba's function tags, words that tell
// who is spoken of or how they are, a word for any policy, and the heads of what the plans provide.

/** A word or a stretch of Han characters only (no digits, letters or marks). */
export const HAN_ONLY = /^\p{Script=Han}+$/u;
/** Quantities (二十多岁, 3个月, 5000元, 两级, 三个): conditions and facts, read by the engine, not topics to match. */
export const QUANTITY =
  /^[\d一二三四五六七八九十两几百千万]+(?:多|来|余)?(?:周岁|岁|年|个月|月|天|日|级|户|人|次|元|块|万|个|项|名|位|家|所|处)?$/;
/** jieba's tags of a noun, and of an abbreviation (房贷, 医保), which names a thing too. */
export const NOUNISH = (tag: string) => tag.startsWith('n') || tag === 'j';
/**
 * jieba's tags of words that say when, how much or how the asker speaks, never what about: time (以后, 平时, 去年),
 * locality, numeral, quantifier, pronoun, conjunction, preposition, particle, modal particle. Not adverbs: jieba tags
 * some topics so out of context (高速 in 上高速).
 */
export const FUNCTION_TAGS = new Set('t tg f m mq q r rr rz c p u ud uj ul uv uz y e o'.split(' '));
/**
 * A place described by what is done there (能干点活的地方, 托养的地方, 读书的屋子): the asker's "somewhere", not the plans'
 * 地方 (地方病, 地方标准: local).
 */
export const SOMEWHERE = /^(?:地方|地儿|屋子|房间)$/;
/** After an event (出院以后, 退休后): a word the plans never use before it says when, not what is asked about. */
export const AFTER = /^(?:以后|之后|后(?![续期来面]))/;
/** Who said or was told something (村里人说有补贴, 跟大夫说): a word the plans never use before 说 is a speaker. */
export const SAYS = /^(?:跟我|对我|给我|和我)?说(?!明)/;
/** A place where a thing is done (盲人按摩|店, 康复|馆): the thing done there, not another kind of thing. */
export const SERVICE_PLACE = /^[店馆铺室站点所]$/;
/** A child or another person said to be or to have got something (孩子是, 她得了): what follows is how they are. */
export const PERSON_IS =
  /(?:孩子|娃|儿子|女儿|闺女|他|她|孙子|孙女|外孙女?|老伴儿?|老头子?|媳妇|爱人|丈夫|妻子|爸|妈|父亲|母亲)(?:是|得了|患了|患有|查出来?是)$/;
/**
 * A disability told in the asker's words (腿脚残疾, 眼睛残疾, 腿脚有毛病): how the person is, not a thing the plans
 * lack.
 */
export const DISABLED = /..残疾$|^老?毛病$/;
/** What the plans provide, by its word's head (护理补贴, 康复救助, 托养服务, 养老保险). */
export const PROVIDED = /..(?:补贴|补助|津贴|救助|资助|服务|保险|优待|优惠|援助|培训)$/;
/** A count before a word (几, 两只, 三十头): the animals after it are counted. */
export const COUNTED = /[\d一二两三四五六七八九十几百千万]+[头只匹条口群]?$/;
/** Animals raised for a living, and the verb right before one that says the asker raises them (养羊, 喂猪, 放牛). */
export const RAISING = /^.?[养喂放]([牛羊猪鸡鸭鹅兔马驴])$/;
/** Saying anything will do (做甚都行, 干啥也可以). */
export const ASSENT = /^[都也就还](?:行|好|成|中|可以|能行)$/;
/** Nouns that name no thing of their own (给残疾人找工作的事情, 就业的门路): what they stand for is said around them. */
export const GENERIC = /^(?:事情|事儿|东西|玩意儿?|门路|路子|出路)$/;
/**
 * Verbs of getting or asking for a benefit (拿到, 领到, 获得, 还给 as 还 + 给): they name how it is had, not what it is
 * for.
 */
export const GETTING = /^[还再也都就才]?[拿领得获取享申要给发办]/;
/** A word that asks (几岁, 多大, 啥时候): never a plan word mis-heard (几岁 sounds like 脊髓). */
export const QUESTION_WORD = /^(?:几|多少|多大|多久|多长|什么|啥|哪|怎|谁)/;
/** Words for a policy of any kind (各有啥政策, 有什么规定): the topic they are asked of is said before them. */
export const ANY_POLICY = /^(?:政策|规定|措施|安排|办法|打算|举措|做法)$/;
/** How a person or a thing is, said after it (身体也不好, 腿一直不行): the word before is told, not asked about. */
export const STATE = /^(?:也|都|还|一直|又)?(?:不好|不太好|不行|不大好|很差|不舒服)/;

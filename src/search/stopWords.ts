/**
 * Words that carry no topic: function words (dropped from articles and
 * queries alike) and the words of a question (dropped from queries, so that
 * "西宁今年发放了多少观影消费券？" is searched as its content words).
 * Kept short on purpose: a content word wrongly listed here can never be found.
 */

const FUNCTION_WORDS = [
  '的', '了', '着', '过', '和', '与', '及', '或', '是', '在', '也', '都', '就', '还', '又', '并', '而',
  '之', '其', '于', '以', '由', '从', '向', '到', '对', '为', '把', '被', '将', '给', '让', '等', '等等',
  '这', '那', '这个', '那个', '这些', '那些', '这样', '那样', '此', '该', '各', '每',
  '我', '你', '他', '她', '它', '我们', '你们', '他们', '她们', '它们', '咱们', '自己',
  '个', '们', '地', '得', '啊', '呀', '吧', '哦', '嗯', '么', '吗', '呢', '嘛',
  '一个', '一些', '有', '没有', '以及', '及其', '并且', '而且', '但是', '但', '如果', '因为', '所以',
];

/** Words that only make a query a question. */
const QUESTION_WORDS = [
  '多少', '几', '几个', '什么', '啥', '怎么', '怎么样', '怎样', '如何', '为什么', '为何', '哪', '哪些', '哪里',
  '哪儿', '哪个', '谁', '是否', '是不是', '有没有', '能否', '可以', '请问', '想', '知道', '关于', '吗', '呢',
];

const STOP = new Set(FUNCTION_WORDS);
const QUESTION = new Set(QUESTION_WORDS);

/** Is `word` (folded) a function word, dropped from both articles and queries? */
export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

/** Is `word` (folded) only there to make a question, dropped from queries? */
export function isQuestionWord(word: string): boolean {
  return QUESTION.has(word);
}

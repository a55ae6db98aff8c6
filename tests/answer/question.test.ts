import { describe, expect, it } from 'vitest';
import { readQuestion } from '../../src/answer/index.js';
import { createTokenizer } from '../../src/search/index.js';

const tokenizer = createTokenizer();
const read = (question: string) => readQuestion(question, tokenizer.tag);

describe('what a question asks, apart from what it is about', () => {
  it.each([
    // 一共 and 了 are scaffolding; 多少个 asks a count in 个.
    ['最美驿站全国一共评了多少个', { asked: 'count', unit: '个', noun: null, about: '最美驿站全国评', asking: '多少个', lead: null }],
    // 多高 asks a measure; 有 goes with it.
    ['硼酸纯度有多高', { asked: 'measure', unit: null, noun: null, about: '硼酸纯度', asking: '有多高', lead: null }],
    // 是…的 around 谁 is scaffolding.
    ['储能专利导航是谁发布的', { asked: 'person', unit: null, noun: null, about: '储能专利导航发布', asking: '谁', lead: null }],
    // 项 is not a unit here: jieba reads 项目 whole; the thing counted is 线索.
    ['城西区招商引进了多少项目线索', { asked: 'count', unit: null, noun: '线索', about: '城西区招商引进项目线索', asking: '多少', lead: null }],
    ['移动公司的云平台多久建成的', { asked: 'duration', unit: null, noun: null, about: '移动公司云平台建成', asking: '多久', lead: null }],
    ['欢乐跑下雨了吗', { asked: 'yesno', unit: null, noun: null, about: '欢乐跑下雨', asking: '吗', lead: null }],
    ['禁毒宣传去了哪些学校', { asked: 'list', unit: null, noun: '学校', about: '禁毒宣传去学校', asking: '哪些', lead: null }],
    // 那个 points, 叫什么名字 asks a person.
    ['那个直播卖烤肠的主播叫什么名字', { asked: 'person', unit: null, noun: null, about: '直播卖烤肠主播', asking: '叫什么名字', lead: null }],
    // 前 stands before the number asked for (前17名).
    ['吾悦广场跑步比赛前多少名有奖', { asked: 'count', unit: '名', noun: null, about: '吾悦广场跑步比赛前有奖', asking: '多少名', lead: '前' }],
    // 那几个 points: 多少钱 is what is asked, in 元.
    ['那几个网络主播最后拿到多少钱', { asked: 'count', unit: '元', noun: null, about: '网络主播最后拿到', asking: '多少钱', lead: null }],
    // 叫 goes with 什么: a name is asked (jieba cuts 小 程序).
    ['城西区的招商小程序叫什么', { asked: 'what', unit: null, noun: '程序', about: '城西区招商小程序', asking: '什么', lead: null }],
    ['护学岗什么时候上线', { asked: 'time', unit: null, noun: null, about: '护学岗上线', asking: '什么时候', lead: null }],
    // 这几天 is 最近 (the search lists the latest first), not a length of time asked for.
    ['这几天禁毒有什么动作', { asked: 'what', unit: null, noun: '动作', about: '最近禁毒动作', asking: '什么', lead: null }],
    ['这段时间西宁有什么新闻', { asked: 'what', unit: null, noun: '西宁', about: '最近西宁', asking: '什么', lead: null }],
    // A word, 不, the word again asks a yes or a no.
    ['物业的投诉多不多', { asked: 'yesno', unit: null, noun: null, about: '物业投诉', asking: '多不多', lead: null }],
    ['网上办理方便不方便', { asked: 'yesno', unit: null, noun: null, about: '网上办理', asking: '方便不方便', lead: null }],
    // 多吗 asks whether there are many: 多 is no word of the topic.
    ['供暖投诉多吗', { asked: 'yesno', unit: null, noun: null, about: '供暖投诉', asking: '多吗', lead: null }],
    ['西宁的公园多吗？', { asked: 'yesno', unit: null, noun: null, about: '西宁公园', asking: '多吗', lead: null }],
  ])('%s', (question, reading) => {
    expect(read(question)).toEqual(reading);
  });

  it('reads a text without a way of asking as no question, unless it ends with a question mark', () => {
    expect(read('护学岗')).toBeNull();
    expect(read('几乎没有人')).toBeNull();
    expect(read('一不做二不休')).toBeNull();
    expect(read('护学岗上线了？')).toMatchObject({ asked: 'what', about: '护学岗上线' });
  });
});

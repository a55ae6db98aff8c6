import { describe, expect, it } from 'vitest';
import { buildSnippet, createTokenizer, type Token } from '../../src/search/index.js';

const { folder } = createTokenizer();
const han = (text: string): Token => ({ text, kind: 'han' });

describe('buildSnippet', () => {
  it('wraps every match in the sentence around it and keeps the sentence whole', () => {
    const body = '开学第一天。民警在护学岗值守，护学岗旁还有志愿者。下午天气晴。';
    expect(buildSnippet(body, [han('护学岗')], folder)).toBe(
      '民警在<b>护学岗</b>值守，<b>护学岗</b>旁还有志愿者。下午天气晴。',
    );
  });

  it('highlights the original characters of a folded match (full width, Traditional, case)', () => {
    expect(buildSnippet('对网吧、ＫＴＶ等场所检查。', [{ text: 'ktv', kind: 'latin' }], folder)).toBe(
      '对网吧、<b>ＫＴＶ</b>等场所检查。',
    );
    expect(buildSnippet('5名網絡主播申请仲裁。', [han('网络'), han('主播')], folder)).toBe(
      '5名<b>網絡</b><b>主播</b>申请仲裁。',
    );
  });

  it('matches numbers whole: 1215 is not highlighted inside 12150', () => {
    expect(buildSnippet('来电12150件，其中1215件已办结。', [{ text: '1215', kind: 'number' }], folder)).toBe(
      '来电12150件，其中<b>1215</b>件已办结。',
    );
  });

  it('escapes article text for HTML', () => {
    expect(buildSnippet('构建起"电解铝<一>铝合金"&产业链。', [han('电解铝')], folder)).toBe(
      '构建起&quot;<b>电解铝</b>&lt;一&gt;铝合金&quot;&amp;产业链。',
    );
  });

  it('cuts a long sentence to about 120 characters around the densest cluster, with ellipses', () => {
    const filler = '甲乙丙丁戊己庚辛壬癸'.repeat(10);
    const body = `${filler}观影${filler}消费券观影${filler}。`;
    const snippet = buildSnippet(body, [han('观影'), han('消费券')], folder);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('<b>消费券</b><b>观影</b>');
    expect(snippet.replace(/<\/?b>|…/g, '').length).toBeLessThanOrEqual(120);
  });

  it('shows the opening sentences when nothing matches in the body (a title match)', () => {
    expect(buildSnippet('第一句。第二句。', [han('标题词')], folder)).toBe('第一句。第二句。');
  });
});

describe('buildSnippet on a giant article', () => {
  /** Sentences holding none of the searched words. */
  const filler = (sentences: number) => '今天天气晴朗，气温适宜出行。'.repeat(sentences);
  const story = '市民反映小区路灯不亮。维修人员当天到场，更换了三盏路灯，居民夜间出行方便了。';

  it('gives the snippet the same text gives in a normal-size article when the match is inside the window', () => {
    const normal = `${filler(20)}${story}${filler(20)}`;
    const giant = `${filler(1500)}${story}${filler(1500)}`;
    expect(giant.length).toBeGreaterThan(40_000);
    const expected = buildSnippet(normal, [han('路灯')], folder);
    expect(expected.startsWith('市民反映小区<b>路灯</b>不亮。维修人员当天到场，更换了三盏<b>路灯</b>，居民夜间出行方便了。今天天气晴朗')).toBe(true);
    expect(buildSnippet(giant, [han('路灯')], folder)).toBe(expected);
  });

  it('finds a Traditional match in a giant article through the fold, as in a normal-size one', () => {
    const story = '市民反映小區路燈不亮。';
    const snippet = buildSnippet(`${filler(1500)}${story}${filler(1500)}`, [han('路灯')], folder);
    expect(snippet.startsWith('市民反映小區<b>路燈</b>不亮。今天天气晴朗')).toBe(true);
    expect(snippet).toBe(buildSnippet(`${filler(20)}${story}${filler(20)}`, [han('路灯')], folder));
  });

  it('shows the opening of a giant article whose only occurrence is no whole match', () => {
    const giant = `${filler(1500)}来电12150件。${filler(1500)}`;
    expect(buildSnippet(giant, [{ text: '1215', kind: 'number' }], folder)).toBe(buildSnippet(filler(20), [{ text: '1215', kind: 'number' }], folder));
  });

  it('cuts a giant one-line sentence around the match, with ellipses, as in a normal-size one', () => {
    const line = (times: number) => `${'甲乙丙丁戊己庚辛壬癸'.repeat(times)}路灯${'甲乙丙丁戊己庚辛壬癸'.repeat(times)}。`;
    const snippet = buildSnippet(line(2000), [han('路灯')], folder);
    expect(snippet).toMatch(/^…[甲乙丙丁戊己庚辛壬癸]{39}<b>路灯<\/b>[甲乙丙丁戊己庚辛壬癸]{79}…$/u);
    expect(snippet).toBe(buildSnippet(line(100), [han('路灯')], folder));
  });
});

import { describe, expect, it } from 'vitest';
import { composePrintedPage } from '../../src/corpus/index.js';
import type { PrintedLine } from '../../src/types.js';

/** A line of 9-pt body type (or `size`) at x, y; width from the characters (full-width 1 em, others half). */
function line(text: string, x: number, y: number, size = 9, bold = false): PrintedLine {
  const ems = [...text].reduce((sum, c) => sum + (/[\x20-\x7e]/u.test(c) ? 0.5 : 1), 0);
  return { text, x, y, width: ems * size, height: size, size, bold };
}

/** Lines of one column from y, 13.5 pt apart. */
function column(x: number, y: number, texts: readonly string[]): PrintedLine[] {
  return texts.map((text, i) => line(text, x, y + i * 13.5));
}

const page = (lines: PrintedLine[]) => composePrintedPage({ width: 600, height: 800, lines });

describe('composePrintedPage: positioned lines → page text', () => {
  it('reads a story column after column: a paragraph running from the foot of one column goes on at the head of the next', () => {
    // column 1 (x 40) opens with an indent and ends mid-sentence; column 2 (x 162) goes on unindented, then indents
    const lines = [
      line('全市学校护学岗将准时上线', 40, 40, 20),
      line('站好护学岗，撑起平安', 58, 80),
      line('伞。开学在即，西宁公', 40, 93.5),
      line('安倾力护航，全市学校', 40, 107),
      line('护学岗将准时上线。', 162, 80),
      line('在开学前期，各分局', 180, 93.5),
      line('开展排查。', 162, 107),
    ];
    expect(page(lines)).toBe(
      '# 全市学校护学岗将准时上线\n\n站好护学岗，撑起平安伞。开学在即，西宁公安倾力护航，全市学校护学岗将准时上线。\n\n在开学前期，各分局开展排查。\n',
    );
  });

  it('sets a headline block: kicker above the largest type, subtitle below, punctuation or not', () => {
    const lines = [
      line('为民办实事，解民生难题', 40, 40, 13),
      line('深化青港合作 共谱发展新篇', 40, 58, 26),
      line('——记一线服务，十年如一日', 40, 92, 13),
      ...column(40, 120, ['本报讯（记者 张三）日前，全国总工会', '发布了全国最美工会户外劳动者服务', '站点名单。']),
    ];
    expect(page(lines)).toBe(
      '为民办实事，解民生难题\n# 深化青港合作 共谱发展新篇\n——记一线服务，十年如一日\n\n本报讯（记者 张三）日前，全国总工会发布了全国最美工会户外劳动者服务站点名单。\n',
    );
  });

  it('keeps two stories set side by side apart, headlines with their bodies, and reads the masthead as one line', () => {
    const lines = [
      line('西宁晚报', 40, 10, 11, true),
      line('2025年2月21日 星期五', 250, 10, 10),
      line('第3版 要闻', 520, 10, 10),
      line('左边的标题', 40, 50, 20),
      line('右边的标题', 320, 50, 20),
      ...column(40, 85, ['左边的正文第一行，', '左边的正文结束。']),
      ...column(320, 85, ['右边的正文第一行，', '右边的正文结束。']),
    ];
    expect(page(lines)).toBe(
      '西宁晚报 2025年2月21日 星期五 第3版 要闻\n\n# 左边的标题\n\n左边的正文第一行，左边的正文结束。\n\n# 右边的标题\n\n右边的正文第一行，右边的正文结束。\n',
    );
  });

  it('reads a headline centred over columns before the columns under it', () => {
    // the centred headline leaves the first gutter open from top to bottom: still headline first
    const lines = [
      line('西宁市安全隐患举报受理情况日报', 150, 40, 15),
      ...column(40, 70, ['2月20日，西宁市共收', '到举报33件，其中']),
      ...column(160, 70, ['热线接收举报28件，', '已及时处理。']),
      ...column(280, 70, ['另有消防救援支队', '接收举报4件。']),
    ];
    expect(page(lines)).toBe(
      '# 西宁市安全隐患举报受理情况日报\n\n2月20日，西宁市共收到举报33件，其中热线接收举报28件，已及时处理。\n\n另有消防救援支队接收举报4件。\n',
    );
  });

  it('marks a bold body-size line as a subhead and a smaller-type line as its own block (a caption)', () => {
    const lines = [
      ...column(40, 40, ['开头的一段话，讲完了。']),
      line('多元解纷 快速响应', 40, 60, 9, true),
      ...column(40, 80, ['后面的一段话，也讲完了。']),
      line('↑活动现场。记者 王五 摄', 40, 100, 7.5),
    ];
    expect(page(lines)).toBe('开头的一段话，讲完了。\n\n**多元解纷 快速响应**\n\n后面的一段话，也讲完了。\n\n↑活动现场。记者 王五 摄\n');
  });

  it('joins the pieces of one line (a PDF draws a line in runs; OCR splits it at a quote), with a space where there was one', () => {
    const lines = [
      line('站好', 58, 40),
      line('“护学岗”，撑起平安伞，', 78, 40),
      line('开学在即。', 40, 53.5),
      line('记者', 58, 67),
      line('张三 李四', 80, 67),
    ];
    expect(page(lines)).toBe('站好“护学岗”，撑起平安伞，开学在即。\n\n记者 张三 李四\n');
  });
});

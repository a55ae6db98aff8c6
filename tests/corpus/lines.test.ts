/**
 * Line-level rules, one table each: bylines, extraction spaces, doubled
 * subheads, OCR-slipped section heads.
 */
import { describe, expect, it } from 'vitest';
import {
  isHotIssueHead,
  reportKind,
  parseBylineLine,
  parseLeadByline,
  parsePhotoCredit,
  parseTailByline,
  removeExtractionSpaces,
  undoubleHeadline,
} from '../../src/corpus/index.js';

describe('bylines', () => {
  it.each([
    ['本报讯(记者 宁亚琴)近日，市禁毒部门', ['宁亚琴'], '近日，市禁毒部门'],
    ['本报讯（记者 咸文静 李永波）为深入贯彻', ['咸文静', '李永波'], '为深入贯彻'],
    ['本报香港讯(特约记者 田得乾 魏慧敏 张鹏)2月21日,', ['田得乾', '魏慧敏', '张鹏'], '2月21日,'],
    ['本报讯(实习记者 周智昂)近日，', ['周智昂'], '近日，'],
    ['本报讯(记者悠然摄影报道)10月16日,', ['悠然'], '10月16日,'],
    ['本报讯（记者 樊娅楠） 12月11日，', ['樊娅楠'], '12月11日，'],
    ['本报讯(记者 王芳 通讯员 李强)近日,', ['王芳', '李强'], '近日,'],
    ['本报讯 近日，城西区', [], '近日，城西区'],
  ])('lead %s', (paragraph, reporters, rest) => {
    expect(parseLeadByline(paragraph)).toEqual({ reporters, rest });
  });

  it.each([
    ['本报记者 咸文静 李永波', ['咸文静', '李永波']],
    ['本报记者 齐延迪', ['齐延迪']],
    ['记者 王芳 文/图', ['王芳']],
    ['本报特约记者 马明', ['马明']],
    ['如何让新就业群体感受到城市的温度?', undefined],
    ['记者了解到', undefined],
  ])('line %s', (line, names) => {
    expect(parseBylineLine(line)).toEqual(names);
  });

  it.each([
    ['(记者 施翔)', ['施翔'], ''],
    ['（记者 刘瑜）', ['刘瑜'], ''],
    ['…提供了有力保障。 (记者 施翔)', ['施翔'], '…提供了有力保障。'],
    ['人均收入可达 2.8 万余元。 （记者 徐顺凯）', ['徐顺凯'], '人均收入可达 2.8 万余元。'],
    ['(实习记者 周智昂)', ['周智昂'], ''],
  ])('tail %s', (paragraph, reporters, rest) => {
    expect(parseTailByline(paragraph)).toEqual({ reporters, rest });
  });

  it.each([
    ['城中区(西宁)生活馆。'],
    ['二十里铺戒毒(康复)工作站'],
  ])('no tail byline in %s', (paragraph) => {
    expect(parseTailByline(paragraph)).toBeUndefined();
  });

  it.each([
    ['←在签到墙前按下彩色手印。本报记者 齐延迪 摄', ['齐延迪']],
    ['↑市民在活动现场合影。 张三 摄', ['张三']],
    ['↑活动现场。城北吾悦供图', []],
    ['中国移动(西宁)绿电智算融合示范基地。受访单位供图', []],
  ])('photo credit %s', (caption, names) => {
    expect(parsePhotoCredit(caption)).toEqual(names);
  });
});

describe('removeExtractionSpaces', () => {
  it.each([
    ['发布 2023 年“最美工会户外劳动者服务站点”', false, '发布2023年“最美工会户外劳动者服务站点”'],
    ['修建草莓育苗拱棚 260 栋（0.5 亩/栋），', false, '修建草莓育苗拱棚260栋（0.5亩/栋），'],
    ['11 月10 日，在农业农村部网站', false, '11月10日，在农业农村部网站'],
    ['- 1. 物业管理 64件, 无集中反映问题, 12345 政务服务', false, '- 1.物业管理64件,无集中反映问题,12345政务服务'],
    ['"十五五" 又将扬帆启航', false, '"十五五"又将扬帆启航'],
    ['抓统筹、抓关 、牵头部门', false, '抓统筹、抓关、牵头部门'],
    ['市或各县(区) 园区应急管理', false, '市或各县(区)园区应急管理'],
    ['擘画的 宏伟蓝图变为美好现实是必须履行的政 治责任', true, '擘画的宏伟蓝图变为美好现实是必须履行的政治责任'],
    ['“‘新’心相印 聚力同行”主题联谊活动', false, '“‘新’心相印 聚力同行”主题联谊活动'],
    ['用朴实的语言 and 专业的讲解', true, '用朴实的语言 and 专业的讲解'],
    ['“青春有young 活力未来 超FUN五一欢乐跑”', false, '“青春有young 活力未来 超FUN五一欢乐跑”'],
  ])('%s (between Han: %s)', (text, betweenHan, expected) => {
    expect(removeExtractionSpaces(text, { betweenHan })).toBe(expected);
  });
});

describe('undoubleHeadline', () => {
  it.each([
    ['党建引领聚人气党建引领聚人气 市民下乡助振兴市民下乡助振兴', '党建引领聚人气 市民下乡助振兴'],
    ['党建引领聚人才 能人回乡强振兴', '党建引领聚人才 能人回乡强振兴'],
    ['哈哈', '哈哈'],
  ])('%s', (line, expected) => {
    expect(undoubleHeadline(line)).toBe(expected);
  });
});

describe('isHotIssueHead', () => {
  it.each([
    ['热点问题:', true],
    ['热点问题：', true],
    ['执占问题.', true], // OCR slip seen on a real page
    ['热点冋题', true],
    ['集中问题', true],
    ['热点', false],
    ['无集中反映问题', false],
    ['1.消费维权86件,无集中反映问题', false],
  ])('%s → %s', (line, expected) => {
    expect(isHotIssueHead(line)).toBe(expected);
  });
});

describe('reportKind', () => {
  it.each([
    ['西宁市党建引领“有诉必应马上办”机制创新工作日报', '2月20日,12345政务服务便民热线接听群众来电诉求992件次,网民留言45件。', 'hotline'],
    ['西宁市安全隐患举报受理情况日报', '2月20日,西宁市共收到安全隐患举报33件,其中12345政务服务便民热线接收举报28件。', 'safety'],
    ['', '10月15日,12345政务服务便民热线接听群众来电诉求1215件次。', 'hotline'], // heading lost
    // an article about the hotline is not its daily report
    ['12345热线这一年', '2024年,12345政务服务便民热线共接听群众来电诉求120万件次,办结率99%。', null],
    ['西宁市空气质量日报', '3月2日,全市空气质量为良。', null],
  ])('%s → %s', (title, body, kind) => {
    expect(reportKind(title, body)).toBe(kind);
  });
});

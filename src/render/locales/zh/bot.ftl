# Chinese (default). Variables arrive HTML-escaped; numbers as plain digits.

start-welcome =
    你好，{ $name }！我是<b>西宁晚报</b>读报助手。

    直接发给我一个词，就能在报纸里搜索，例如：<code>护学岗</code>
    /latest 看最新文章，/hotline 看 12345 热线日报，/help 查看全部命令。
reader = 读者

small-talk-greeting =
    你好，{ $name }！直接发给我一个词，就能在报纸里搜索，例如：<code>护学岗</code>
    也可以直接提问，例如：<code>昨天12345热线接了多少电话</code>
    /help 查看全部命令。
small-talk-thanks = 不客气！想查什么，随时发个词给我。
small-talk-ok = 👌 想查什么，随时发个词给我，例如：<code>护学岗</code>
small-talk-goodbye = 再见，{ $name }！想找报纸上的文章，随时回来。
small-talk-no-words = 发给我一个词或一个问题，我在报纸里帮你找，例如：<code>护学岗</code>

date-unknown = 日期不详
paper-name = 西宁晚报
edition-day = { $year }年{ $month }月{ $day }日
edition-day-estimated = 约{ $year }年{ $month }月{ $day }日
edition-page = { $lettered ->
    [yes] { $page }版
   *[no] 第{ $page }版
}
span-day = { $year }年{ $month }月{ $day }日
span-month = { $year }年{ $month }月
span-year = { $year }年
span-range = { $since }至{ $until }
span-since = { $since }以来
span-until = { $until }以前
list-separator = 、
list-more = 等另外 { $n } 个

search-header = 🔎 “{ $query }”：共 { $total } 篇，第 { $page }/{ $pages } 页
search-header-span = 🔎 “{ $query }” · { $span }：共 { $total } 篇，第 { $page }/{ $pages } 页
search-header-newest = 🔎 “{ $query }”：共 { $total } 篇，最新在前，第 { $page }/{ $pages } 页
search-header-span-newest = 🔎 “{ $query }” · { $span }：共 { $total } 篇，最新在前，第 { $page }/{ $pages } 页
newest-header = 🗞 最新文章：共 { $total } 篇，最新在前，第 { $page }/{ $pages } 页
search-nearest = 没有文章包含全部词语，以下是最接近的结果（含有其中较少见的词）。
inline-nearest = ≈ 最接近的结果：没有文章包含全部词语
span-header = 🗓 { $span }的报纸：共 { $total } 篇，最新在前，第 { $page }/{ $pages } 页
no-results-span =
    { $span }的报纸里没有找到与“{ $query }”有关的文章。
    可以去掉时间再搜一次，或者换一个时间，例如“{ $query } 今年”。
span-empty = { $span }的报纸里还没有文章。
span-empty-latest =
    { $span }的报纸里还没有文章。
    最近的几期：{ $dates }；发 <code>/paper 日期</code> 看一期的全部标题。
sort-newest = 🕒 最新优先
sort-relevance = 🎯 按相关度
no-results =
    没有找到与“{ $query }”有关的文章。
    可以试试：
    · 换一个更短的词，例如“护学岗”
    · 少用几个词，一次只搜一件事
    · 检查有没有错别字
search-usage = 请在命令后面写上要搜索的词，例如：<code>/search 护学岗</code>
query-too-long = 搜索词太长了（最多 { $max } 个字），请换一个短一点的词。
search-expired = 这个搜索已过期，请重新搜索
page-turn-none = 还没有可以翻页的搜索：先发几个字搜一搜，比如“热线”。
page-turn-first = 已经是第一页了。
page-turn-last = 没有第 { $page } 页：这个搜索一共 { $pages } 页。
article-missing = 这篇文章已经找不到了，请重新搜索
read-more = 继续阅读 ▶
read-private = 📖 在私聊中读全文

latest-header = 🗞 <b>最新文章</b>
latest-empty = 还没有文章。

paper-header = 🗞 <b>{ $edition }</b> · 共 { $total } 篇
paper-page-unknown = 版次不详
paper-estimated = （这一期的日期是按文中提到的日子估计的）
paper-more = ……还有 { $n } 篇，可以搜索“{ $date }”查看。
paper-none = 还没有注明日期的报纸。
paper-bad-date = “{ $input }”不是日期，请写成 YYYY-MM-DD 或“11月4日”，例如 <code>/paper { $example }</code>
paper-span = “{ $input }”是一段时间：<code>/paper</code> 看一期报纸，例如 <code>/paper { $example }</code>；这段时间的文章请直接发“{ $input }”
paper-unknown-date = 没有 { $date } 的报纸。最近的几期：{ $dates }

article-reporters = 记者：{ $names }

rate-limited = 请慢一点，稍等几秒再发。
error-generic = 抱歉，出了点问题，请稍后再试。
unknown-command = 我不认识这个命令。发送 /help 查看全部命令。
not-text = 我只能读文字。发给我一个词就能搜索，例如：<code>护学岗</code>

inline-read = 📖 阅读全文

answer-source = <i>—— { $title } · { $date }</i>
answer-open-report = 📋 查看完整日报
answer-usage = 请在命令后面写上问题，例如：<code>/ask 全市多少所学校设了护学岗</code>
related-button = 🔗 相关报道
related-header = 🔗 <b>相关报道</b>：{ $title }
related-none = 没有找到相关报道。

# The 📰 buttons that open the reader Mini App (with PUBLIC_URL, in private chats).
reader-paper = 📰 在读报里翻看这一期
reader-results = 📰 在读报里看结果
reader-article = 📰 在读报里读全文
reader-trend = 📰 互动图表
reader-menu = 读报

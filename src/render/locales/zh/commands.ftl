# The command menu (setMyCommands) and /help. Push commands are listed here
# already; their handlers live in push's feature files.
cmd-start = 开始使用
cmd-help = 全部命令
cmd-search = 搜索文章：/search 词
cmd-ask = 提问：/ask 问题
cmd-latest = 最新文章
cmd-paper = 一期报纸的标题：/paper [日期]
cmd-hotline = 12345 热线日报：/hotline [日期]
cmd-trend = 12345 热线趋势图：/trend [天数] [最后一天]
cmd-subscribe = 每天推送热线日报：/subscribe [HH:MM]
cmd-unsubscribe = 取消每日推送
cmd-settings = 我的推送设置
cmd-follow = 关注关键词：/follow 词
cmd-unfollow = 取消关注：/unfollow 词
cmd-follows = 我关注的关键词
cmd-digest = 提醒方式：/digest 即时|每小时|每天 HH:MM
cmd-quiet = 免打扰时段：/quiet 22:00-07:00

help =
    <b>怎么用</b>
    私聊里直接发一个词就是搜索，例如：<code>护学岗</code>
    在任何聊天里输入 <code>@{ $bot } 词</code> 也能搜索。

    /search 词 — 搜索文章（群里用这个，或回复我的消息）
    /ask 问题 — 提问，例如：/ask 昨天12345热线接了多少电话
    /latest [词] — 最新文章（按报纸日期，最新在前）；加上词只看提到它的
    /paper [日期] — 一期报纸的全部标题，按版面排列（默认最新一期）
    搜索词后面可以加时间，例如：<code>护学岗 2025年2月</code>、<code>护学岗 近7天</code>；只发时间就列出那段时间的文章
    /hotline [YYYY-MM-DD] — 12345 热线日报（默认最新一期）
    /trend [天数] [最后一天] — 12345 热线趋势图（默认近 30 天到最新日报，最多 365 天；例如 <code>/trend 30 2025-10-15</code>）
    /subscribe [HH:MM] — 每天定时推送热线日报
    /subscribe weekly [周一] [HH:MM] — 改为每周推送一周的趋势图和合计
    /unsubscribe — 取消每日推送
    /settings — 我的推送设置
    /follow 词 — 关注关键词，有新文章时提醒我
    /unfollow 词 — 取消关注
    /follows — 我关注的关键词
    /digest 即时|每小时|每天 HH:MM — 关注词的提醒：每次导入合成一条，或每小时、每天汇总一条
    /quiet 22:00-07:00 [静音] — 免打扰：这段时间不发（结束后补发），加“静音”则照常发但不响铃；<code>/quiet 关闭</code>
    /help — 显示本帮助

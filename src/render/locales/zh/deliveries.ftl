# How deliveries come: alert digests (/digest), quiet hours (/quiet), and the digest messages.
# Variables arrive HTML-escaped; numbers as plain digits.

digest-head = 🔔 你关注的词有 { $total } 篇新文章：
digest-word = “{ $word }”
digest-rest-head = 🔔 这次提醒的 { $total } 篇文章（第 { $first }–{ $last } 篇）
digest-more-button = ▶ 其余 { $n } 篇
digest-gone = 这次提醒的文章已经找不到了。

alerts-instant = 提醒方式：<b>即时</b>，每次有新版面，把新文章合成一条发来
alerts-hourly = 提醒方式：<b>每小时</b>，整点把这一小时的新文章合成一条发来
alerts-daily = 提醒方式：<b>每天 { $time }</b>（北京时间），把这一天的新文章合成一条发来
digest-usage = 可以改为：<code>/digest 即时</code>、<code>/digest 每小时</code>、<code>/digest 每天 { $time }</code>
digest-done = ✅ 已更改。
digest-bad = “{ $input }”看不懂。请写 <code>/digest 即时</code>、<code>/digest 每小时</code> 或 <code>/digest 每天 { $time }</code>

quiet-none = 免打扰：<b>无</b>
quiet-hold = 免打扰：<b>每天 { $start }–{ $end }</b>（北京时间）不发消息，这段时间的日报和提醒在 { $end } 补发
quiet-silent = 免打扰：<b>每天 { $start }–{ $end }</b>（北京时间）照常发送，但不响铃
quiet-usage = 设置：<code>/quiet 22:00-07:00</code>（结束后补发），<code>/quiet 22:00-07:00 静音</code>（照常发送但不响铃），<code>/quiet 关闭</code>
quiet-done = ✅ 已更改。
quiet-off = ✅ 已关闭免打扰。
quiet-bad = “{ $input }”看不懂。请写成 <code>/quiet 22:00-07:00</code>，照常发送但不响铃：<code>/quiet 22:00-07:00 静音</code>，关闭：<code>/quiet 关闭</code>
quiet-same = 免打扰的开始和结束不能是同一时间（{ $time }）。

topic-summaries = 日报发到本群的话题 #{ $thread }
topic-alerts = 提醒发到本群的话题 #{ $thread }

button-alerts-instant = 即时提醒
button-alerts-hourly = 每小时汇总
button-alerts-daily = 每天汇总
button-quiet-hold = 🌙 { $start }–{ $end } 免打扰
button-quiet-silent = 🔈 { $start }–{ $end } 静音
button-quiet-off = 关闭免打扰

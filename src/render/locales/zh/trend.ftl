trend-chart-title = 12345 热线趋势
trend-chart-subtitle = { $from } 至 { $to } · { $days } 天 · { $reports } 份日报
trend-chart-calls = 来电诉求（件次）
trend-chart-messages = 网民留言（件）
trend-chart-hot = 热点问题：进入当日前三的天数
trend-chart-day-count = { $n } 天
trend-chart-no-hot = 这段时间的日报没有列出热点问题
trend-chart-footer = 数据：西宁晚报刊登的 12345 政务服务便民热线日报

trend-caption-head = 📈 <b>12345 热线 · { $from } 至 { $to }</b>（{ $reports } 份日报）
trend-caption-weekly-head = 📅 <b>12345 热线一周 · { $from } 至 { $to }</b>（{ $reports } 份日报）
trend-caption-calls = 来电诉求：共 { $total } 件次，日均 { $mean }；最高 { $max }（{ $maxDate }），最低 { $min }（{ $minDate }）
trend-caption-messages = 网民留言：共 { $total } 件，日均 { $mean }；最高 { $max }（{ $maxDate }），最低 { $min }（{ $minDate }）
trend-caption-change = 与前 { $days } 天（{ $from } 至 { $to }）相比，日均来电 { $calls }，日均留言 { $messages }
trend-change-up = ▲{ $pct }%
trend-change-down = ▼{ $pct }%
trend-change-same = 持平
trend-change-none = 无可比数据
trend-caption-hot = 热点问题进入前三的天数：
trend-caption-hot-item = { $topic } { $days } 天

trend-none = 还没有 12345 热线日报。
trend-too-few = { $from } 至 { $to } 只有 { $reports } 份热线日报，至少要 2 份才能画出趋势。试试更长的时间，例如 <code>/trend 90</code>
trend-bad-days = “{ $input }”不是天数。请写 1 到 { $max } 之间的整数，例如 <code>/trend 30</code>
trend-busy-reader = 你一分钟内已经要了好几张新图表，请过一分钟再试（画过的图表随时可以再看）。
trend-busy = 现在要看图表的人很多，请过一会儿再发一次。

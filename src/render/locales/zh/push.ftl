# Push: /subscribe, /follow, admin upload and /stats, and the messages push sends.
# Variables arrive HTML-escaped; numbers as plain digits.


subscribe-done =
    ✅ 已订阅：每天 <b>{ $time }</b>（北京时间）推送 12345 热线日报。
    第一期会在下一个 { $time } 送到；现在想看最新一期，请发 /hotline 。
    改时间：再发一次 <code>/subscribe HH:MM</code>；取消：/unsubscribe
subscribe-bad-time =
    “{ $input }”不是一个时间。请写成 <code>/subscribe 07:30</code> 或 <code>/subscribe 早上7点半</code>
subscribe-weekly-done =
    ✅ 已订阅周报：每{ $weekday } <b>{ $time }</b>（北京时间）推送最近一周的 12345 热线趋势图和合计。
    改回每天推送：<code>/subscribe { $time }</code>；取消：/unsubscribe
subscribe-bad-weekly =
    “{ $input }”看不懂。请写成 <code>/subscribe weekly 周一 08:00</code>（星期和时间都可以省略，默认周一 { $time }）
weekday-1 = 周一
weekday-2 = 周二
weekday-3 = 周三
weekday-4 = 周四
weekday-5 = 周五
weekday-6 = 周六
weekday-7 = 周日
unsubscribe-done = 已取消每日推送。想再订阅，发 /subscribe 即可。
unsubscribe-none = 你还没有订阅。发 <code>/subscribe 08:00</code> 即可每天收到热线日报。

settings =
    ⚙️ <b>我的推送设置</b>
    { $weekday ->
        [none] 每日热线日报：{ $time ->
            [none] 未订阅（发 <code>/subscribe 08:00</code> 订阅）
           *[other] 每天 { $time }（北京时间）
        }
       *[other] 热线周报：每{ $weekday } { $time }（北京时间），最近一周的趋势图和合计
    }
    关注的关键词：{ $keywords ->
        [none] 无（发 <code>/follow 词</code> 关注）
       *[other] { $keywords }
    }

summary-heading = 📬 <b>每日热线摘要</b>
button-change-time = ⏰ 改推送时间
button-unsubscribe = 🔕 退订
settings-pick-time = 选一个每天推送的时间（北京时间），其他时间请发 <code>/subscribe HH:MM</code>：
group-admins-only = 只有群管理员可以更改本群的订阅和关注。
follow-usage = 请在命令后面写上要关注的词，可以一次写几个，用空格隔开，例如：<code>/follow 护学岗 物业</code>
follow-added = 🔔 已关注：{ $words }。有新文章提到它们时我会提醒你。
follow-known = 已经在关注：{ $words }
follow-over-limit = 最多关注 { $max } 个词，这些没有加上：{ $words }。先用 /unfollow 取消一些。
follow-too-long = 关键词最长 { $max } 个字：{ $words }
unfollow-usage = 请写上要取消的词，例如：<code>/unfollow 护学岗</code>，全部取消：<code>/unfollow 全部</code>。你关注的词：{ $keywords }
unfollow-done = 已取消关注：{ $words }
unfollow-none = 你没有关注：{ $words }
follows-list = 🔔 你关注的关键词（{ $count }/{ $max }）：{ $keywords }
follows-empty = 你还没有关注关键词。发 <code>/follow 词</code> 关注，例如：<code>/follow 护学岗</code>

alert-head = 🔔 新文章提到了“{ $keyword }”
alert-read = 📖 阅读全文

ingest-not-admin = 只有管理员可以上传报纸版面。想搜索的话，直接发给我一个词。
ingest-too-large = ❌ { $file } 太大了（{ $size } 字节），这种版面文件最多 { $max } 字节（文字 5 MB，PDF 或图片 30 MB）。
ingest-download-failed = ❌ 没能从 Telegram 下载 { $file }，请稍后再发一次。
ingest-empty = ❌ { $file } 是空文件。
ingest-binary = ❌ { $file } 不是版面文件，请发送文字文件（.txt）、PDF 或图片（PNG、JPEG、TIFF）。
ingest-encrypted = ❌ { $file } 是加密的 PDF（需要密码），请发送未加密的版面。
ingest-damaged = ❌ { $file } 已损坏，无法读取。
ingest-not-chinese = ❌ { $file } 看起来不是报纸版面：几乎没有中文。
ingest-unreadable = ❌ 无法读取 { $file }，请检查文件后再试。
ingest-done =
    📥 <b>{ $file }</b>：{ $added ->
        [no] 这个文件以前已经导入过，没有变化。
       *[yes] 已导入。
    }
    新文章 { $articles } 篇，热线日报 { $hotline } 期，安全隐患日报 { $safety } 期。
ingest-read = 🖨 { $method ->
        [pdf] 从 PDF 文字层读出
       *[ocr] 用文字识别（OCR）读出
    }：{ $note }
ingest-warnings = ⚠️ 提示：
ingest-pushed = 新内容已交给推送：符合时间的订阅者会收到日报，关注者会收到提醒。

stats =
    📊 <b>推送统计</b>（今天，北京时间）
    订阅日报：{ $subscribers } 人；关注关键词：{ $followers } 人；已屏蔽机器人：{ $blockedChats } 人
    今天送达：日报 { $summaries } 条，提醒 { $alerts } 条
    今天失败：待重试 { $retrying }，已放弃 { $givenUp }，因屏蔽停止 { $blocked }
    当前认领：{ $claimsHeld } 条（正在发送，或由已退出的进程留下）
stats-not-admin = 只有管理员可以查看统计。

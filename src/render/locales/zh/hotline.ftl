hotline-title = ☎️ <b>12345 热线日报 · { $date }</b>
hotline-compare = 括号里是与 { $date } 相比的变化
hotline-calls = 来电诉求：{ $value ->
    [none] 未报告
   *[other] { $value } 件次
}
hotline-spark = 　近 7 天来电：{ $line }（{ $from } 至 { $to }）
hotline-messages = 网民留言：{ $value ->
    [none] 未报告
   *[other] { $value } 件
}
hotline-channel = 　· { $name }：{ $value } 件
hotline-direct = 直接办理：{ $value ->
    [none] 未报告
   *[other] { $value } 件
}
hotline-transferred = 转交责任单位办理：{ $value ->
    [none] 未报告
   *[other] { $value } 件
}
hotline-callbacks = 回访：{ $value ->
    [none] 未报告
   *[other] { $value } 件
}
hotline-hot-title = 🔥 <b>热点问题</b>
hotline-hot-item = { $rank }. { $topic }：{ $value } 件
change-up = （▲{ $n }）
change-down = （▼{ $n }）
change-same = （持平）
change-new = （新）

safety-title = ⚠️ <b>安全隐患举报 · { $date }</b>
safety-total = 受理举报：{ $value ->
    [none] 未报告
   *[other] { $value } 件
}
safety-source = 　· { $name }：{ $value } 件
safety-topics = 涉及：{ $topics }

hotline-none = 还没有 12345 热线日报。
hotline-bad-date = “{ $input }”不是日期，请写成 YYYY-MM-DD 或“10月15日”“昨天”，例如 <code>/hotline { $example }</code>
hotline-span = “{ $input }”是一段时间：<code>/hotline</code> 看一天的日报，例如 <code>/hotline { $example }</code>；这段时间的趋势请发 <code>/trend { $input }</code>
hotline-unknown-date = 没有 { $date } 的热线日报。已有的日期：{ $dates }

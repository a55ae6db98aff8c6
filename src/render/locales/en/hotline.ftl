hotline-title = ☎️ <b>12345 hotline report · { $date }</b>
hotline-compare = Changes in brackets are against { $date }
hotline-calls = Calls: { $value ->
    [none] not reported
   *[other] { $value }
}
hotline-spark = 　Calls, last 7 days: { $line } ({ $from } to { $to })
hotline-messages = Web messages: { $value ->
    [none] not reported
   *[other] { $value }
}
hotline-channel = 　· { $name }: { $value }
hotline-direct = Handled directly: { $value ->
    [none] not reported
   *[other] { $value }
}
hotline-transferred = Passed on to the responsible unit: { $value ->
    [none] not reported
   *[other] { $value }
}
hotline-callbacks = Callbacks: { $value ->
    [none] not reported
   *[other] { $value }
}
hotline-hot-title = 🔥 <b>Hot issues</b>
hotline-hot-item = { $rank }. { $topic }: { $value }
change-up = {" "}(▲{ $n })
change-down = {" "}(▼{ $n })
change-same = {" "}(unchanged)
change-new = {" "}(new)

safety-title = ⚠️ <b>Safety-hazard reports · { $date }</b>
safety-total = Reports received: { $value ->
    [none] not reported
   *[other] { $value }
}
safety-source = 　· { $name }: { $value }
safety-topics = About: { $topics }

hotline-none = There is no 12345 hotline report yet.
hotline-bad-date = “{ $input }” is not a date. Write it as YYYY-MM-DD (or 10月15日, 昨天), for example <code>/hotline { $example }</code>
hotline-span = “{ $input }” is a span of days: <code>/hotline</code> shows one day's report, for example <code>/hotline { $example }</code>; for the span, send <code>/trend { $input }</code>
hotline-unknown-date = There is no hotline report for { $date }. Reports exist for: { $dates }

# How deliveries come: alert digests (/digest), quiet hours (/quiet), and the digest messages.
# Variables arrive HTML-escaped; numbers as plain digits.

digest-head = 🔔 { $total } new articles mention your words:{" "}
digest-word = “{ $word }”
digest-rest-head = 🔔 The { $total } articles of this alert ({ $first }–{ $last })
digest-more-button = ▶ The other { $n }
digest-gone = The articles of this alert are no longer there.

alerts-instant = Alerts: <b>at once</b>, each new page's articles in one message
alerts-hourly = Alerts: <b>hourly</b>, the hour's new articles in one message on the hour
alerts-daily = Alerts: <b>daily at { $time }</b> (Beijing time), the day's new articles in one message
digest-usage = To change: <code>/digest now</code>, <code>/digest hourly</code>, <code>/digest daily { $time }</code>
digest-done = ✅ Changed.
digest-bad = Could not read “{ $input }”. Write <code>/digest now</code>, <code>/digest hourly</code> or <code>/digest daily { $time }</code>

quiet-none = Quiet hours: <b>none</b>
quiet-hold = Quiet hours: <b>{ $start }–{ $end } every day</b> (Beijing time): nothing is sent; reports and alerts due then come at { $end }
quiet-silent = Quiet hours: <b>{ $start }–{ $end } every day</b> (Beijing time): sent as usual, without a sound
quiet-usage = To set: <code>/quiet 22:00-07:00</code> (held until the end), <code>/quiet 22:00-07:00 silent</code> (sent without a sound), <code>/quiet off</code>
quiet-done = ✅ Changed.
quiet-off = ✅ Quiet hours are off.
quiet-bad = Could not read “{ $input }”. Write it as <code>/quiet 22:00-07:00</code>; sent without a sound: <code>/quiet 22:00-07:00 silent</code>; off: <code>/quiet off</code>
quiet-same = Quiet hours cannot start and end at the same time ({ $time }).

topic-summaries = Reports go to this group's topic #{ $thread }
topic-alerts = Alerts go to this group's topic #{ $thread }

button-alerts-instant = At once
button-alerts-hourly = Hourly
button-alerts-daily = Daily
button-quiet-hold = 🌙 Quiet { $start }–{ $end }
button-quiet-silent = 🔈 Silent { $start }–{ $end }
button-quiet-off = No quiet hours

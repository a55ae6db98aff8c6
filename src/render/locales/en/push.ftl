# Push: /subscribe, /follow, admin upload and /stats, and the messages push sends.
# Variables arrive HTML-escaped; numbers as plain digits.


subscribe-done =
    ✅ Subscribed: the 12345 hotline report every day at <b>{ $time }</b> (Beijing time).
    The first one comes at the next { $time }; for the newest report now, send /hotline.
    To change the time send <code>/subscribe HH:MM</code> again; to stop, /unsubscribe
subscribe-bad-time =
    “{ $input }” is not a time. Write it as <code>/subscribe 07:30</code> or <code>/subscribe 7:30pm</code>
subscribe-weekly-done =
    ✅ Subscribed to the weekly summary: every { $weekday } at <b>{ $time }</b> (Beijing time), the last week's 12345 hotline chart and totals.
    Back to daily: <code>/subscribe { $time }</code>; stop: /unsubscribe
subscribe-bad-weekly =
    Could not read “{ $input }”. Write it as <code>/subscribe weekly Mon 08:00</code> (day and time may be left out: Monday { $time } by default)
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
unsubscribe-done = The daily report is off. Send /subscribe to turn it on again.
unsubscribe-none = You are not subscribed. Send <code>/subscribe 08:00</code> to get the hotline report every day.

settings =
    ⚙️ <b>My delivery settings</b>
    { $weekday ->
        [none] Daily hotline report: { $time ->
            [none] off (send <code>/subscribe 08:00</code> to subscribe)
           *[other] every day at { $time } (Beijing time)
        }
       *[other] Weekly hotline summary: every { $weekday } at { $time } (Beijing time), the last week's chart and totals
    }
    Followed keywords: { $keywords ->
        [none] none (send <code>/follow word</code> to follow one)
       *[other] { $keywords }
    }

summary-heading = 📬 <b>Daily hotline summary</b>
button-change-time = ⏰ Change time
button-unsubscribe = 🔕 Unsubscribe
settings-pick-time = Pick a daily time (Beijing time); for another, send <code>/subscribe HH:MM</code>:
group-admins-only = Only the group's admins can change this group's subscriptions and followed words.
follow-usage = Write the words to follow after the command, several separated by spaces, for example: <code>/follow 护学岗 物业</code>
follow-added = 🔔 Following: { $words }. I will tell you when a new article mentions them.
follow-known = Already following: { $words }
follow-over-limit = You can follow at most { $max } words; these were not added: { $words }. Use /unfollow to drop some first.
follow-too-long = A keyword has at most { $max } characters: { $words }
unfollow-usage = Write the word to stop following, for example: <code>/unfollow 护学岗</code>; all of them: <code>/unfollow all</code>. You follow: { $keywords }
unfollow-done = Stopped following: { $words }
unfollow-none = You do not follow: { $words }
follows-list = 🔔 Your keywords ({ $count }/{ $max }): { $keywords }
follows-empty = You follow no keywords yet. Send <code>/follow word</code>, for example: <code>/follow 护学岗</code>

alert-head = 🔔 A new article mentions “{ $keyword }”
alert-read = 📖 Read the article

ingest-not-admin = Only admins can upload newspaper pages. To search, just send me a word.
ingest-too-large = ❌ { $file } is too large ({ $size } bytes); a page file of this kind may have at most { $max } bytes (text 5 MB, PDF or image 30 MB).
ingest-download-failed = ❌ Could not download { $file } from Telegram. Please send it again later.
ingest-empty = ❌ { $file } is empty.
ingest-binary = ❌ { $file } is not a page file; please send text (.txt), a PDF or an image (PNG, JPEG, TIFF).
ingest-encrypted = ❌ { $file } is an encrypted PDF (it needs a password); please send the page unencrypted.
ingest-damaged = ❌ { $file } is damaged and cannot be read.
ingest-not-chinese = ❌ { $file } does not look like a newspaper page: it has almost no Chinese text.
ingest-unreadable = ❌ Cannot read { $file }; please check the file and try again.
ingest-done =
    📥 <b>{ $file }</b>: { $added ->
        [no] this file was ingested before; nothing changed.
       *[yes] ingested.
    }
    New articles: { $articles }, hotline reports: { $hotline }, safety reports: { $safety }.
ingest-read = 🖨 { $method ->
        [pdf] Read from the PDF's text layer
       *[ocr] Read by OCR
    }: { $note }
ingest-warnings = ⚠️ Warnings:
ingest-pushed = New items were handed to push: subscribers get the report at their time, followers get alerts.

stats =
    📊 <b>Push statistics</b> (today, Beijing time)
    Subscribers: { $subscribers }; following keywords: { $followers }; blocked the bot: { $blockedChats }
    Delivered today: { $summaries } reports, { $alerts } alerts
    Failed today: { $retrying } to retry, { $givenUp } given up, { $blocked } stopped by a block
    Claimed now (being sent, or left by a process that died): { $claimsHeld }
stats-not-admin = Only admins can see the statistics.

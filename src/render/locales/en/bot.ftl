# English, for readers whose Telegram language is English.

start-welcome =
    Hello, { $name }! I help you read the <b>Xining Evening News</b> (西宁晚报).

    Send me a word to search the paper, for example: <code>护学岗</code>
    /latest shows the newest articles, /hotline the 12345 hotline report, /help lists every command.
reader = reader

small-talk-greeting =
    Hello, { $name }! Send me a word to search the paper, for example: <code>护学岗</code>
    Or ask a question, for example: <code>昨天12345热线接了多少电话</code>
    /help lists every command.
small-talk-thanks = You're welcome! Send me a word whenever you want to look something up.
small-talk-ok = 👌 Send me a word whenever you want to look something up, for example: <code>护学岗</code>
small-talk-goodbye = Goodbye, { $name }! Come back whenever you want to find an article in the paper.
small-talk-no-words = Send me a word or a question and I will look for it in the paper, for example: <code>护学岗</code>

date-unknown = date unknown
paper-name = Xining Evening News
edition-day = { $iso }
edition-day-estimated = about { $iso }
edition-page = page { $page }
span-day = { $iso }
span-month = { $ym }
span-year = { $year }
span-range = { $since } to { $until }
span-since = since { $since }
span-until = up to { $until }
list-separator = {", "}
list-more = {" "}and { $n } more

search-header = 🔎 “{ $query }”: { $total } found, page { $page }/{ $pages }
search-header-span = 🔎 “{ $query }” · { $span }: { $total } found, page { $page }/{ $pages }
search-header-newest = 🔎 “{ $query }”: { $total } found, newest first, page { $page }/{ $pages }
search-header-span-newest = 🔎 “{ $query }” · { $span }: { $total } found, newest first, page { $page }/{ $pages }
newest-header = 🗞 Newest articles: { $total }, newest first, page { $page }/{ $pages }
search-nearest = No article holds all of these words: the nearest matches (holding the rarer of them) follow.
inline-nearest = ≈ Nearest match: no article holds all of these words
span-header = 🗓 Editions of { $span }: { $total } articles, newest first, page { $page }/{ $pages }
no-results-span =
    Nothing found for “{ $query }” in the editions of { $span }.
    Try again without the time, or with another one, for example “{ $query } 今年”.
span-empty = No articles in the editions of { $span } yet.
span-empty-latest =
    No articles in the editions of { $span } yet.
    The latest editions: { $dates }; send <code>/paper date</code> for the headlines of one.
sort-newest = 🕒 Newest first
sort-relevance = 🎯 By relevance
no-results =
    Nothing found for “{ $query }”.
    You could try:
    · a shorter word, for example “护学岗”
    · fewer words, one thing at a time
    · checking the spelling
search-usage = Write what to search for after the command, for example: <code>/search 护学岗</code>
query-too-long = That search is too long (at most { $max } characters). Please try a shorter word.
search-expired = This search has expired, please search again
page-turn-none = There is no search to turn the page of yet: send a few words first, for example “热线”.
page-turn-first = This is the first page already.
page-turn-last = There is no page { $page }: this search has { $pages } pages.
article-missing = This article can no longer be found, please search again
read-more = Read on ▶
read-private = 📖 Read it all in a private chat

latest-header = 🗞 <b>Newest articles</b>
latest-empty = No articles yet.

paper-header = 🗞 <b>{ $edition }</b> · { $total } articles
paper-page-unknown = page unknown
paper-estimated = (the date of this edition is estimated from the days its articles mention)
paper-more = …and { $n } more: search “{ $date }” to see them.
paper-none = No dated editions yet.
paper-bad-date = “{ $input }” is not a date. Write it as YYYY-MM-DD, for example <code>/paper { $example }</code>
paper-span = “{ $input }” is a span of days: <code>/paper</code> shows one edition, for example <code>/paper { $example }</code>; for the articles of the span, send “{ $input }” on its own
paper-unknown-date = There is no edition of { $date }. The latest ones: { $dates }

article-reporters = Reporters: { $names }

rate-limited = Please slow down and try again in a few seconds.
error-generic = Sorry, something went wrong. Please try again later.
unknown-command = I don't know that command. Send /help to see them all.
not-text = I can only read text. Send me a word to search, for example: <code>护学岗</code>

inline-read = 📖 Read in full

answer-source = <i>— { $title } · { $date }</i>
answer-open-report = 📋 Full report
answer-usage = Write a question after the command, e.g. <code>/ask 全市多少所学校设了护学岗</code>
related-button = 🔗 Related articles
related-header = 🔗 <b>Related articles</b>: { $title }
related-none = No related articles found.

# The 📰 buttons that open the reader Mini App (with PUBLIC_URL, in private chats).
reader-paper = 📰 Open this edition in the reader
reader-results = 📰 Results in the reader
reader-article = 📰 Read in the reader
reader-trend = 📰 Interactive chart
reader-menu = Reader

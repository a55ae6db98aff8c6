# English, for readers whose Telegram language is English.

start-welcome =
    Hello, { $name }! I help you read the <b>Xining Evening News</b> (西宁晚报).

    Send me a word to search the paper, for example: <code>护学岗</code>
    /latest shows the newest articles, /hotline the 12345 hotline report, /help lists every command.
reader = reader

date-unknown = date unknown
list-separator = {", "}

search-header = 🔎 “{ $query }”: { $total } found, page { $page }/{ $pages }
no-results =
    Nothing found for “{ $query }”.
    You could try:
    · a shorter word, for example “护学岗”
    · fewer words, one thing at a time
    · checking the spelling
search-usage = Write what to search for after the command, for example: <code>/search 护学岗</code>
query-too-long = That search is too long (at most { $max } characters). Please try a shorter word.
search-expired = This search has expired, please search again
article-missing = This article can no longer be found, please search again
read-more = Read on ▶

latest-header = 🗞 <b>Newest articles</b>
latest-empty = No articles yet.

article-reporters = Reporters: { $names }

rate-limited = Please slow down and try again in a few seconds.
error-generic = Sorry, something went wrong. Please try again later.
unknown-command = I don't know that command. Send /help to see them all.
not-text = I can only read text. Send me a word to search, for example: <code>护学岗</code>

inline-read = 📖 Read in full

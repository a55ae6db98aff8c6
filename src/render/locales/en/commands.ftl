cmd-start = Get started
cmd-help = All commands
cmd-search = Search articles: /search word
cmd-ask = Ask a question: /ask question
cmd-latest = Newest articles
cmd-paper = Headlines of one edition: /paper [date]
cmd-hotline = 12345 hotline report: /hotline [date]
cmd-trend = 12345 hotline trend chart: /trend [days] [last day]
cmd-subscribe = Daily hotline report: /subscribe [HH:MM]
cmd-unsubscribe = Stop the daily report
cmd-settings = My delivery settings
cmd-follow = Follow a keyword: /follow word
cmd-unfollow = Stop following: /unfollow word
cmd-follows = My keywords
cmd-digest = How alerts come: /digest now|hourly|daily HH:MM
cmd-quiet = Quiet hours: /quiet 22:00-07:00

help =
    <b>How to use</b>
    In a private chat, any word you send is a search, for example: <code>护学岗</code>
    In any chat, type <code>@{ $bot } word</code> to search too.

    /search word — search articles (in groups use this, or reply to me)
    /ask question — ask, e.g. /ask 昨天12345热线接了多少电话
    /latest [words] — newest articles (by edition date, newest first); with words, only those mentioning them
    /paper [date] — every headline of one edition, page by page (default: the newest)
    A search may end with a time, for example <code>护学岗 2025年2月</code> or <code>护学岗 近7天</code>; a time alone lists that span
    /hotline [YYYY-MM-DD] — 12345 hotline report (the newest by default)
    /trend [days] [last day] — 12345 hotline trend chart (30 days up to the newest report by default, at most 365; e.g. <code>/trend 30 2025-10-15</code>)
    /subscribe [HH:MM] — the hotline report every day at your time
    /subscribe weekly [Mon] [HH:MM] — instead, the week's chart and totals once a week
    /unsubscribe — stop the daily report
    /settings — my delivery settings
    /follow word — follow a keyword, get a message when a new article matches
    /unfollow word — stop following a keyword
    /follows — the keywords I follow
    /digest now|hourly|daily HH:MM — alerts for your words: each ingest's in one message, or one digest an hour or a day
    /quiet 22:00-07:00 [silent] — quiet hours: nothing is sent then (it comes at the end), or with “silent” sent without a sound; <code>/quiet off</code>
    /help — this help

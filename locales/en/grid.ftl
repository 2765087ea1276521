## The grid: each household's own worker, asking them privately, today's doors

cmd-ask = Ask my grid worker privately
cmd-grid = The grid: which worker looks after which building or unit (admins change it)
cmd-mygrid = My grid, and what residents see about me (workers)
cmd-doors = Today's doors to knock on, floor by floor (workers)

## Residents know their worker
grid-my-worker = Your grid worker for { $unit }: { $name }
grid-my-worker-unnamed = { $unit } has its own grid worker.
grid-my-worker-phone = Their phone: { $phone }
grid-my-worker-account = On Telegram: @{ $username }
grid-my-worker-ask = Send /ask to ask them privately, instead of in the big group.
grid-my-worker-none = { $unit } has no grid worker yet. If you need help, send /request.
grid-ask-button = 💬 Ask my grid worker

## Asking one's worker
conv-name-ask-worker = grid message
grid-ask-prompt = Please write what you'd like to ask your grid worker (one message). Only they will see it, never the group. /cancel to stop.
grid-reply-prompt = Please write your answer for { $address } (one message); I'll pass it on. /cancel to stop.
grid-text-only = For now I can only pass on text. Please write it down.
grid-too-long = That message has { $length } characters; the most is { $max }. Please split it up.
grid-sent = ✅ Passed on to your grid worker. Their answer will appear here.
grid-sent-name = ✅ Passed on to your grid worker { $name }. Their answer will appear here.
grid-sent-step-in = ✅ Your grid worker is off today, so it went to the colleague standing in. The answer will appear here.
grid-sent-step-in-name = ✅ Your grid worker is off today, so it went to { $name }, who is standing in. The answer will appear here.
grid-not-registered = Please register your room first (/register). Then you can ask your grid worker privately.
grid-no-worker = Your unit has no grid worker yet. If you need help, send /request and the staff on duty will deal with it.
grid-answer-sent = ✅ Passed on to the resident of { $address }.
grid-closed-resident = This conversation has ended, so your message was not sent. Send /ask for a new question.
grid-closed-staff = This conversation has ended (marked solved), so your message was not sent. The resident can ask again.
grid-not-yours = This conversation isn't yours to answer, so nothing was sent.
grid-thread-unknown = I can't find this conversation (it may be an old message).

## A question passed on to the worker
grid-question-title = 💬 Question from { $address } { $name } (conversation #{ $id })
grid-question-notice = (about notice #{ $notice })
grid-question-step-in = (their grid worker is off today: please answer for them)
grid-question-how = Reply to this message, or press Reply, and I'll pass it on. The resident doesn't see your account.
grid-btn-reply = ↩️ Reply
grid-btn-close = ✅ Solved
grid-close-closed = Conversation ended; the resident will be told.
grid-close-already = This conversation had already ended.
grid-close-unknown = I can't find this conversation (it may be an old message).
grid-closed-note = ✅ Your grid worker marked your question as solved. Send /ask any time with a new one.

## An answer passed on to the resident
grid-answer-from-name = 💬 Your grid worker { $name } replies:
grid-answer-from-worker = 💬 Your grid worker replies:
grid-answer-from-staff = 💬 The community's staff reply:
grid-answer-how = Reply to this message to go on.

## Nobody answered: passed on to the staff on duty
grid-escalated-title = ⏰ A question from { $address } { $name } to their grid worker ({ $worker }) has had no answer for { $hours } h (conversation #{ $id }):
grid-nobody = nobody

## /grid
grid-usage =
    How to use it:
    /grid: the grid, and units with no worker
    /grid @username: what this worker looks after
    /grid @username 3 4-1: this worker looks after building 3 (all of it) and unit 4-1
    /grid deputy @username 4-1: this worker stands in for 4-1
    /grid clear 4-1: remove what was set for 4-1
grid-bad-unit = "{ $input }" is not a building or a unit. Write a building (like 3) or building-unit (like 3-2).
grid-unknown-unit = Not in the room list: { $units }. Please check the building and unit (/layout imports the room list).
grid-unknown-person = I don't know { $who }. They need to open a private chat with me (press Start) first; then name them by @username or number id.
grid-not-a-worker = { $name } is not a worker. Give them the worker role with /invite worker first.
grid-same-person = { $name } already looks after this as worker or deputy; the worker and the deputy must be two people.
grid-assigned = ✅ { $name } now looks after: { $scopes }.
grid-assigned-deputy = ✅ { $name } now stands in for: { $scopes }. When the worker is off, the deputy answers residents.
grid-cleared = Removed what was set for { $scopes } ({ $count }).
grid-list-title = 🗺 The grid
grid-list-empty = No worker has been given any building or unit yet.
grid-list-row = { $scope }: { $main }{ $deputy }
grid-list-deputy = ; deputy: { $name }
grid-whole-building = building { $building } (all)
grid-gaps = ⚠️ Units with no worker ({ $count }): { $units }
grid-gaps-none = ✅ Every unit has a worker.
grid-worker-main = { $name } looks after: { $scopes }
grid-worker-deputy = Stands in for: { $scopes }
grid-worker-nothing = { $name } doesn't look after any building or unit yet.

## /mygrid
mygrid-title = 🗺 My grid
mygrid-main = I look after: { $scopes }
mygrid-main-none = I don't look after any building or unit yet (an admin sets this with /grid).
mygrid-deputy = I stand in for: { $scopes }
mygrid-name = The name residents see: { $name }
mygrid-name-unset = not set (residents see "your grid worker")
mygrid-phone = Phone for residents: { $phone }
mygrid-account = Telegram account for residents: { $account }
mygrid-not-shared = not shown to residents
mygrid-on = Status: on
mygrid-away = Status: off (new questions go to the deputy)
mygrid-usage =
    To change:
    /mygrid name Ms Zhang: the name residents see
    /mygrid phone 13800000000 or /mygrid phone off: whether residents get your phone
    /mygrid account on or off: whether residents see your Telegram account
    /mygrid off when you are off, /mygrid on when you are back
mygrid-saved = ✅ Saved.
mygrid-now-away = ✅ You're off. New questions go to your deputy.
mygrid-now-on = ✅ Welcome back: new questions come to you.
mygrid-name-invalid = The name should be 1 to { $max } characters, e.g. /mygrid name Ms Zhang
mygrid-phone-invalid = That phone number doesn't look right: 6 to 15 digits, e.g. /mygrid phone 13800000000

## /doors
doors-title = 🚪 Today's doors: { $count } ({ $units } units)
doors-title-of = 🚪 Today's doors for { $name }: { $count } ({ $units } units)
doors-unit = [{ $unit }]
doors-floor = Floor { $floor }
doors-floor-unknown = Floor unknown
doors-line = · { $room }{ $names }: { $reasons }{ $phone }
doors-none = No doors to knock on today. 👍
doors-no-units = You don't look after any building or unit yet. An admin sets this with /grid.
door-unregistered = nobody registered
door-unreachable = never opened the bot
door-blocked = blocked the bot
door-no-checkin = no check-in today
door-care-unchecked = key care, not reached today

## Work by grid (/coverage mine, /report mine)
coverage-mine = (only the units you look after)
coverage-mine-none = There are no rooms or registered households in units you look after, or you have none yet (an admin sets them with /grid). Send /coverage for the whole community.
report-mine = (only the units you look after)
report-mine-none = This notice did not go to any unit you look after, or you have none yet (an admin sets them with /grid).

## Urgent items and duty (page the coordinators on duty, acknowledgement, a ladder when nobody answers)

cmd-sos = 🆘 SOS: alert the coordinators on duty now
cmd-duty = Set whether I am on duty (coordinators)
cmd-onduty = Who is on duty now (staff)
cmd-shifts = Set the weekly duty roster (admins)
cmd-page = Page the coordinators on duty (admins)
cmd-escalation = How an urgent item was handled (coordinators, workers)
cmd-escalation_settings = Escalation wait times and repeats (admins)

## Kinds of item
esc-kind-fever = fever
esc-kind-request = urgent request
esc-kind-sos = SOS
esc-kind-page = page from an admin
esc-kind-welfare = welfare visit
esc-no-address = unknown
esc-no-phone = not given
esc-forgotten = (deleted at the person's request)

## The page
esc-page-title = 🔴 Urgent: { $kind } (#{ $id })
esc-page-step-1 = You are on duty: please take it as soon as you can.
esc-page-step-2 = Nobody on duty has taken it yet, so all coordinators are asked now. (round { $round })
esc-page-step-3 = Still nobody has taken it, so the admins are asked now. (round { $round })
esc-page-what = What: { $summary }
esc-page-who = Who: { $who }
esc-page-unregistered = ⚠️ Not registered: room and phone may be unknown; contact them first.
esc-page-room = Room: { $address }
esc-page-phone = Phone: { $phone }
esc-page-when = Raised: { $time } ({ $ago })
esc-page-unit = Unit: { $unit }
esc-page-details-private = Name, room, phone and what happened go privately to whoever takes it.
esc-details-title = 🔴 Urgent item #{ $id } ({ $kind }): the details, for you only
esc-ago-now = just now
esc-ago-minutes = { $minutes } min ago
esc-btn-ack = ✋ I'm on it
esc-btn-decline = Can't take it
esc-taken-by = ✅ Taken by { $name } at { $time } ({ $after } after it was raised). No more pages will be sent.
esc-seconds = { $seconds } s
esc-minutes-seconds = { $minutes } min { $seconds } s

## Answers to the buttons
esc-ack-won = ✅ It's yours. The others see that you took it and get no more pages.
esc-ack-won-details = ✅ It's yours. The details are on their way to you in a private message.
esc-ack-won-open-private = ✅ It's yours. I can't send you the details yet: open a private chat with me with the button in the group, then press Start.
open-private-for-details = { $name }, it's yours. The details are only sent in a private chat, and I can't write to you yet: tap the button below, then Start.
open-private-button = 🔒 Details in private chat
esc-ack-again = You have already taken this one.
esc-ack-taken = { $name } already took this at { $time }; nothing more to do.
esc-unknown = This urgent item can't be found (the message may be very old).
esc-decline-ok = Noted. Others will be asked.
esc-decline-again = You have already said you can't take this one.
esc-decline-taken = { $name } has already taken it.

## Telling the resident and whoever raised it
esc-resident-coming-name = ✅ Your urgent call (#{ $id }) has been taken by { $name } from the community, who is on the way or will contact you right away.
esc-resident-coming-phone = ✅ Your urgent call (#{ $id }) has been taken by { $name } from the community, who is on the way or will contact you right away. Their phone: { $phone }
esc-resident-coming = ✅ Your urgent call (#{ $id }) has been taken by a community worker, who is on the way or will contact you right away.
esc-raiser-taken = ✅ Urgent item #{ $id } was taken by { $name } at { $time }.
esc-gave-up =
    ⚠️ Urgent item #{ $id } ({ $kind }: { $summary }, room { $address }) has not been taken by anyone { $minutes } minutes after it was raised.
    It is marked unacknowledged in the ledger. The buttons on the pages still work: please get someone on it now.

## SOS
esc-sos-button = 🆘 SOS
esc-sos-ask = 🆘 What is happening? Write one line (for example: my husband fell and can't get up). It goes to the coordinators on duty at once.
esc-sos-cancel = Cancel, I don't need help
esc-sos-cancelled = Cancelled; no call for help was sent. Press 🆘 SOS whenever you need it.
esc-sos-no-details = (only pressed the SOS button, wrote nothing: contact them now)
esc-sos-media = (sent a { $what } and no text: contact them now){ $extra }
esc-sos-media-voice = voice message
esc-sos-media-photo = photo
esc-sos-media-video = video
esc-sos-media-location = location
esc-sos-media-other = message
esc-sos-sent-1 = 🆘 Sent (#{ $id }). The { $count } coordinators on duty have been alerted. Keep your phone close: you will be told who is coming.
esc-sos-sent-2 = 🆘 Sent (#{ $id }). All coordinators have been alerted. Keep your phone close: you will be told who is coming.
esc-sos-sent-3 = 🆘 Sent (#{ $id }). The community admins have been alerted. Keep your phone close: you will be told who is coming.
esc-sos-sent-nobody = 🆘 Recorded (#{ $id }), but there is nobody the bot can alert right now. Please call the community hotline or 120 now.
esc-sos-unregistered-note = You haven't registered your room yet: tell whoever contacts you where you live.
esc-sos-emergency = If a life is in danger, also call 120.

## /page
esc-page-usage = Usage: /page what is happening, e.g. /page No water in building 3, elderly residents need water delivered
esc-page-too-long = That is { $length } characters; the most is { $max }. Please shorten it and send it again.
esc-raised-1 = Paged (#{ $id }): the { $count } coordinators on duty.
esc-raised-2 = Paged (#{ $id }): nobody is on duty, so all coordinators and the staff group were alerted.
esc-raised-3 = Paged (#{ $id }): no coordinator could be alerted, so the admins were.
esc-raised-nobody = Recorded (#{ $id }), but there is nobody to alert. Add coordinators first with /invite coordinator.

## /duty and /onduty
esc-duty-usage =
    Usage:
    /duty on — start duty (until /duty off)
    /duty off — end duty (during a shift: no pages for the rest of it)
    /duty share name|phone|none — when you take a call, the resident is told your name / name and phone / nothing about you
esc-duty-on = ✅ You are on duty now. Urgent items come to you at once until you send /duty off.
esc-duty-off = You are off duty now.
esc-duty-off-shift = You are off duty until { $until }, the end of this shift. Your later shifts stay as they are.
esc-duty-share-name = OK: when you take a call, the resident is told your name ({ $name }).
esc-duty-share-phone = OK: when you take a call, the resident is told your name and phone ({ $phone }).
esc-duty-share-phone-missing = OK. But we don't have your phone number, so only your name ({ $name }) will be shared. You can leave a number with /register.
esc-duty-share-none = OK: when you take a call, the resident is only told that a community worker took it, not who.
esc-duty-status-manual = You are on duty (/duty on).
esc-duty-status-shift = You are on duty (your shift, until { $until }).
esc-duty-status-off = You are off duty.
esc-duty-status-shifts = Your shifts: { $shifts }
esc-duty-status-share-name = When you take a call, the resident is told: your name
esc-duty-status-share-phone = When you take a call, the resident is told: your name and phone
esc-duty-status-share-none = When you take a call, the resident is told: nothing about you
esc-onduty-title = On duty now ({ $count }):
esc-onduty-manual = • { $name } (/duty on)
esc-onduty-shift = • { $name } (shift: { $shift })
esc-onduty-nobody = Nobody is on duty right now. Urgent items go straight to all coordinators and the staff group.

## /shifts
esc-shifts-usage =
    Usage: /shifts, then one shift per line: days, times, who. For example
    /shifts
    Mon-Sun 08:00-16:00 @zhang_san
    Mon-Fri 16:00-24:00 @li_si
    Sat-Sun 22:00-06:00 123456789
    Days can be Mon-Fri, Sat,Sun, 周一-周五 or daily; times are community time ({ $timezone }); who is an @username or a numeric Telegram id.
    Each message is the whole roster and replaces the old one. /shifts clear empties it.
esc-shifts-title = Weekly roster ({ $timezone }):
esc-shifts-line = { $position }. { $line } — { $name }
esc-shifts-none = There is no roster yet.
esc-shifts-saved = ✅ Roster saved: { $count } shifts.
esc-shifts-cleared = The roster is empty. Only people who sent /duty on are on duty now.
esc-shifts-problems = The roster has problems, so nothing was changed. Please fix them and send the whole roster again:
esc-shifts-more = …and { $count } more problems not listed.
esc-shift-error-format = Line { $line } "{ $text }": it needs three parts, days, times and who, e.g. Mon-Sun 08:00-16:00 @zhang_san.
esc-shift-error-days = Line { $line } "{ $text }": I can't read the days "{ $part }". Write Mon-Fri, Sat,Sun, 周一-周五 or daily.
esc-shift-error-time = Line { $line } "{ $text }": I can't read the times "{ $part }". Write them like 08:00-16:00.
esc-shift-error-same-time = Line { $line } "{ $text }": the start and end are the same. For a whole day write 00:00-24:00.
esc-shift-error-who = Line { $line } "{ $text }": I can't tell who "{ $part }" is. Write an @username or a numeric Telegram id.
esc-shift-error-unknown-person = Line { $line } "{ $text }": I don't know { $part }. Ask them to message me once (/start), then set the shift.
esc-shift-error-not-coordinator = Line { $line } "{ $text }": { $part } is not a coordinator. Invite them first with /invite coordinator.
esc-shift-error-overlap = Line { $line } "{ $text }": it overlaps line { $other } for the same person.

## /escalation_settings
esc-settings-show =
    Escalation settings:
    Step 1 (the coordinators on duty): wait { $step1 } min
    Step 2 (all coordinators and the staff group): wait { $step2 } min
    Step 3 (the admins): wait { $step3 } min
    Steps 2 and 3 repeat { $repeats } more times, then the item is marked unacknowledged and the admins are told.
esc-settings-usage = To change: /escalation_settings step1 5 step2 5 step3 5 repeats 3 (minutes 1–120, repeats 0–10; write only what changes)
esc-settings-saved = ✅ Saved.
esc-settings-error-format = I can't read "{ $part }". Write it like step1 5 or step1=5.
esc-settings-error-key = There is no setting "{ $part }". You can change step1, step2, step3 and repeats.
esc-settings-error-range = "{ $part }" is out of range: waits are 1–120 minutes, repeats 0–10.

## /escalation: the timeline
esc-usage = Usage: /escalation number, e.g. /escalation 12. Without a number it lists the latest urgent items.
esc-list-title = Latest urgent items (newest first):
esc-list-line = #{ $id } { $time } { $kind } { $address } — { $status }
esc-list-none = There are no urgent items yet.
esc-status-open = open (step { $step })
esc-status-acknowledged = taken by { $name } ({ $after })
esc-status-unacknowledged = ⚠️ never taken
esc-tl-title = Urgent item #{ $id }: { $kind }
esc-tl-created = { $time } raised by { $name }
esc-tl-step = { $time } step { $step } (round { $round }): { $count } paged
esc-tl-nobody = { $time } step { $step }: nobody to page, passed on
esc-tl-page = { "  " }→ { $to }: { $status }
esc-tl-group = staff group { $chat }
esc-tl-declined = { $time } { $name }: can't take it
esc-tl-acknowledged = { $time } { $name }: I'm on it ({ $after } after it was raised)
esc-tl-cancelled = { $time } { $count } queued pages cancelled
esc-tl-gave-up = { $time } nobody took it: marked unacknowledged, admins told
esc-tl-page-pending = waiting to be sent
esc-tl-page-sending = being sent
esc-tl-page-sent = delivered { $time } (message { $message })
esc-tl-page-failed = not delivered ({ $reason })
esc-tl-page-dead = not delivered ({ $reason })
esc-tl-page-edited = , edited to "taken by"

## A second SOS, limits, and many urgent items at once
esc-sos-folded = 🆘 Added to your SOS #{ $id }: it is already with the coordinators, and they are being alerted. Keep your phone close: you will be told who is coming.
esc-sos-limited-waiting = 🆘 Your SOS #{ $id } is already with the coordinators; you don't need to send it again. Keep your phone close: you will be told who is coming.
esc-sos-limited = 🆘 You have sent several SOS in the last hour; they are already with the coordinators, who will contact you.
esc-tl-again = { $time } SOS sent again: { $line }
esc-burst-alert = ⚠️ { $count } urgent items in the last { $minutes } minutes ({ $kinds }). That is more than usual: the coordinators on duty may need help. /escalation lists them.

## Notices (workers send them; each resident gets a private message)

cmd-notice = Send a notice (workers)
cmd-supersede = Replace a notice with a new one (workers)
cmd-report = How a notice was delivered (workers)
cmd-notices = The notices in force for my household
cmd-tag = Tag households, e.g. sealed (workers)
cmd-untag = Remove a household tag (workers)

notice-ask-text = Send the notice text (bold, links and other formatting are kept; at most { $max } characters).
notice-ask-other-text = Send the text of the other version (at most { $max } characters).
notice-text-expected = Please send the notice text as a message.
notice-too-long = This notice has { $length } characters; the most is { $max } (room is left for the unit tag). Please shorten it and send it again.
notice-ask-target =
    Who is it for? You can write:
    all — every household
    3 — building 3; 3-2 — building 3 unit 2; 3-2-501 — one household
    #sealed — households with a tag (also #lives_alone, #over_75, #reduced_mobility, #chronic_medicine)
    all except 3-2 — everyone but 3-2
    Separate several with commas or spaces, e.g. 3-2, 3-4
notice-ask-other-target = Who is this version for? (Same as before; a household matching two versions gets only the more specific one.)
notice-target-expected = Please write who it is for, e.g. 3-2.
notice-target-empty = You didn't say who it is for. Write all, a building, a unit, a room or a #tag.
notice-target-bad-part = I can't read "{ $part }". Write all, a building (3), a unit (3-2), a room (3-2-501) or a #tag.
notice-target-unknown-building = The community has no such building: { $buildings }. Please check and write it again.
notice-target-nobody = Nobody registered matches this, so the notice would reach no one. Please choose other recipients.
notice-ask-more-versions = Should some households get a different text? (For example, the sealed unit gets rubbish and delivery rules, everyone else gets "you may go out".)
notice-add-version = ➕ Add another version
notice-no-more-versions = No
notice-ask-urgency = Is this notice urgent? Urgent notices go out at once, even at night; normal ones wait for the morning during quiet hours.
notice-normal = Normal
notice-urgent = 🔴 Urgent
notice-ask-when = When should it go out?
notice-now = Now
notice-later = At a time
notice-ask-time = Write the time, e.g. 18:00, tomorrow 8:00 or 2026-11-23 08:00.
notice-time-format = I can't read that time. Write it like 18:00, tomorrow 8:00 or 2026-11-23 08:00.
notice-time-past = That time has already passed. Please write a later time, e.g. tomorrow 8:00.
notice-preview-intro = Preview: this is what a resident receives (one household as an example):
notice-preview-button = This is only a preview; the buttons do nothing.
notice-preview-counts = { $recipients } recipients: { $reachable } reachable in private, { $unreachable } not reachable (they need a call or a visit).
notice-preview-version = Version { $n } ({ $target }): { $count } people
notice-preview-urgent = Urgent: goes out at once, even in quiet hours.
notice-preview-normal = Normal: waits for the morning during quiet hours.
notice-preview-now = When: as soon as you confirm.
notice-preview-estimate-seconds = Delivery: under a minute for { $count } residents{ $paid ->
    [yes] {" "}(paid broadcast)
   *[no] {""}
}.
notice-preview-estimate-minutes = Delivery: about { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
} for { $count } residents{ $paid ->
    [yes] {" "}(paid broadcast)
   *[no] {""}
}.
notice-preview-estimate-hours = Delivery: about { $hours } h { $minutes } min for { $count } residents{ $paid ->
    [yes] {" "}(paid broadcast)
   *[no] {""}
}.
notice-preview-at = When: { $time }
notice-confirm-send = ✅ Send it
notice-edit-text = ✏️ Text
notice-edit-target = ✏️ Recipients
notice-edit-versions = ✏️ Other versions
notice-edit-urgency = ✏️ Urgency
notice-edit-when = ✏️ Time
notice-cancel = ✖ Cancel
notice-sent = Notice #{ $id } is on its way to { $count } people. The live delivery report is below.
notice-scheduled = Notice #{ $id } is scheduled for { $count } people. The delivery report is below.
notice-superseding = You are writing the notice that replaces notice #{ $id }. Once it is sent, the old notice's recipients get a short update.
notice-unknown = There is no notice #{ $id }.
notice-already-superseded = Notice #{ $id } was already replaced by notice #{ $by }.

notice-got-it = ✅ Got it
notice-ask = ❓ I have a question
notice-confirm-ok = Confirmed. Thank you!
notice-confirm-already = You have already confirmed this.
notice-confirm-not-recipient = This notice was not sent to you, so you can't confirm it for someone else.
notice-pointer = [Community notice] New notice for { $units }: it has been sent to each household privately. Please check your private chat with @{ $bot }.
notice-superseded-update = Notice #{ $id } has been updated and its old text no longer applies. Please follow the newest notice; send /notices to see it.
notice-reminder = Reminder: please read notice #{ $id } and tap "Got it" once you have.
notice-question-ask = Please write your question about notice #{ $id } (at most { $max } characters). Community staff will answer you.
notice-question-too-long = That has { $length } characters; the most is { $max }. Please make it shorter.
notice-question-stored = Your question has been passed to the community staff. They will answer you as soon as they can.

notices-title = Notices in force for your household (newest first):
notices-none = There are no notices in force for you right now.
notices-item = Notice #{ $id } · { $time } · { $confirmed }
notices-confirmed = confirmed
notices-unconfirmed = not confirmed yet

report-title = 📋 Notice #{ $id } delivery ({ $status }, updated { $time })
report-status-active = in force
report-status-superseded = replaced
report-total = { $recipients } recipients: { $sent } delivered, { $confirmed } confirmed, { $unconfirmed } not yet confirmed, { $queued } queued, { $unreachable } not reachable ({ $notStarted } never started the bot, { $blocked } blocked), { $failed } failed
report-unit = { $unit }: { $recipients } people, { $sent } delivered, { $confirmed } confirmed, { $unconfirmed } not yet confirmed, { $queued } queued, { $unreachable } not reachable
report-not-started = {"  "}Never started the bot (please call): { $rooms }
report-blocked = {"  "}Blocked the bot (please call): { $rooms }
report-failed = {"  "}Sending failed: { $rooms }
report-questions = { $count } question(s); see the CSV.
report-truncated = …too long to show in full; tap "CSV" for the complete list.
report-none = No notice has been sent yet.
report-remind = 🔔 Remind those who haven't confirmed
report-csv = 📄 CSV
report-remind-nobody = Nobody to remind: everyone who received the notice has confirmed.
report-remind-already = This notice has already had its reminder; it is sent only once.
report-remind-sent = A reminder went to { $count } residents who haven't confirmed.

csv-building = Building
csv-unit = Unit
csv-room = Room
csv-name = Name
csv-phone = Phone
csv-status = Status
csv-confirmed = Confirmed at
csv-question = Question
state-confirmed = confirmed
state-unconfirmed = not confirmed
state-queued = queued
state-not_started = never started the bot
state-blocked = blocked the bot
state-failed = sending failed

tag-usage = Usage: /{ $command } <tag> <households>, e.g. /{ $command } sealed 3-2. A tag is 1 to 30 letters, digits, _ or -.
tag-done-tag = Tagged { $count } households #{ $tag } ({ $matched } registered households matched).
tag-done-untag = Removed #{ $tag } from { $count } households ({ $matched } registered households matched).

## Limits and roles
notice-role-gone = Your worker role was taken back before you pressed send, so this notice was not sent to anyone. If this is a mistake, please ask a community admin.
notice-question-limited = You have asked several questions in the last hour; the staff have them and will answer. Please wait for their answers before asking more.

## Requests (residents ask in private; coordinators and volunteers handle them)

cmd-request = 🆘 Ask for help: tell us what you need
cmd-requests = My requests and how they are going
cmd-tasks = Tasks you can take (volunteers)
cmd-ledger = Request ledger: this shift, today, overdue (coordinators)
cmd-export = Export requests as CSV, e.g. /export 11-20 11-22 (coordinators)

rq-ask-for-help-button = 🆘 求助 / Ask for help

## Filing a request
rq-register-first = Before asking for help, please register your room so the staff know where to come. It takes a minute or two, and then we go straight back to your request.
rq-back-to-request = Good, now back to your request.
rq-ask-for-whom = Who is this request for?
rq-for-self = For me
rq-for-household = For a household (by room)
rq-for-unregistered = For someone not registered (e.g. an elderly neighbour)
rq-ask-household-room = Type the household's room, e.g. 3-2-501.
rq-ask-subject-name = How should we call them? E.g. Grandma Wang.
rq-ask-subject-phone = What is their phone number? Press "Skip" if there is none.
rq-ask-unregistered-room = Which room do they live in? E.g. 3-2-501. Press "Skip" if you don't know.
rq-need-phone-or-room = We need a phone number or a room, or the staff can't find them. Please type it again.
rq-skip = Skip
rq-ask-category = What do you need help with? Please choose one:
rq-cat-medicine = 💊 Medicine
rq-cat-gas = 🔥 Gas
rq-cat-groceries = 🛒 Groceries and daily supplies
rq-cat-repair = 🔧 Repair (water, electricity, blocked toilet…)
rq-cat-testing = 🧪 Testing at home
rq-cat-home_help = 🧓 Help for someone alone or who can't move
rq-cat-policy = ❓ Policy question
rq-cat-other = 📝 Other

rq-ask-medicine = Which medicine? Write the names (one per line if several).
rq-ask-quantity = How much? E.g. 2 boxes, a month's supply.
rq-ask-photos = Do you have a photo (of the prescription, the box, or what is broken)? Send it now (at most { $photos }), or press "No photo".
rq-ask-gas_problem = What is the problem with the gas?
rq-ask-note = Anything to add? (You can skip this.)
rq-ask-list = Write what to buy, one item per line, e.g.:
    rice, 1 bag
    cabbage, 2
rq-ask-payment = How will you pay?
rq-ask-problem = What is broken, and where? E.g. the kitchen water pipe is leaking.
rq-ask-people = How many people at home need testing? Press a button or type a number.
rq-ask-reason = Why can't you go to the testing point yourself?
rq-ask-need = What kind of help is needed?
rq-ask-description = Please describe the situation (at most { $max } characters).
rq-ask-question = Please write your question (at most { $max } characters).
rq-ask-notice = Is the question about one of these notices?
rq-notice-button = Notice #{ $id } ({ $time })
rq-notice-none = Not about a notice
rq-notice-ref = notice #{ $id }

rq-opt-gas_problem-empty = Ran out of gas
rq-opt-gas_problem-topup = Gas card needs a top-up
rq-opt-gas_problem-leak = ⚠️ I smell gas
rq-opt-gas_problem-other = Something else
rq-opt-payment-on_delivery = Pay on delivery
rq-opt-payment-paid = Can pay in advance
rq-opt-payment-help = Paying is difficult
rq-opt-reason-cant_walk = Can't walk there
rq-opt-reason-bedridden = Bedridden
rq-opt-reason-isolated = In isolation
rq-opt-reason-other = Other reason
rq-opt-need-food = Food
rq-opt-need-water = Water, hot water
rq-opt-need-move = Getting around, wheelchair
rq-opt-need-visit = Someone to check on them
rq-opt-need-other = Other

rq-gas-leak-safety = ⚠️ If you smell gas: turn off the gas valve now, open doors and windows, don't touch switches or light anything, leave the flat, and call the gas emergency line or 119. We are alerting the coordinators as an emergency.
rq-no-photo = No photo
rq-photos-done = That's all the photos
rq-photo-received = Got photo { $count } (at most { $max }). Send more, or press "That's all the photos".
rq-photos-enough = Got { $count } photos, that's enough.
rq-photo-expected = Please send a photo here, or press the button below.
rq-text-empty = Nothing came through; please write it again.
rq-list-empty = The list is empty. Please write at least one thing to buy, one per line.
rq-text-too-long = This has { $length } characters; the most is { $max }. Please keep it shorter and say clearly what is needed.
rq-count-invalid = Please press a button or type a number from 1 to 20.
rq-ask-urgency = How urgent is it?
rq-urgency-choice-now = 🔴 Urgent, needed right now
rq-urgency-choice-today = 🟠 Today
rq-urgency-choice-later = 🟢 Can wait a few days
rq-urgency-now = 🔴 Urgent
rq-urgency-today = 🟠 Today
rq-urgency-later = 🟢 Can wait

rq-summary-title = Please check your request:
rq-summary-for = For: { $subject }
rq-summary-household = the household at { $address }
rq-summary-unregistered = { $name } (not registered, phone { $phone }, room { $address })
rq-summary-category = Category: { $category }
rq-summary-urgency = Urgency: { $urgency }
rq-summary-hint = If it is right, press "Send"; to change something, press its button.
rq-summary-use-buttons = Please press a button above: Send, or change one of the answers.
rq-send = ✅ Send
rq-cancel = ✖ Don't send
rq-edit = ✏️ { $field }
rq-field-category = Category
rq-field-urgency = Urgency
rq-field-subject = For whom
rq-field-medicine = Medicine
rq-field-quantity = Quantity
rq-field-photos = Photos
rq-field-gas_problem = Problem
rq-field-note = Note
rq-field-list = List
rq-field-payment = Payment
rq-field-problem = Problem
rq-field-people = People
rq-field-reason = Reason
rq-field-need = Needs
rq-field-description = Details
rq-field-question = Question
rq-field-notice = About
rq-detail-line = { $label }: { $value }

rq-filed = ✅ Your request is in, number { $number }. Say this number on the phone and we can find it. A coordinator will handle it soon and you will hear at every step; /requests shows it any time.
rq-filed-proxy = The updates will come to you; please pass them on.
rq-filed-urgent = The coordinators have been alerted as an emergency. If a life is in danger, call 120 or 110 now.
rq-notice-question-filed = Your question has been passed to the community staff (number { $number }); they will answer you soon.

## The card staff see
rq-card-title = 🆘 Request { $number } · { $category } · { $urgency }
rq-line-room = Room: { $address }
rq-line-unit = Unit: { $unit }
rq-line-filed = Filed: { $time } ({ $ago } ago)
rq-line-filed-now = Filed: { $time } (just now)
rq-card-details-private = The room, name, phone and what is needed go privately to whoever takes it.
rq-line-unregistered = For: { $name } (not registered)
rq-line-resident = Resident: { $name }
rq-line-phone = Phone: { $phone }
rq-line-filed-by = Filed by: { $name }
rq-no-room = unknown
rq-no-phone = none
rq-no-note = no note
rq-card-status-new = Status: 🆕 waiting for someone to take it
rq-card-status-taken = Status: 🙋 taken by { $handler }
rq-card-status-assigned = Status: 👥 offered to volunteer { $assignee }, waiting for an answer
rq-card-status-accepted = Status: 🚶 volunteer { $assignee } is on it
rq-card-status-done = Status: ✅ done ({ $note }), waiting for the resident
rq-card-status-solved = Status: 🎉 the resident confirmed it is solved
rq-card-status-reopened = Status: ↩️ the resident says it is not solved: { $note }
rq-card-status-cant_do = Status: ✖ can't be done: { $note }
rq-card-group-status-done = Status: ✅ done, waiting for the resident
rq-card-group-status-reopened = Status: ↩️ the resident says it is not solved
rq-card-group-status-cant_do = Status: ✖ can't be done
rq-btn-take = 🙋 I'll handle it
rq-btn-assign = 👥 Assign to a volunteer
rq-btn-reassign = 👥 Reassign
rq-btn-done = ✅ Done
rq-btn-cant = ✖ Can't do
rq-btn-photos = 📷 Photos
rq-btn-accept = ✅ Accept
rq-btn-decline = ✖ Not this time
rq-btn-claim = 🙋 I'll do it
rq-btn-solved = ✅ Solved
rq-btn-not-solved = ❌ Not solved
rq-btn-no-note = No note
rq-sheet-handler = You took request { $number }. The details (phone included; keep them private):
rq-sheet-volunteer = Request { $number } is yours. The details (phone included; keep them private):
rq-offer = Coordinator { $by } asks whether you can do request { $number }:
rq-task-title = { $number } · { $urgency } · { $unit } · { $category }
rq-task-line = { $number } · { $urgency } · { $unit }
    { $headline }
rq-tasks-mine = Your tasks ({ $count }):
rq-tasks-open = Open tasks you can take ({ $count }); press "I'll do it":
rq-tasks-none = There are no open tasks right now. A coordinator will send you new ones.
rq-pick-volunteer = Which volunteer should do request { $number }?
rq-no-volunteers = There are no volunteers yet. An admin can invite some with /invite volunteer.
rq-not-a-volunteer = This person is no longer a volunteer; please choose again.
rq-assigned-to = Request { $number } was offered to { $name }; waiting for an answer.

## What the buttons answer
rq-ok-take = { $number } is yours; the details are in your private chat.
rq-ok-claim = Task { $number } is yours; the details are in your private chat.
rq-ok-assign = Offered to { $name }.
rq-ok-accept = Thank you! The details are on their way.
rq-ok-decline = All right, the coordinator will find someone else.
rq-ok-done = ✅ Marked done ({ $number }); the resident is asked whether it is solved.
rq-ok-cant = Marked as can't be done ({ $number }); the resident was told why.
rq-ok-release = All right, task { $number } went back to the coordinator.
rq-refused-unknown = This request can't be found; the button may be out of date.
rq-refused-taken = { $number } was already taken by { $name }.
rq-refused-closed = { $number } is already closed ({ $status }) and can't be changed.
rq-refused-state = { $number } is now "{ $status }"; this button no longer applies.
rq-refused-not-holder = This task isn't yours; only the volunteer doing it or a coordinator can do that.
rq-refused-not-contact = This button isn't for you.
rq-refused-denied = Sorry, you may not do this.
rq-ask-note-done = Write in a few words what was done (at most { $max } characters); the resident will see it. Or press "No note".
rq-ask-note-cant = Write why it can't be done (at most { $max } characters); the resident will see it, so say what they can do next.
rq-ask-note-release = Write why you can't do it (at most { $max } characters); the task goes back to the coordinator.
rq-open-private-first = Please open a private chat with me first (tap @{ $bot }, then Start) so I can send you the photos.
rq-no-photos = This request has no photos.
rq-photo-caption = { $number }, photo { $n }/{ $count }

## What the resident hears
rq-update-new = Your request { $number } ({ $category }) is back in the queue; a coordinator will pick it up soon.
rq-update-taken = Coordinator { $handler } is handling your request { $number } ({ $category }).
rq-update-assigned = A volunteer is being arranged for your request { $number } ({ $category }).
rq-update-accepted = Volunteer { $assignee } is working on your request { $number } ({ $category }) and may contact you.
rq-update-done = Your request { $number } ({ $category }) is done: { $note }
    Is it solved? Please tell us with a button below.
rq-update-solved = Your request { $number } is confirmed solved. Thank you!
rq-update-reopened = Your request { $number } was reopened; a coordinator will follow up.
rq-update-cant_do = We are sorry: your request { $number } ({ $category }) can't be done this time: { $note }
    If you still need help, send /request again or contact the community.
rq-solved-thanks = Wonderful, thank you for telling us! Request { $number } is marked solved.
rq-ask-reopen-words = Sorry it isn't solved yet. Please write what is still wrong and we will pass it to the coordinators (or press "Nothing to add"). Request { $number } is open again.
rq-skip-words = Nothing to add
rq-reopen-words-sent = Thank you; the coordinators have it and will follow up on request { $number }.
rq-reopen-no-words = All right: request { $number } is open again, and a coordinator will contact you.

## Short notes to staff
rq-note-accepted = 👍 { $name } accepted request { $number } ({ $headline }).
rq-note-declined = ↩️ { $name } can't do request { $number } ({ $headline }) this time; please assign someone else.
rq-note-released = ↩️ { $name } gave request { $number } back: { $note }
rq-note-done = ✅ { $name } finished request { $number }: { $note }
rq-note-cant = ✖ { $name } marked request { $number } as can't be done: { $note }. You don't need to do it any more.
rq-note-solved = 🎉 The resident confirmed request { $number } is solved. Thank you!
rq-note-reopened = ↩️ The resident says request { $number } isn't solved; it is open again.
rq-note-reopen-words = ↩️ The resident adds, on request { $number }: { $note }
rq-note-unassigned = Request { $number } was given to someone else; you don't need to do it.

## My requests
rq-mine-title = Your recent requests:
rq-mine-line = { $number } · { $category } · { $status } ({ $time })
rq-mine-hint = Send /requests with a number to see one, e.g. /requests 1122-007.
rq-mine-none = You haven't asked for help yet. Send /request when you need it.
rq-number-unknown = I found no request of yours numbered "{ $number }". Please check the number.
rq-history-title = History:
rq-history-line = { $time } { $action } { $note }
rq-action-file = filed
rq-action-take = taken by a coordinator
rq-action-claim = taken by a volunteer
rq-action-assign = offered to a volunteer
rq-action-accept = accepted by the volunteer
rq-action-decline = declined by the volunteer
rq-action-release = given back by the volunteer
rq-action-done = done
rq-action-cant = can't be done
rq-action-solved = confirmed solved
rq-action-reopen = not solved, reopened
rq-action-reopen-words = the resident added
rq-status-new = waiting
rq-status-taken = taken
rq-status-assigned = offered to a volunteer
rq-status-accepted = volunteer on it
rq-status-done = done, awaiting confirmation
rq-status-solved = solved
rq-status-reopened = reopened
rq-status-cant_do = can't be done

## Requests in groups
rq-group-hint = To ask for help, press the button below and tell me in a private chat; a coordinator will handle it with you one to one. For your privacy, please don't post phone numbers, illnesses or room numbers in the group.

## The ledger
rq-ledger-where = The ledger can only be seen in a private chat (@{ $bot }) or in the staff group.
rq-ledger-title = 📒 Request ledger · { $time }
rq-ledger-shift = This shift: { $from }–{ $to }
rq-ledger-open-title = Open (received this shift / today / all):
rq-ledger-open-line = { $category }: { $shift } / { $today } / { $all }
rq-ledger-open-total = Total: { $shift } / { $today } / { $all }
rq-ledger-open-none = Nothing open 👍
rq-ledger-counts = Received today: { $received }; done today: { $solved }
rq-ledger-rate = Resolution rate (of today's requests): { $rate }
rq-ledger-rate-none = Resolution rate: no requests received today yet
rq-ledger-median = Median time from filing to done: { $time }
rq-ledger-median-none = Median time from filing to done: nothing done today yet
rq-ledger-overdue-title = ⏰ Overdue: { $count }
rq-ledger-overdue-line = { $number } · { $category } · { $address } · { $urgency } · { $status } · { $late } late
rq-ledger-overdue-none = Nothing is overdue.
rq-ledger-more = …and { $count } more; see /export.
rq-duration-minutes = { $m } min
rq-duration-hours = { $h } h { $m } min
rq-duration-days = { $d } d { $h } h
rq-daily-title = 🌙 Requests on { $day }
rq-daily-open = Still open: { $count } ({ $list })
rq-daily-open-item = { $category } { $count }
rq-daily-open-none = Nothing is still open.

## Export
rq-export-format = Usage: /export from to, e.g. /export 2026-11-20 2026-11-22 or /export 11-20 11-22. One date exports that day; none exports today.
rq-export-order = The first date is after the second; please swap them.
rq-export-too-long = At most 366 days at a time; please choose a shorter range.
rq-export-empty = No requests between { $from } and { $to }.
rq-export-caption = Requests from { $from } to { $to }: { $count }.
rq-csv-number = Number
rq-csv-filed-at = Filed at
rq-csv-category = Category
rq-csv-urgency = Urgency
rq-csv-status = Status
rq-csv-building = Building
rq-csv-unit = Unit
rq-csv-room = Room
rq-csv-name = Name
rq-csv-phone = Phone
rq-csv-filed-as = Filed as
rq-csv-filed-by = Filed by
rq-csv-details = Details
rq-csv-photos = Photos
rq-csv-handler = Coordinator
rq-csv-volunteer = Volunteer
rq-csv-done-at = Done at
rq-csv-minutes = Minutes to done
rq-csv-note = Note
rq-csv-answer = Resident's answer
rq-csv-late = Overdue
rq-csv-yes = yes
rq-csv-no = no
rq-filed-as-self = resident
rq-filed-as-household = staff, for a household
rq-filed-as-unregistered = staff, for someone not registered
rq-answer-solved = solved
rq-answer-not_solved = not solved

## Urgent items in the ledger (from the escalation ladder)
rq-ledger-urgent = Urgent items today: { $total }, { $acknowledged } taken, median time to take { $median }.
rq-ledger-urgent-none = Urgent items today: { $total }, none taken yet.
rq-ledger-urgent-missed = {"  "}⚠ Never taken #{ $id } { $kind } { $address } ({ $time })

## Limits and roles
rq-limited = You have sent several requests in the last hour; the staff have them and will get back to you. Please wait a while before sending another. If it's an emergency, press 🆘.
rq-role-gone = Your staff role was taken back, so this request for someone else was not sent. If this is a mistake, please ask a community admin.
rq-already-assigned = { $number } is already offered to { $name }; nothing more was sent.

## Medicine rounds (a worker opens one; residents send their list in private; staff collect, buy, deliver and settle)

cmd-round_open = Open a medicine round (workers)
cmd-rounds = Medicine rounds in progress: counts per step, lists, CSV (staff)
cmd-medicine = Medicine round: send my household's list
conv-name-round-open = opening a medicine round
conv-name-round-submit = your medicine list
conv-name-round-settle = settling a medicine list

## Opening
rd-ask-pharmacy = Which pharmacy or clinic will this round buy from? E.g. Tongrentang (Xinhua Road), the community health centre.
rd-ask-when = When do volunteers come to collect the lists? Lists can be sent until then. E.g. 18:00, tomorrow 9:00, 2026-11-23 09:00.
rd-when-format = I couldn't read that time. Please write 18:00, tomorrow 9:00 or 2026-11-23 09:00.
rd-when-past = That time has already passed. Please give a time still to come.
rd-ask-needs = Besides the list of medicines, what must residents have ready? Tap to select or unselect, then press "Done".
rd-needs-done = ✅ Done
rd-need-list = the list of medicines
rd-need-prescription = a photo of the prescription
rd-need-record = a photo of the medical record
rd-need-card = the medical insurance card
rd-ask-note = Anything else residents should know? E.g. please have small change for cash. (At most { $max } characters; you can skip this.)
rd-skip = Skip
rd-text-empty = Nothing came through. Please write it again.
rd-text-too-long = That is { $length } characters; at most { $max }. Please make it shorter.
rd-ask-target = Who is this round for? Write all, a building 3, a unit 3-2, a room 3-2-501 or a tag #chronic_medicine (people on long-term medicine), several separated by spaces, or press a button below.
rd-target-all = Everyone
rd-target-chronic = People on long-term medicine
rd-target-expected = Please write who it is for, or press a button above.
rd-target-bad = I couldn't read "{ $part }". Write all, 3, 3-2, 3-2-501 or #tag.
rd-target-unknown = The community has no such building: { $buildings }. Please check and type it again.
rd-target-nobody = Nobody is registered there yet. Please choose other households.
rd-preview-intro = This is what residents will receive:
rd-preview-counts = { $recipients } { $recipients ->
        [one] resident
       *[other] residents
    }: { $reachable } reachable in private, { $unreachable } not reachable (they need a call or a visit). If all is well, press "Announce".
rd-preview-send = 📣 Announce
rd-preview-cancel = ✖ Don't send
rd-edit-pharmacy = ✏️ Pharmacy
rd-edit-when = ✏️ Time
rd-edit-needs = ✏️ What to have ready
rd-edit-note = ✏️ Note
rd-edit-target = ✏️ Who it is for
rd-opened = ✅ Medicine round #{ $id } is announced to { $count } { $count ->
        [one] resident
       *[other] residents
    } (during quiet hours it waits for the morning). Use /rounds to follow each step.
rd-role-gone = Your staff role has been taken back, so this was not done. Please ask an admin if you have questions.

## What residents receive
rd-announce-title = 💊 Medicine round #{ $id }
rd-announce-pharmacy = Pharmacy: { $pharmacy }
rd-announce-when = Volunteers collect the lists at: { $time } (send yours before then)
rd-announce-needs = Please have ready: { $needs }
rd-announce-note = Note: { $note }
rd-announce-how = If you need medicine, press the button below to send your household's list. One list per household.
rd-submit-button = 📝 Send my medicine list

## A resident's list
rd-intro = Let's fill in your list for medicine round #{ $id }. Send /cancel at any time to stop.
rd-urgent-intro = Let's file the medicine you need as an urgent request; the coordinators on duty get it at once. Send /cancel at any time to stop.
rd-ask-medicines = Which medicines? One per line: the name and how much, e.g.
    Nifedipine 2 boxes
    Aspirin 1 bottle
rd-medicines-empty = No medicine came through. Please write one medicine and its amount per line.
rd-medicines-too-many = At most { $max } medicines at a time. Please write the ones you need most; the rest can wait for the next round.
rd-medicines-no-amount = I couldn't see how much in this line: "{ $line }". Please put the amount after the name, e.g. Aspirin 2 boxes.
rd-medicines-too-long = This line is too long: "{ $line }". A name may have at most { $name } characters, an amount { $amount }.
rd-ask-photos-needed = Please send a photo of the prescription or medical record (at most { $max }). If it isn't on your phone, press "At the door": the volunteer will look at it when collecting.
rd-ask-photos-optional = Do you have a photo of the prescription or the medicine box? Send it now (at most { $max }), or press "No photo".
rd-photos-at-door = At the door
rd-photos-none = No photo
rd-photos-done = That's all the photos
rd-ask-payment = How will you pay once the medicine is bought?
rd-pay-cash = 💵 Cash on delivery
rd-pay-transfer = 📱 WeChat or Alipay transfer
rd-pay-insurance = 💳 Medical insurance card
rd-summary-title = Please check your household's list:
rd-summary-title-urgent = Please check your urgent medicine request:
rd-summary-photos = Photos: { $count }
rd-summary-payment = Payment: { $payment }
rd-summary-send = ✅ Send
rd-summary-send-urgent = 🆘 Send the urgent request
rd-summary-edit-meds = ✏️ Medicines
rd-summary-edit-photos = ✏️ Photos
rd-summary-edit-pay = ✏️ Payment
rd-summary-cancel = ✖ Don't send
rd-submitted = ✅ We have your household's list: number { $number } in medicine round #{ $id }. A volunteer will come to collect it by { $time }, and we'll tell you how it goes at each step.
rd-already = Your household has already sent its list for medicine round #{ $id }: number { $number }, now { $state }. To change it, please contact the community staff.
rd-missed = Medicine round #{ $id } stopped taking lists at { $time }. If your medicine can't wait for the next round (say, a daily medicine is running out), press the button below and we'll pass it to the coordinators on duty at once.
rd-not-for-you = Medicine round #{ $id } is not for your household. If you need medicine, send /medicine or /request.
rd-register-first = Please register your room first (send /register), so the volunteers know where to collect the list and bring the medicine.
rd-medicine-none = There is no medicine round for your household right now. If your medicine is running out and can't wait, press the button below and we'll pass it to the coordinators on duty at once.
rd-medicine-open = 💊 Medicine round #{ $id }: { $pharmacy }, collected before { $time }. Press the button below to send your household's list.
rd-urgent-button = 🆘 Can't wait: ask urgently
rd-urgent-filed = ✅ Filed as an urgent medicine request, number { $number }; the coordinators on duty have it. We will tell you how it goes. If you feel unwell, call 120 at once.
rd-urgent-unknown = This list can't be found any more. To ask for medicine, send /request.
rd-urgent-not-yours = This list is not your household's, so it can't be filed as your request.
rd-urgent-nothing = Everything on this list was bought: there is nothing to ask for.
rd-urgent-already = These medicines have already been filed as an urgent request, and the coordinators are on it. Send /requests to see how it goes.

## What residents are told at each step
rd-step-head = 💊 Medicine round #{ $round } · your number { $number }
rd-step-collected = 📥 A volunteer has your list and papers and is on the way to { $pharmacy }.
rd-step-purchased = 🛒 What could be bought:
rd-step-unavailable = Sorry, this round could not buy the medicine you need:
rd-step-on-the-way = A volunteer will bring what was bought to your door soon.
rd-step-urgent-offer = If what couldn't be bought can't wait for the next round, press the button below to file it as an urgent request; the coordinators will find another way.
rd-step-delivered = 🚚 Your medicine has been delivered. We will tell you the amount once it is settled.
rd-step-settled = 💰 Settled: { $amount } ({ $payment }). Thank you, and stay well!
rd-item = { $n }. { $name } × { $amount }
rd-item-bought = ✅ { $item }
rd-item-unavailable = ❌ { $item }: { $reason }
rd-reason-out_of_stock = out of stock
rd-reason-prescription = needs a hospital prescription; the pharmacy can't sell it
rd-reason-not_sold = this pharmacy doesn't have it
rd-reason-other = another reason; the staff will contact you

## Staff: /rounds, the work list, one list
rd-none = No medicine round is in progress. A worker can open one with /round_open.
rd-overview-title = 💊 Medicine round #{ $id } · { $pharmacy }
rd-overview-accepting = Taking lists; collected at { $time }
rd-overview-not-accepting = No longer taking lists (collected at { $time })
rd-overview-lists = { $count } { $count ->
        [one] list
       *[other] lists
    } received ({ $recipients } residents told)
rd-count = { $state } { $count }
rd-count-separator = {" · "}
rd-overview-money = Settled { $amount } · { $handlers } staff handling it
rd-status-submitted = sent
rd-status-collected = collected
rd-status-purchased = bought
rd-status-unavailable = not available
rd-status-delivered = delivered
rd-status-settled = settled
rd-list-button = 📋 Lists
rd-csv-button = 📄 CSV
rd-join-button = 🙋 I'll help with this round
rd-stop-button = ⏹ Stop taking lists
rd-finish-button = 🏁 Finish this round
rd-join-joined = You now help with medicine round #{ $id } and can see its lists.
rd-join-already = You already help with medicine round #{ $id }.
rd-join-unknown = This medicine round has finished.
rd-stop-stopped = Medicine round #{ $id } no longer takes lists; the lists already in are handled as usual.
rd-stop-already = Medicine round #{ $id } already stopped taking lists.
rd-stop-unknown = This medicine round has finished.
rd-finish-done = Medicine round #{ $id } is finished and no longer shown in /rounds.
rd-finish-in-progress = { $count } { $count ->
        [one] list is
       *[other] lists are
    } not done yet (not settled), so the round can't be finished now.
rd-finish-unknown = This medicine round has finished.
rd-refused-unknown = This list or round can't be found any more.
rd-refused-not-handler = The lists hold residents' medicines and phone numbers, so only the staff handling this round see them. Press "I'll help with this round" in /rounds first.
rd-refused-state = This list is now "{ $state }", so that was not done (someone may have handled it already).
rd-refused-item = This medicine has already been marked.
rd-list-title = 💊 Medicine round #{ $id }: { $count } { $count ->
        [one] list
       *[other] lists
    } (page { $page } of { $pages }). Press one to see and handle it:
rd-list-empty = Medicine round #{ $id } has no lists yet.
rd-list-line = No. { $number } · { $address } · { $state }
rd-sheet-title = 💊 Medicine round #{ $round } · No. { $number } · { $address }
rd-sheet-resident = Resident: { $name } · phone { $phone }
rd-sheet-payment = Payment: { $payment } · { $photos } photos
rd-sheet-state = State: { $state }
rd-sheet-amount = Amount: { $amount }
rd-no-phone = none given
rd-collect-button = 📥 Collected
rd-bought-button = ✅ No. { $n } bought
rd-unavailable-button = ❌ No. { $n } not available
rd-deliver-button = 🚚 Delivered
rd-settle-button = 💰 Settle
rd-photos-button = 📷 Photos ({ $count })
rd-back-to-list = ↩ Back to the lists
rd-ask-reason = Why couldn't medicine no. { $n } be bought?
rd-reason-back = ↩ Back
rd-done-collect = Marked collected; the resident is told.
rd-done-bought = Marked bought.
rd-done-unavailable = Marked not available.
rd-done-deliver = Marked delivered; the resident is told.
rd-photo-caption = Medicine round #{ $round } · No. { $number } · photo { $n } of { $count }

## Settling
rd-ask-amount = How much did No. { $number } ({ $address }, { $payment }) cost in total? Type the amount in yuan, e.g. 36.50.
rd-settle-confirm = Settle No. { $number } at { $amount }?
rd-settle-yes = ✅ Yes, settle { $amount }
rd-settle-change = ✏️ Change the amount
rd-settle-not-now = This list is now "{ $state }": it can be settled once delivered.
rd-settled = ✅ Settled at { $amount }; the resident is told.

## CSV headers
rd-csv-number = Number
rd-csv-address = Room
rd-csv-resident = Resident
rd-csv-phone = Phone
rd-csv-payment = Payment
rd-csv-medicine = Medicine
rd-csv-amount = Amount
rd-csv-medicine-state = This medicine
rd-csv-reason = Why not available
rd-csv-state = List state
rd-csv-photos = Photos
rd-csv-paid = Settled (yuan)
rd-csv-submitted-at = Sent at
rd-csv-collected-at = Collected at
rd-csv-purchased-at = Bought at
rd-csv-delivered-at = Delivered at
rd-csv-settled-at = Settled at
rd-item-state-pending = to buy
rd-item-state-bought = bought
rd-item-state-unavailable = not available

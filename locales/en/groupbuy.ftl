## Group buys and free distributions

cmd-groupbuy = Open a group buy or a free distribution (workers, coordinators)
cmd-groupbuys = Group buys: lists, deliveries and accounts (staff)
cmd-orders = My household's group-buy orders
conv-name-groupbuy = opening a group buy
conv-name-groupbuy-qty = typing a quantity

## The order card residents see

gb-title-buy = 🛒 Group buy #{ $id }: { $title }
gb-title-free = 🎁 Free distribution #{ $id }: { $title }
gb-item-price = · { $name } { $price }
gb-item-limit = { " " }(at most { $limit } per household)
gb-item-free = · { $name }, { $qty } per household
gb-delivery-door = 🚪 Delivered to your door
gb-delivery-pickup = 📍 Pick up at: { $place }
gb-deadline-buy = ⏰ Order by: { $time }
gb-deadline-free = ⏰ If you don't need it, bring it down to 0 by { $time }
gb-order-heading = —— Your household's order ——
gb-line = { $name } × { $qty } = { $amount }
gb-line-free = { $name } × { $qty }
gb-order-empty = Nothing chosen yet.
gb-order-declined = Your household doesn't need it this time.
gb-order-total = Total { $total }
gb-card-hint = Press ➖ ➕ to change a quantity, or the name in the middle to type one. Everyone in your household sees and changes the same order, until the deadline.
gb-card-hint-free = Each household gets one share. If you don't need it, press ➖ down to 0 and it goes to a neighbour who does. Everyone in your household sees the same order.
gb-card-closed = Closed: it can't be changed any more.
gb-card-due = To pay: { $amount } (not paid yet)
gb-card-paid = Paid: { $amount } ({ $method })
gb-card-delivered = Delivered.
gb-card-not-delivered = Not delivered yet.
gb-button-item = { $name } { $qty }
gb-button-done = ✅ Done
gb-pressed = { $name }: { $qty }, total { $total }
gb-pressed-free = { $name }: { $qty }
gb-preview-button = This is only a preview; the buttons do nothing.
gb-confirm-buy = ✅ Your household's ({ $address }) order for group buy #{ $id } is noted: { $items }, total { $total }. You can change it until { $time }.
gb-confirm-free = ✅ Noted: your household ({ $address }) will receive { $items }. You can change it until { $time }.
gb-confirm-empty = Your household hasn't chosen anything yet. Press ➕ to order. Group buy #{ $id } closes at { $time }.
gb-confirm-declined = Noted: your household doesn't need it this time. If you change your mind before { $time }, press ➕.
gb-final-buy = Group buy #{ $id } "{ $title }" is closed. Your household's order: { $items }, to pay { $total } in cash or by transfer.
gb-final-free = Free distribution #{ $id } "{ $title }": the list is final. Your household will receive: { $items }.
gb-final-door = A volunteer will bring it to your door.
gb-final-pickup = Please pick it up at: { $place }
gb-delivered-door = Your household's "{ $title }" (#{ $id }) has been left at your door. Please take it in soon.
gb-delivered-pickup = Your household's "{ $title }" (#{ $id }) has been picked up. Thank you.
gb-paid-receipt = Payment received: { $amount } ({ $method }) from your household for "{ $title }" (#{ $id }). Thank you! If the amount is wrong, please tell the community office.
gb-method-cash = cash
gb-method-transfer = transfer
gb-pointer-buy = Group buy for residents of { $units }: "{ $title }", open for orders until { $time }. Each household has a private message: see your chat with @{ $bot }.
gb-pointer-free = Free distribution for residents of { $units }: "{ $title }". Each household has a private message. If you don't need it, press ➖ down to 0 in your chat with @{ $bot } by { $time }.
gb-order-not-registered = Please register your household first (send /register) to order for it.
gb-order-not-offered = This one isn't for your household's building or group.
gb-order-unknown = That group buy can't be found any more.
gb-order-busy = Someone in your household is changing the order right now. Please press again in a moment.
gb-order-closed = #{ $id } is closed: it can't be changed any more.
gb-orders-none = Your household has no group buys or distributions at the moment.
gb-ask-qty = How many "{ $name }" does your household want? Please type a number from 0 to { $max } (0 means none).
gb-qty-negative = A quantity can't be less than 0.
gb-qty-over-limit = At most { $max } per household.
gb-qty-too-many = That's too many: at most { $max } of each.
gb-qty-format = Please type just a whole number, such as 3 (0 to { $max }).
gb-qty-done = Done: { $name } is now { $qty }, total { $total }.
gb-qty-done-free = Done: { $name } is now { $qty }.

## Opening one (workers, coordinators)

gb-ask-kind = Which kind? A group buy: residents order and pay. A free distribution: each household gets a share, no money.
gb-kind-buy = 🛒 Group buy
gb-kind-free = 🎁 Free distribution
gb-ask-title = Please send a title, such as "Vegetable box, round 3" (at most { $max } characters).
gb-text-expected = Please answer in text.
gb-title-too-long = That title is too long: at most { $max } characters. Please shorten it.
gb-ask-items-buy =
    Please send the items, one per line: name, unit price, and a limit per household if any. For example:
    Cabbage 3.5
    Pork 25 limit 2
    Eggs 12.80/box limit 1
    A price may be written 3.5, 3.50, ¥3.5 or 3元5角, to the fen at most. Up to 10 items.
gb-ask-items-free =
    Please send what is given out, one per line: name and how many per household (1 if left out). For example:
    Vegetable box 1
    Eggs 10
    Up to 10 items.
gb-items-empty = No items received. Please write one per line.
gb-items-too-many = At most 10 items at a time. Please open more than one.
gb-items-problems = These lines have a problem:
gb-items-line = Line { $line } "{ $text }": { $problem }
gb-items-again = Please fix them and send the whole list again.
gb-item-problem-no-price = no price
gb-item-problem-price-format = the price can't be read; write 3.5, 3.50, ¥3.5 or 3元5角
gb-item-problem-price-too-precise = a price goes to the fen at most (two decimals), such as 3.33
gb-item-problem-price-zero = the price can't be 0 (for free items, open a free distribution)
gb-item-problem-price-too-large = that price is too high (at most ¥10000 an item): an extra digit?
gb-item-problem-price-negative = a price can't be negative
gb-item-problem-no-name = no name
gb-item-problem-name-too-long = the name is too long (at most 20 characters)
gb-item-problem-limit = the number per household must be 1 to 99
gb-item-problem-duplicate = the same as an earlier line
gb-ask-target =
    Who is it for? The same as for notices:
    all — every household
    3 — building 3; 3-2 — building 3, unit 2
    #lives_alone, #over_75 and so on — key-care households (or a tag set with /tag)
    all except 3-2 — everyone but 3-2
gb-target-nobody = No registered households there. Please choose another group.
gb-ask-deadline-buy = When do orders close? For example 18:00, tomorrow 10:00 or 2026-11-23 08:00. Then I'll send you the packing lists and the quantities to order from the supplier.
gb-ask-deadline-free = When is the list final? For example 18:00 or tomorrow 10:00. Until then residents can say they don't need it; then I'll send you the packing lists.
gb-deadline-before-announcement = Residents get the announcement only at { $time } (quiet hours): please set a deadline after that.
gb-ask-delivery = How do residents get it?
gb-delivery-choice-door = 🚪 To the door
gb-delivery-choice-pickup = 📍 They pick it up
gb-ask-pickup = Where and when? For example "Building 3 entrance, tomorrow 9:00-11:00" (at most { $max } characters).
gb-pickup-too-long = That's too long: at most { $max } characters.
gb-preview-intro = Preview: this is what a household receives (one of them as an example):
gb-preview-counts = For { $households } households, { $recipients } people: { $reachable } can be messaged, { $unreachable } can't (phone or knock on their door).
gb-preview-quiet = It is quiet hours now: residents get it at { $time }.
gb-preview-deadline-passed = The deadline has passed (or comes before residents get the announcement): please change it.
gb-confirm-open = ✅ Open it
gb-edit-title = ✏️ Title
gb-edit-items = ✏️ Items
gb-edit-target = ✏️ Who
gb-edit-deadline = ✏️ Deadline
gb-edit-delivery = ✏️ Delivery
gb-cancel = ✖ Cancel
gb-opened-buy = Group buy #{ $id } is open: { $households } households ({ $recipients } people, { $unreachable } of them can't be messaged). When it closes at { $time } I'll send you the packing lists and the quantities to order. /groupbuys shows it at any time.
gb-opened-free = Free distribution #{ $id } is open: { $households } households ({ $recipients } people, { $unreachable } of them can't be messaged). When the list is final at { $time } I'll send you the packing lists. /groupbuys shows it at any time.

## Staff: lists, delivery, payment, accounts

gb-list-title = Recent group buys and distributions:
gb-list-none = No group buys or distributions yet. Send /groupbuy to open one.
gb-list-item-buy = #{ $id } 🛒 { $title } · { $status } · closes { $time } · { $households }/{ $offered } households ordered · { $total }
gb-list-item-free = #{ $id } 🎁 { $title } · { $status } · closes { $time } · { $households }/{ $offered } households want it
gb-status-open = open
gb-status-closed = closed
gb-summary-open = Open: { $households } households have ordered (of { $offered }; { $recipients } people were told).
gb-summary-closed = Closed: { $households } households ordered (of { $offered }).
gb-summary-supplier = Totals (to order from the supplier):
gb-summary-item = · { $name } { $qty } × { $price } = { $amount }
gb-summary-item-free = · { $name } { $qty }
gb-summary-total = Total to collect { $total }
gb-summary-progress = Delivered { $delivered }/{ $households } households, paid { $paid }/{ $households }.
gb-summary-progress-free = Delivered { $delivered }/{ $households } households.
gb-closed-intro = ⏰ #{ $id } is closed. The summary:
gb-button-close = ⏹ Close now
gb-button-pack = 📦 Packing lists
gb-button-csv = 📄 CSV
gb-button-doors = 🚚 Deliver
gb-button-reconcile = 🧾 Accounts
gb-button-refresh = 🔄 Refresh
gb-button-list = 📋 All
gb-button-back = ⬅ Back
gb-button-building = Bldg { $building } ({ $households })
gb-button-cash = 💵 Cash
gb-button-transfer = 📲 Transfer
gb-button-paid = ✔ Paid ({ $method })
gb-button-deliver = 🚚 Delivered
gb-button-delivered = ✅ Delivered
gb-button-short-more = { $name } short +1
gb-button-short-less = { $name } short −1
gb-lists-after-deadline = The packing and delivery lists exist once orders close. To close early, press "Close now".
gb-close-closed = #{ $id } is closed; the summary goes to whoever opened it.
gb-close-already = #{ $id } is already closed.
gb-close-unknown = #{ $id } can't be found.
gb-pack-title = 📦 #{ $id } "{ $title }": packing lists
gb-pack-none = Nobody ordered anything in #{ $id }.
gb-pack-unit = Unit { $unit }: { $households } households
gb-pack-unit-total = Unit total: { $items }
gb-pack-item = { $name }×{ $qty }
gb-pack-door = { $room }: { $items } · { $amount }
gb-pack-door-free = { $room }: { $items }
gb-doors-choose = #{ $id } delivery: choose a building.
gb-doors-title = 🚚 #{ $id } · building { $building } (page { $page }/{ $pages }, { $households } households)
gb-doors-line = { $door }: { $items } · { $state }
gb-door-delivered = ✅ delivered
gb-door-not-delivered = not delivered
gb-door-paid = 💵 paid ({ $method })
gb-door-unpaid = not paid
gb-door-title = 🏠 { $address } · #{ $id }
gb-door-item = { $name }: ordered { $qty }, short { $short }, given { $given }
gb-door-short-hint = Record anything short before marking delivered or paid; the amount to pay goes down with it.
gb-door-short-frozen = Delivered or paid: shortages can't be changed any more.
gb-deliver-ok = ✅ { $address } delivered
gb-deliver-already = { $address } is already marked delivered.
gb-deliver-open = Orders aren't closed yet: nothing can be marked delivered.
gb-deliver-unknown = That household isn't on this list.
gb-pay-ok = 💵 { $address } paid { $amount } ({ $method })
gb-pay-already = { $address } is already recorded as paid: { $amount } ({ $method }). Nothing is recorded twice.
gb-pay-nothing = { $address } has nothing to pay.
gb-pay-open = Orders aren't closed yet: no payment can be recorded.
gb-pay-unknown = That household isn't on this list.
gb-pay-free = A free distribution has nothing to pay.
gb-short-ok = Shortage noted.
gb-short-frozen = Delivered or paid: shortages can't be changed any more. Pressed by mistake? Take it back on the door's details first.
gb-short-bounds = A shortage can't be below 0 or more than was ordered.
gb-short-open = Orders aren't closed yet.
gb-short-unknown = That household isn't on this list.
gb-rec-title = 🧾 #{ $id } "{ $title }": accounts ({ $time })
gb-rec-quantities = Quantities: ordered = delivered + short (+ not delivered yet)
gb-rec-item = · { $name }: { $ordered } = { $delivered } + { $short }
gb-rec-item-pending = · { $name }: { $ordered } = { $delivered } + { $short } + { $pending } not yet
gb-rec-goods = Goods: ordered { $ordered } = delivered { $delivered } + short { $short }
gb-rec-goods-pending = Goods: ordered { $ordered } = delivered { $delivered } + short { $short } + not yet { $pending }
gb-rec-money = Due { $due } = paid { $paid } (cash { $cash }, transfer { $transfer }) + outstanding { $outstanding }
gb-rec-households = Households: ordered { $ordered }, delivered { $delivered }, paid { $paid }, unpaid { $unpaid }
gb-rec-households-free = Households: want it { $ordered }, delivered { $delivered }
gb-rec-unpaid = Unpaid: { $list }
gb-rec-balanced = ✅ The accounts agree, to the fen.
gb-rec-balanced-free = ✅ The quantities agree.
gb-rec-problems = ⚠️ { $count } figures don't agree; please check:
gb-rec-problem-paid = · { $address }: recorded as paid { $paid }, due { $due }
gb-rec-problem-short = · { $address }: more short than ordered
gb-csv-building = building
gb-csv-unit = unit
gb-csv-room = room
gb-csv-due = due (yuan)
gb-csv-short = short
gb-csv-delivered = delivered
gb-csv-method = paid by
gb-csv-paid = paid (yuan)
gb-csv-subtotal = { $unit } subtotal
gb-csv-total = total
gb-csv-yes = yes

## Pressed by mistake: taking back "delivered" and "paid" (audited)
gb-button-undo-delivered = ↩️ Undo delivered
gb-button-undo-paid = ↩️ Undo paid
gb-undo-what-delivered = delivered
gb-undo-what-paid = paid
gb-undo-ok = ↩️ "{ $what }" taken back for { $address }. The accounts are updated.
gb-undo-not-marked = { $address } is not marked "{ $what }"; nothing to take back.
gb-undo-not-yours = Only the volunteer who marked it "{ $what }", or a worker or coordinator, can take it back.
gb-undo-unknown = That household isn't on this list.
gb-undone-delivered = Correction: "{ $title }" (#{ $id }) was marked delivered to your household by mistake; it hasn't arrived yet. You'll be told when it does.
gb-undone-paid = Correction: a payment of { $amount } for "{ $title }" (#{ $id }) was recorded for your household by mistake and has been taken back. If you did pay, please tell the community office.

## Delivery tasks (posted to the supplies team's volunteers)
gb-vt-title = Group buy #{ $id } "{ $title }": deliver to { $doors } households in building { $building }
gb-vt-title-free = Free distribution #{ $id } "{ $title }": deliver to { $doors } households in building { $building }
gb-take-ok = Building { $building }'s deliveries are yours; the door list is below. Tap each door as you deliver.
gb-take-taken = { $name } already claimed building { $building }'s deliveries.
gb-take-yours = These deliveries are already yours.
gb-take-closed = These deliveries no longer need anyone.
gb-vt-reopened = ↩️ #{ $id } "{ $title }": { $name } took back "delivered" for { $address }. Building { $building }'s deliveries are yours again; the hours come back when the last door is delivered.

## Queue numbers (staff open a queue at a point; residents take a number in private and are told when it is near and when it is their turn)

cmd-queue = Queue numbers: take a number, see the number now served
cmd-queue_open = Open a queue at a point: a pop-up shop, a testing point (workers, coordinators)
cmd-queues = The calling panel: next, skip, close (staff)
conv-name-queue-open = opening a queue

## Opening a queue
qu-ask-point = Where is the queue, and what for? E.g. West gate pop-up shop, Building 3 testing point.
qu-text-empty = Nothing came through. Please write it again.
qu-point-too-long = At most { $max } characters, please.
qu-ask-capacity = How many numbers are there today? Type a number (1 to { $max }).
qu-capacity-bad = Please type a number from 1 to { $max }, e.g. 200.
qu-ask-near = How many people ahead should be left when residents are told to set off? { $default } unless you change it.
qu-near-default = { $n } (default)
qu-near-other = Other
qu-ask-near-number = Please type a number (1 to { $max }).
qu-near-bad = Please type a number from 1 to { $max }.
qu-ask-goods = Any goods and prices to tell residents in advance? One per line, the price last, e.g.
    Rice 5kg 45
    Eggs 30 pcs 25.5
    At most { $max }; press "Skip" if none.
qu-skip = Skip
qu-goods-empty = No goods came through. Please write one good and its price per line.
qu-goods-too-many = At most { $max } goods.
qu-goods-no-price = I couldn't see a price in this line. Put the price last, e.g. Rice 5kg 45.
qu-goods-too-long = A good's name may have at most { $name } characters.
qu-ask-photos = Any photos of the goods? Send them now (at most { $max }), or press "No photos".
qu-photos-none = No photos
qu-photos-done = That's all the photos
qu-ask-announce = Post a note in each building group so residents can take a number? It holds only the point, the numbers, the goods and a button to take a number, and says nothing about any resident.
qu-announce-yes = 📣 Post in the building groups
qu-announce-no = Don't post; I'll share the link myself
qu-summary-title = Please check the queue:
qu-summary-point = Where: { $point }
qu-summary-capacity = Numbers today: { $capacity }, one per household
qu-summary-near = Residents are told when { $near } are ahead of them
qu-summary-goods = Goods and prices:
qu-summary-no-goods = Goods and prices: none
qu-summary-photos = Photos of the goods: { $count }
qu-summary-announce = Post in the building groups: yes
qu-summary-no-announce = Post in the building groups: no
qu-summary-open = ✅ Start giving out numbers
qu-summary-cancel = ✖ Don't open it
qu-edit-point = ✏️ Where
qu-edit-capacity = ✏️ Numbers
qu-edit-near = ✏️ When to tell
qu-edit-goods = ✏️ Goods
qu-edit-photos = ✏️ Photos
qu-edit-announce = ✏️ Group post
qu-opened = ✅ Queue #{ $id } is giving out numbers{ $groups ->
        [0] .
       *[other] ; the note goes to { $groups } building { $groups ->
            [one] group
           *[other] groups
        } (during quiet hours it waits for the morning).
    }
    The link to take a number (you can forward it to residents): { $link }
    The calling panel is below; /queues opens it too.
qu-role-gone = Your staff role has been taken back, so this was not done. Please ask an admin if you have questions.

## What residents see
qu-none = No queue is giving out numbers right now.
qu-unknown = This queue can't be found any more. Send /queue to see the open ones.
qu-card-title = 🎫 Queue #{ $id } · { $point }
qu-card-numbers = { $capacity } numbers today, { $left } left. One per household.
qu-card-yours = Your household's number: { $number }
qu-card-ahead = { $count } { $count ->
        [one] person is
       *[other] people are
    } ahead of you.
qu-card-we-will-call = We'll tell you when { $near } people are ahead of you, so you can set off, and again when it's your turn: no need to wait outside.
qu-card-ticket-called = 🔔 It's your turn now: please go to the counter.
qu-card-ticket-served = You have been served. Thank you.
qu-card-ticket-skipped = You weren't there when your number was called, so it was skipped. Please see the staff at the point.
qu-card-ticket-unserved = The queue has closed before your number was called. We're sorry.
qu-card-closed = This queue has closed.
qu-serving = Now serving: number { $number }
qu-serving-none-yet = Calling hasn't started yet.
qu-serving-nobody = Nobody is being served right now.
qu-take-button = 🎫 Take a number
qu-refresh-button = 🔄 Refresh
qu-goods-button = 🛒 Goods and prices
qu-taken = ✅ Your number is { $number }.
qu-already = Your household already has a number: { $number }. One per household.
qu-take-gone = Sorry, all of today's numbers have been taken.
qu-take-closed = This queue has closed.
qu-take-unknown = This queue can't be found any more.
qu-take-not-registered = Please register your room first (send /register); each household may take one number.
qu-goods-title = 🛒 Goods and prices at { $point }:
qu-goods-none = { $point } has not published goods and prices.
qu-photo-caption = { $point } · photo { $n } of { $count }
qu-near = ⏰ Queue #{ $id } · { $point }: { $count } { $count ->
        [one] person is
       *[other] people are
    } ahead of your number { $number }. Please set off now.
qu-turn = 🔔 It's your turn! Queue #{ $id } · { $point }: number { $number }, please come to the counter.
qu-closed-unserved = Queue #{ $id } · { $point } has closed, and your number { $number } was not called today. We're sorry; please watch for the next one.

## The note in building groups
qu-post-title = 🎫 Queue numbers: { $point }
qu-post-numbers = { $capacity } numbers today, one per household.
qu-post-goods = Goods and prices:
qu-post-how = Press the button below to take a number in private. We'll tell you when { $near } people are ahead of you, so you can set off: no queueing outside.
qu-post-button = 🎫 Take a number (private chat)

## The staff's calling panel
qu-none-staff = No queue is open. A worker or coordinator can open one with /queue_open.
qu-panel-title = 🧾 Queue #{ $id } · { $point }
qu-panel-numbers = Numbers: { $capacity } in all, { $issued } taken, { $left } left
qu-panel-serving = Now serving: number { $number } ({ $address })
qu-panel-counts = Waiting { $waiting } · served { $served } · skipped { $skipped }
qu-next-button = ▶ Next
qu-skip-button = ⏭ Skip (no-show)
qu-panel-button = 🔄 Refresh
qu-close-button = ✖ Close the queue
qu-called = Number { $number } called; the resident is told.
qu-nobody-waiting = Nobody is waiting now.
qu-stale = Someone has just called a number: now serving number { $number }. The panel is refreshed; please look before pressing again.
qu-call-closed = This queue has closed.
qu-call-unknown = This queue can't be found any more.
qu-close-ask = Close queue #{ $id } · { $point }? The { $waiting } still waiting are told at once.
qu-close-yes = ✅ Close it
qu-close-no = ↩ Keep it open
qu-closed-title = ✅ Queue #{ $id } · { $point } is closed
qu-closed-counts = Served { $served }, skipped { $skipped }, not called { $unserved }
qu-closed-waits = Average wait { $average }, longest { $longest } (from taking a number to being called)
qu-duration-none = —
qu-duration-hours = { $hours } h { $minutes } min
qu-duration-minutes = { $minutes } min { $seconds } s
qu-duration-seconds = { $seconds } s

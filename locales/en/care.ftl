## Key care: the list, plans, the day's checks, outcomes, silence as a signal

cmd-care = Today's key-care round: recorded, due, overdue (staff)

## Tasks
care-task-title = 📋 Today's key care: please { $method }
care-task-who = 🚪 { $address } { $names }
care-task-why = Why: { $why }
care-task-phone = Phone: { $phone }
care-task-daily = Plan: every day
care-task-every = Plan: every { $days } days
care-task-how = When you've been in touch, tap how it went.
care-no-name = (no name given)
care-no-phone = none
care-method-call = call
care-method-visit = visit
care-btn-fine = ✅ All fine
care-btn-needs = 🧺 Needs something
care-btn-no_answer = 📵 No answer
care-silence-title = 🔕 A resident living alone has gone silent by { $time }: no check-in, no notice confirmed, nothing written to me today. Please get in touch soon, and go round if you can't reach them.
care-silence-how = When you've been in touch, tap how it went.
care-retry-title = 📵 No answer just now. Please try once more in a while:
care-retry-how = If there is no answer again, the staff on duty will be asked to go round.
care-kind-round = key-care check
care-kind-silence = silence check

## Recording
care-outcome-due = due
care-outcome-fine = all fine
care-outcome-needs = needs something
care-outcome-no_answer = no answer
care-recorded = Recorded: { $outcome } ({ $name }, { $time })
care-retry-sent = A reminder to try again has gone to whoever is responsible.
care-retry-posted = The second try is posted to the team as a new task: whoever claims it calls again (you can claim it too).
care-escalated-now = The staff on duty were asked to go round (urgent item #{ $id }).
care-already = This was already recorded: { $outcome } ({ $name }, { $time }).
care-not-yours = { $name } is responsible for this check; others can't record it.
care-not-yours-nobody = The staff on duty are responsible for this check; you can't record it.
care-needs-request = 🧺 All right: let's file a request for { $address } now.
care-welfare-no-answer = Welfare visit: { $address } did not answer twice in a row; please go round and check they are safe
care-welfare-unrecorded = Welfare visit: today's { $kind } for { $address } was not recorded by { $time }; please check they are safe

## /care
care-round-title = 📋 My key-care round today ({ $date })
care-round-title-all = 📋 The community's key-care round today ({ $date })
care-round-counts = Recorded { $done } · due { $due } · overdue { $overdue }
care-round-not-yet = Today's checks go out at { $time }.
care-round-due-title = ⏳ Due
care-round-done-title = ✅ Recorded
care-round-overdue-title = ⚠️ Overdue (earlier checks nobody recorded; the staff on duty were told)
care-round-due = { $method }, { $name } responsible
care-round-done = { $outcome } ({ $name } { $time })
care-round-empty = Nobody to check on today.
care-coordinators = the staff on duty
care-escalated = ⚠️ raised #{ $id }
care-kind-silence-tag = 🔕
care-retry-tag = (second try)

## /care list
care-list-title = 📒 My key-care list ({ $count })
care-list-title-all = 📒 The key-care list ({ $count })
care-list-line = · { $address }{ $names }: { $why }; { $method } { $every }, { $who } responsible
care-list-empty = Nobody is on the list yet.
care-no-reason = none
care-every-day = every day
care-every-days = every { $days } days
care-list-usage =
    The list comes from what residents ticked when registering (lives alone, over 75, reduced mobility, chronic medicine), and from people added by hand:
    /care add 3-2-501 just out of hospital: add someone, with the reason
    /care remove 3-2-501: take off someone added by hand
    /care plan 3-2-501 visit every 2 days @volunteer: change the plan (call or visit, every N days, who; "volunteers" posts it to the home help volunteers to claim, "worker" gives it back to the grid worker)

## Changing the list and plans
care-usage =
    How to use it:
    /care: today's checks (workers and volunteers see their own, the staff on duty the whole community)
    /care list: the key-care list
    /care add 3-2-501 reason · /care remove 3-2-501 · /care plan 3-2-501 …
care-add-usage = How to use it: /care add room reason, e.g. /care add 3-2-501 just out of hospital
care-reason-too-long = The reason has { $length } characters; the most is { $max }.
care-bad-room = "{ $input }" is not a room. Write building-unit-room, e.g. 3-2-501.
care-unknown-room = { $address } is not in the room list; please check it.
care-added = ✅ { $address } is on the key-care list ({ $reason }). By default their grid worker calls every day; change it with /care plan.
care-removed = ✅ { $address } was taken off the list of people added by hand.
care-removed-flags-remain = ✅ The reason added by hand was removed. { $address } stays on the list because of what they ticked when registering.
care-remove-flags = { $address } is on the list because of what they ticked when registering (such as living alone); only they can change that, by registering again.
care-not-on-list = { $address } is not on the key-care list.
care-plan-usage = How to use it: /care plan room call|visit every N days @who, e.g. /care plan 3-2-501 visit every 2 days @xiaoli; "volunteers" posts it to volunteers to claim; "worker" gives it back to the grid worker.
care-plan-days = The number of days should be 1 to 30.
care-plan-word = I don't understand "{ $word }". { care-plan-usage }
care-plan-not-staff = { $who } is not a worker or volunteer, so can't be responsible for key-care checks.
care-plan-by-worker = the grid worker
care-plan-saved = ✅ The plan for { $address }: { $method } { $every }, { $who } responsible.

## Claimed by volunteers (a plan "by volunteers")
care-by-team = the { $team } volunteers (whoever claims it first)
care-plan-no-team = The home help team is retired, so checks can't go to volunteers. An admin can bring it back first with /teams add home_help.
care-vt-title = Key care: please { $method } a resident in { $unit }
care-vt-title-retry = Key care (second try): please { $method } a resident in { $unit }
care-claimed = This check is yours. The details are in your private chat; tap how it went when you've been in touch.
care-claim-taken = { $name } already claimed this check.
care-claim-closed = This check is no longer open to claim (it was recorded, or the staff on duty are going round).
care-vt-withdrawn = ⚠️ The check on { $address } wasn't recorded by { $time }, so the staff on duty are going round. Your task is withdrawn and counts no hours. If you did get in touch, tell the staff on duty, and add your time with /addhours.

## The volunteers' ledger: teams, shifts, tasks, hours

cmd-volunteers = The volunteers' ledger: hours given, published
cmd-volunteer = My volunteer details: teams, free times, buildings, published name
cmd-myshifts = My next shifts (volunteers)
cmd-myhours = My hours (volunteers)
cmd-addhours = Add hours not yet recorded, e.g. /addhours 2 carried supplies (volunteers)
cmd-teams = The volunteer teams
cmd-team_shifts = Plan shifts, see who is on and the gaps, e.g. /team_shifts supplies Mon-Fri 08:00-12:00 @lee (coordinators)
cmd-team_task = Post a task to a team, e.g. /team_task supplies take the vegetables to building 3 (coordinators)
cmd-hours = Volunteers' hours in detail, and corrections (coordinators)
cmd-volunteers_export = Export volunteers' hours as CSV (coordinators)

conv-name-volunteer-profile = volunteer details

vt-team-testing = Testing point
vt-team-supplies = Supplies
vt-team-medicine = Medicine runs
vt-team-home_help = Home help
vt-team-none = No team

vt-hours = { $hours } h
vt-building = Building { $building }
vt-buildings-all = All buildings
vt-every-day = Every day
vt-day-range = { $from }–{ $to }
vt-day-0 = Mon
vt-day-1 = Tue
vt-day-2 = Wed
vt-day-3 = Thu
vt-day-4 = Fri
vt-day-5 = Sat
vt-day-6 = Sun
vt-slot-weekday_morning = Weekday mornings
vt-slot-weekday_afternoon = Weekday afternoons
vt-slot-weekday_evening = Weekday evenings
vt-slot-weekend_morning = Weekend mornings
vt-slot-weekend_afternoon = Weekend afternoons
vt-slot-weekend_evening = Weekend evenings
vt-availability-unset = Not given (ask any time)
vt-none-chosen = None
vt-unknown-person = I can't find { $who }. They need to have written to me in private first, or use their numeric Telegram id.
vt-not-a-volunteer = { $who } is not a volunteer yet; /invite volunteer gives you a link to send them.

## Volunteer details (/volunteer)
vt-profile-intro = A few details, so tasks reach you by team, time and building. Tap the buttons at each step, then "Done".
vt-ask-teams = Which teams are you in? Choose any.
vt-teams-at-least-one = Please choose at least one team.
vt-ask-availability = When are you usually free? Choose any, or none if it varies.
vt-ask-buildings = Which buildings do you cover? None chosen means all of them.
vt-btn-profile-done = 👌 Done
vt-use-buttons = Please choose with the buttons above.
vt-ask-consent = Like many communities, we publish the hours volunteers give. May the published ledger show your name?
vt-btn-consent-named = Yes, as "{ $name }"
vt-btn-consent-other = Yes, under another name
vt-btn-consent-anonymous = No, count me anonymously
vt-ask-public-name = Which name should the ledger show? For example: Lee from building 3. At most { $max } characters.
vt-public-name-bad = The name can't be empty and has at most { $max } characters. Please type it again.
vt-profile-saved = Saved.
    Teams: { $teams }
    Free: { $availability }
    Buildings: { $buildings }
    Published ledger: { $consent }
    To change anything, send /volunteer again.
vt-consent-named = named as "{ $name }"
vt-consent-anonymous = counted anonymously
vt-consent-unset = not chosen yet (counted anonymously for now)
vt-consent-ask = Thank you for your help! The community publishes the hours volunteers give. May the ledger show you as "{ $name }"? You can change this any time in /myhours.
vt-consent-saved = Done. In the published ledger you are { $consent }.

## Tasks
vt-btn-claim = 🙋 I'll do it
vt-btn-done = ✅ Done
vt-btn-back = ↩️ Can't do it, give back
vt-post = 📋 [{ $team }] New task: { $title }
    Who is free? The first to press "I'll do it" takes it.
vt-post-urgent = 🔴 [{ $team }] Urgent task: { $title }
    Who can go now? The first to press "I'll do it" takes it.
vt-post-taken = ✔️ Taken by { $name }. Thank you all.
vt-post-held = Staff are handling this now. Thank you all.
vt-post-closed = This task is no longer needed.
vt-title-adhoc = { $text }
vt-claimed = This task is yours:
    [{ $team }] { $title }
    Press "Done" when it is done; your hours count from when you took it.
vt-ok-claim = The task is yours, thank you!
vt-ok-done = Recorded: { $hours }. Thank you!
vt-ok-back = Given back; another volunteer can take it.
vt-refused-unknown = This task can't be found; the button may be out of date.
vt-refused-taken = { $name } already took this task. Thank you anyway!
vt-refused-closed = This task has ended.
vt-refused-not-holder = This task isn't yours; only the volunteer who took it can do that.
vt-refused-state = This button no longer applies.
vt-note-done = { $name } finished [{ $team }] { $title }: { $hours }.
vt-note-back = { $name } gave back [{ $team }] { $title }; it is open again for other volunteers.
vt-task-usage = Usage: /team_task <team> <what to do>, for example:
    /team_task supplies take 20 boxes of vegetables to building 3
    Teams: { $teams }
vt-task-too-long = The task is too long ({ $length } characters); at most { $max }.
vt-task-posted = Task #{ $id } went to { $count } volunteers of [{ $team }]; you'll hear when someone takes it.
vt-task-posted-nobody = Task #{ $id } is recorded, but [{ $team }] has no volunteers yet. Volunteers can take it from /tasks.
vt-board-open = Team tasks ({ $count }); press "I'll do it" to take one:
vt-board-line = [{ $team }] { $title }
vt-board-held = You are doing ({ $count }); press "Open" for the door list or the check again:
vt-btn-open = 📋 Open

## Shifts
vt-shifts-usage = Usage (times in { $timezone }):
    /team_shifts <team> <days> <times> @volunteer…
    e.g. /team_shifts supplies Mon-Fri 08:00-12:00 @lee @zhang
    Add "need 3" or x3 for how many people it needs; several lines at once are fine.
    /team_shifts remove 3 removes shift 3; /team_shifts remove 3 @lee takes one person off it.
vt-shifts-none = No shifts planned yet.
vt-shifts-title = Team shifts ({ $timezone }):
vt-shift-line = #{ $id } { $days } { $times }: { $people }
vt-shift-line-short = #{ $id } { $days } { $times }: { $people } (needs { $needed }, { $missing } missing)
vt-shift-nobody = nobody yet
vt-shifts-team = [{ $team }]
vt-shifts-now-item = { $team }: { $people }
vt-list-semicolon = {"; "}
vt-team-with-key = { $name } ({ $key })
vt-shifts-now = On shift now: { $list }
vt-shifts-now-nobody = Nobody is on shift now.
vt-gaps-none = No gaps.
vt-gaps-title = Gaps:
vt-gap-line = [{ $team }] { $gaps }
vt-gap-short = #{ $id } is { $missing } short
vt-gap-days = no shift on { $days }
vt-shifts-saved = Saved { $count } shift lines.
vt-shifts-problems = Nothing was saved. Please fix these lines and send again:
vt-shifts-more = …and { $count } more problems.
vt-shift-error-format = Line { $line } "{ $text }" isn't clear; it should look like: supplies Mon-Fri 08:00-12:00 @lee
vt-shift-error-team = Line { $line }: there is no team "{ $part }"; /teams lists them.
vt-shift-error-days = Line { $line }: "{ $part }" is not days; write Mon-Fri, Sat,Sun, daily or 周一-周五.
vt-shift-error-time = Line { $line }: "{ $part }" is not a time range like 08:00-12:00.
vt-shift-error-same-time = Line { $line }: it starts and ends at the same time ({ $part }).
vt-shift-error-who = Line { $line }: "{ $part }" should be @username or a numeric id.
vt-shift-error-need = Line { $line }: the number of people needed, "{ $part }", should be 1 to 50.
vt-shift-error-unknown-person = Line { $line }: I can't find { $part }; they need to have written to me in private first.
vt-shift-error-not-volunteer = Line { $line }: { $part } is not a volunteer yet.
vt-shift-error-overlap = Line { $line }: someone would be on shift { $other } at the same time; nobody can be on two shifts at once.
vt-shift-removed = ✅ Shift #{ $id } changed as asked.
vt-shift-not-found = There is no shift #{ $id } (or that person isn't on it).
vt-myshifts-none = You have no shifts in the next 7 days.
vt-myshifts-title = Your shifts in the next 7 days:
vt-myshifts-line = { $day } { $date } { $times } · { $team }
vt-myshifts-now = ▶️ Now: { $day } { $date } { $times } · { $team }

## Hours
vt-myhours-title = Your volunteer hours
vt-myhours-total = { $total } in all, { $week } this week.
vt-myhours-teams = By team: { $list }
vt-myhours-recent = Latest entries:
vt-entry-line = #{ $id } { $day } · { $hours } · { $team } · { $what }{ $capped }{ $corrected }
vt-entry-capped = { " " }(capped at the most one task counts)
vt-entry-corrected = { " " }(corrected, was { $from } h: { $reason })
vt-myhours-consent = In the published ledger you are { $consent }. The buttons below change it.
vt-myhours-hint = Hours not recorded yet? Add them: /addhours 2 carried supplies (say why).
vt-addhours-usage = Usage: /addhours <hours> [date] [team] <reason>
    e.g. /addhours 2.5 carried supplies; /addhours 1:30 yesterday medicine took medicine to building 5
vt-addhours-format = I can't read the hours. Write 2, 2.5, 1:30 or 90m.
    { $usage }
vt-addhours-negative = Hours can't be negative.
vt-addhours-zero = Hours can't be 0.
vt-addhours-over-day = That is more than 24 hours; a day has only 24.
vt-addhours-future = You can't add hours for a day that hasn't come yet.
vt-addhours-too-old = Hours can be added for the last { $days } days; for older ones, please ask a coordinator.
vt-addhours-no-reason = Please add a reason, e.g. /addhours 2 carried supplies.
vt-addhours-reason-long = The reason is too long; at most { $max } characters.
vt-addhours-day-full = { $day } already has { $already }; more would pass 24 hours in one day.
vt-addhours-done = Added #{ $id }: { $day }, { $hours } ({ $team }).
vt-hours-usage = Coordinators: /hours for everyone's hours; /hours @username for one person's entries; /hours fix 12 1.5 <reason> sets entry 12 to 1.5 hours (0 voids it).
vt-hours-title = Volunteers' hours ({ $count } people; for staff, not the published ledger):
vt-hours-line = { $name } ({ $id }): { $hours } in all, { $week } this week
vt-hours-of = Hours of { $name } (for staff):
vt-fix-no-reason = A correction needs a reason, e.g. /hours fix 12 1.5 was there an hour and a half.
vt-entry-unknown = There is no entry #{ $id }.
vt-fix-done = Entry #{ $id } changed from { $from } to { $to }; the volunteer is told, and the change is logged.
vt-note-corrected = Your hours entry #{ $id } ({ $day }) was corrected by { $name } from { $from } to { $to }. Reason: { $reason }. If anything is wrong, please talk to a coordinator.

## Teams
vt-teams-title = Volunteer teams:
vt-teams-line = { $name } ({ $key }): { $count } people
vt-teams-retired = Retired: { $list }
vt-teams-usage = Admins: /teams add <code> <name> (e.g. /teams add cleaning Disinfection); /teams remove <code> retires a team (its hours and shifts are kept).
vt-team-name-needed = A new team needs a name of at most { $max } characters, e.g. /teams add cleaning Disinfection
vt-teams-added = Team "{ $name }" ({ $key }) added.
vt-teams-restored = Team "{ $name }" ({ $key }) is back.
vt-teams-exists = Team "{ $name }" ({ $key }) already exists.
vt-team-retired = Team { $key } retired; its hours and shifts are kept.
vt-team-unknown = There is no team { $key } in use.

## The published ledger (/volunteers)
vt-ledger-title = 🙌 Volunteers' ledger (as of { $at })
vt-ledger-registered = Registered volunteers: { $count }
vt-ledger-total = Hours given: { $hours }
vt-ledger-average-highest = Average { $average }, most { $highest } ({ $who })
vt-ledger-week = This week (from { $from }): { $hours } by { $people } people
vt-ledger-teams = By team:
vt-ledger-team-line = · { $team }: { $members } people, { $hours }
vt-ledger-named = Hours (published with each volunteer's consent):
vt-ledger-named-line = { $n }. { $name } { $hours } (this week { $week })
vt-ledger-named-more = …and { $count } more.
vt-ledger-anonymous = { $count } more volunteers are counted anonymously: { $hours } together.
vt-ledger-empty = No hours recorded yet.
vt-anonymous-one = a volunteer
vt-chart-anonymous = Anonymous { $n }
vt-chart-caption = Volunteers' hours, { $hours } in all

## Export (/volunteers_export)
vt-export-empty = No hours were recorded in that time.
vt-export-caption = Volunteers' hours: { $count } entries, { $hours } in all. The file has volunteers' names; please keep it to staff.
vt-source-task = task
vt-source-manual = added
vt-csv-yes = yes
vt-csv-id = Entry
vt-csv-day = Date
vt-csv-person = Volunteer id
vt-csv-name = Volunteer
vt-csv-public-name = Published name
vt-csv-team = Team
vt-csv-source = Source
vt-csv-task = Task
vt-csv-started = Started
vt-csv-ended = Ended
vt-csv-hours = Hours
vt-csv-capped = Capped
vt-csv-reason = Reason
vt-csv-added-by = Added by
vt-csv-corrected-by = Corrected by
vt-csv-corrected-at = Corrected at
vt-csv-correction-reason = Correction reason
vt-csv-original-hours = Original hours

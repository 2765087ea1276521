## Charts (images sent in chat)
## A chart can only show characters its font has: no emoji.

chart-date = { $month }/{ $day }
chart-building = Bldg { $building }

## Request ledger
chart-ledger-title = Requests, last { $days } days
chart-ledger-subtitle = { $received } received, { $resolved } done: { $rate }% resolved
chart-ledger-subtitle-none = No requests in these days
chart-ledger-by-category = By category (state now)
chart-ledger-by-day = By day filed
chart-ledger-category = { $category } ({ $total })
chart-ledger-count = requests
chart-ledger-state-waiting = Waiting
chart-ledger-state-working = In progress
chart-ledger-state-resolved = Done
chart-ledger-state-cant = Can't be done
chart-ledger-rate = Resolved
chart-cat-medicine = Medicine
chart-cat-gas = Gas
chart-cat-groceries = Groceries
chart-cat-repair = Repairs
chart-cat-testing = Testing
chart-cat-home_help = Home help
chart-cat-policy = Policy
chart-cat-other = Other

## Health check-in
chart-checkin-title = Health check-in { $date }
chart-checkin-subtitle = { $complete } of { $households } households complete ({ $rate }%)
chart-checkin-by-building = Completion by building today
chart-checkin-complete = Complete
chart-checkin-partial = Partly reported
chart-checkin-trend = Completion, last { $days } days
chart-checkin-rate = Completion

## Notice delivery
chart-notice-title = Notice #{ $id } delivery
chart-notice-subtitle = { $recipients } recipients: { $confirmed } confirmed, { $unreachable } not reachable
chart-notice-confirmed = Confirmed
chart-notice-unconfirmed = Delivered, not confirmed
chart-notice-queued = Queued
chart-notice-unreachable = Not reachable
chart-notice-people = people

## Volunteers
chart-volunteers-title = Volunteering, last { $days } days
chart-volunteers-subtitle = { $people } volunteers, { $hours } hours in all
chart-volunteers-by-team = Hours by team
chart-volunteers-top = Top { $count } volunteers by hours
chart-volunteers-hours = hours

## The line under each chart
chart-ledger-caption = Requests of the last { $days } days: by category, by the day filed, and the resolution rate
chart-checkin-caption = Today's check-in by building, and the last { $days } days
chart-notice-caption = Notice #{ $id }: delivered and confirmed per unit ({ $time })

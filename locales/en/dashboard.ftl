## The staff dashboard (a Telegram Mini App, for staff only)

# The menu button's label in a staff member's private chat
dash-menu-button = Dashboard

dash-title = Linli dashboard
dash-updated = Updated { $time }
dash-refresh = Refresh
dash-loading-failed = The figures can't be loaded right now. Please press Refresh in a moment.

## Coverage
dash-grid-title = Households
dash-grid-hint = Each square is a room, coloured by today.
dash-state-none = Nobody registered
dash-state-registered = Registered, can't be messaged
dash-state-reachable = Reachable, no check-in today
dash-state-partial = Checked in, not everyone
dash-state-reported = Checked in today
dash-building = Building { $building }
dash-unit = Unit { $unit }
dash-unit-none = Rooms
dash-building-summary = Registered { $registered }/{ $rooms } · checked in today { $reported }
dash-grid-empty = No rooms yet: an admin can import the list of rooms, or wait for residents to register.

## Requests
dash-requests-title = Open requests
dash-requests-hint = By category and how long they have waited.
dash-requests-empty = No open requests right now.
dash-requests-category = Category
dash-requests-total = Total
dash-age-hour = < 1 h
dash-age-six_hours = 1–6 h
dash-age-day = 6–24 h
dash-age-three_days = 1–3 days
dash-age-older = > 3 days

## Check-in
dash-checkin-title = Today's check-in
dash-checkin-line = { $complete } of { $households } complete · { $partial } partly
dash-checkin-total = In all { $complete } of { $households } complete ({ $rate }%)
dash-checkin-empty = No registered households yet.
dash-checkin-off = The daily check-in is switched off.

## Notices
dash-notices-title = Latest notices
dash-notices-empty = No notices sent yet.
dash-notice-heading = Notice #{ $id } · { $time }
dash-notice-urgent = Urgent
dash-notice-figures = To { $recipients }: delivered { $delivered }, confirmed { $confirmed }, queued { $queued }, unreachable { $unreachable }
dash-notice-confirmed = Confirmed
dash-notice-unconfirmed = Delivered, not confirmed
dash-notice-queued = Queued
dash-notice-unreachable = Unreachable

## When it can't open
dash-error-title = The dashboard can't open
dash-error-unauthorized = We couldn't confirm who you are. Please open the dashboard in Telegram, from the menu button of your private chat with the bot.
dash-error-expired = This sign-in has expired. Please close the page and open it again from the menu button.
dash-error-forbidden = The dashboard is for workers, coordinators and admins.

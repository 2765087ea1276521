## Daily health check-in

cmd-checkin = Report today's temperatures
cmd-checkin_remind = A private reminder every morning (on / off)
cmd-checkin_for = Record a household's temperatures at the door (staff)
cmd-checkin_settings = Check-in times and on/off (admins)
cmd-checkins = Today's health check-in (staff)

## Prompts
checkin-report-button = 🌡 Report / 上报
checkin-report-now = 🌡 Report now
checkin-group-prompt = 🌡 Building { $building }, today's health check-in: each household, please report everyone's temperature by { $deadline }. Tap the button below; it takes a minute in private chat.
checkin-private-prompt = Good morning! Please report everyone's temperature in your household for today's check-in by { $deadline }.
checkin-reminder-missing = Today's health check-in has reached its deadline and we have no temperatures from your household yet. Please report now (anything before { $report } counts for today).
checkin-reminder-partial = Today's health check-in has reached its deadline: { $reported } of the { $members } people in your household { $reported ->
        [one] has
       *[other] have
    } reported; { $missing } still to go. Please report them now.

## Reporting
checkin-not-registered = Please register your room first, then you can report temperatures: send /register (it takes a minute or two), then /checkin.
checkin-status-title = 【{ $address }】Temperatures today ({ $date }):
checkin-status-done = Member { $member }: { $celsius } °C, { $symptom } ✅
checkin-status-missing = Member { $member }: not yet
checkin-ask-member = Whose temperature is this? Tap the member.
checkin-member-button = Member { $member }
checkin-member-button-done = Member { $member } ✅ { $celsius } °C
checkin-done-button = Done
checkin-member-unknown = Your household is registered with { $members } people, so there is no "member { $member }". Tap a button from 1 to { $members }; if the number of people has changed, send /register to update it.
checkin-member-use-buttons = Please tap a button above to choose the member first, then type the temperature.
checkin-ask-temperature-single = Please type your temperature, for example 36.5.
checkin-ask-temperature-member = Please type the temperature of member { $member }, for example 36.5.
checkin-already-reported-single = You already reported { $celsius } °C today ({ $time }). A new reading will replace it.
checkin-already-reported = Member { $member } already reported { $celsius } °C today ({ $time }). A new reading will replace it.
checkin-temp-empty = I didn't get a temperature. Please type a number, for example 36.5.
checkin-temp-not-text = Please type the temperature as a number, for example 36.5 (no photo or voice message needed).
checkin-temp-format = I can't read "{ $input }". Please type just the temperature, for example 36.5 or 36,5.
checkin-temp-missing-point = Is the decimal point missing from "{ $input }"? If it is { $suggestion } °C, please type { $suggestion }.
checkin-temp-too-low = { $shown } is below the range of body temperatures (34.0–43.0 °C). Please measure again and type the reading, for example 36.5.
checkin-temp-too-high = { $shown } is above the range of body temperatures (34.0–43.0 °C). Please measure again and type the reading, for example 36.5.
checkin-temp-fahrenheit = I read { $value } as degrees Fahrenheit: { $value } °F = { $celsius } °C. Is that right?
checkin-f-yes = ✅ Yes, { $celsius } °C
checkin-f-no = ✏️ No, type it again
checkin-f-use-buttons = Please tap a button above: "Yes" to record it, "No" to type it again.
checkin-f-again = All right, please type the temperature again in °C, for example 36.5.
checkin-f-converted = Converted from Fahrenheit: { $value } °F = { $celsius } °C.
checkin-ask-symptom = How do you feel?
checkin-symptom-fine = 😊 Fine
checkin-symptom-cough = Cough
checkin-symptom-sore_throat = Sore throat
checkin-symptom-other = Something else
checkin-symptom-use-buttons = Please tap one of the buttons above.
checkin-ask-note = Please say in a few words what is wrong (at most { $max } characters), or tap "Skip".
checkin-note-skip = Skip
checkin-note-too-long = That has { $length } characters; please keep it within { $max }.
checkin-who-you = You
checkin-who-member = Member { $member }
checkin-saved = ✅ Recorded: { $who }, { $celsius } °C, { $symptom }.
checkin-replaced = This replaces the { $celsius } °C reported at { $time } (the old reading is kept on record).
checkin-fever = 🌡 { $celsius } °C is a fever (37.3 °C or more). { $who } They will contact you soon. If it is serious, call 120 directly.
checkin-fever-phone = They may call the phone number you registered, { $phone }.
checkin-fever-no-phone = You left no phone number, so please watch this chat, or contact the community yourself.
checkin-fever-proxy = 🌡 Fever: { $who }
checkin-alerted-1 = { $count ->
    [one] The coordinator on duty has been alerted.
   *[other] The { $count } coordinators on duty have been alerted.
}
checkin-alerted-2 = Nobody was on duty, so all coordinators and the staff group have been alerted.
checkin-alerted-3 = The community admins have been alerted.
checkin-fever-known = A fever was already reported for this member today and the coordinators know; the new reading has been recorded.
checkin-all-done = 👍 All { $members } people in your household have reported today. Thank you! To change a reading, send /checkin again.
checkin-single-done = Thank you! To change the reading, send /checkin again.
checkin-finished-partial = All right: { $reported } of { $members } people reported today. Send /checkin again when the others have measured.

## Recording for a household
checkin-for-usage = Usage: /checkin_for <room>, for example /checkin_for 3-2-501.
checkin-for-bad-address = I can't read the room "{ $input }". Please write it like 3-2-501.
checkin-for-unknown = Nobody is registered at { $address }. Readings are kept per registered household; please help them register first, or ask a worker.
checkin-for-start = Recording temperatures for 【{ $address }】({ $members } { $members ->
        [one] person
       *[other] people
    }).
checkin-proxy-done = 👍 【{ $address }】{ $reported } of { $members } reported today. To change or add a reading, send /checkin_for { $address } again.
checkin-proxy-note = (recorded by staff at the door)

## For the coordinators
checkin-fever-summary = member { $member }: { $celsius } °C, { $symptom }{ $proxy }
checkin-correction = 【{ $address }】Correction: member { $member } is now { $celsius } °C (the earlier { $old } °C was replaced), no longer a fever.

## Private reminder on/off
checkin-remind-on = Done: every day at { $time } you will get a private reminder to report. Send /checkin_remind off to stop it.
checkin-remind-off = The daily private reminder is off. The building group still gets the prompt. Send /checkin_remind on to turn it back on.
checkin-remind-status-on = Daily private reminder: on ({ $time }). Send /checkin_remind off to stop it.
checkin-remind-status-off = Daily private reminder: off. Send /checkin_remind on to get one every day at { $time }.
checkin-remind-usage = Usage: /checkin_remind on (turn on) or /checkin_remind off (turn off).

## Settings
checkin-settings-show =
    Health check-in: { $state }
    Prompt { $prompt } · deadline { $deadline } · final report { $report } ({ $timezone } time)
checkin-settings-on = on
checkin-settings-off = off
checkin-settings-today = Today:
checkin-settings-step = {"  "}{ $step }: { $state }
checkin-step-prompt = group prompt
checkin-step-deadline = deadline reminders
checkin-step-report = final report
checkin-step-prompted = sent to { $groups } building { $groups ->
        [one] group
       *[other] groups
    }
checkin-step-done = done ({ $time })
checkin-step-waiting = not yet
checkin-settings-usage =
    Change the times: /checkin_settings 07:30 09:30 10:30 (prompt, deadline, final report)
    Change one: /checkin_settings deadline 10:30 (or prompt / report)
    On or off: /checkin_settings on or /checkin_settings off
checkin-settings-saved = ✅ Saved.
checkin-settings-bad-time = "{ $value }" is not a time of day: hours go from 00 to 23 and minutes from 00 to 59, for example 08:00. Nothing was changed.
checkin-settings-order = The times are out of order: the prompt ({ $prompt }) must come before the deadline ({ $deadline }), and the deadline before the final report ({ $report }), all on the same day. Nothing was changed.
checkin-settings-unknown = I don't understand "{ $value }". Nothing was changed.

## Missing list and summary
checkin-missing-title = 🌡 { $date }, the health check-in deadline ({ $deadline }) has passed. Of { $households } { $households ->
        [one] household
       *[other] households
    }: { $missing } not reported, { $partial } reported only in part.
checkin-missing-none = 🌡 { $date }, the health check-in deadline ({ $deadline }) has passed: every household has reported ({ $households }) 👍
checkin-missing-unit = { $unit }: { $rooms }
checkin-missing-reach = Of those not reported: { $reachable } can be messaged, { $unreachable } can't.
checkin-missing-legend = 📵 = can't be messaged, needs a call or a visit; (1/3) = 1 of 3 people reported. A reminder went to { $reminded } { $reminded ->
        [one] household
       *[other] households
    } that can be messaged.
checkin-summary-title = 🌡 Health check-in summary { $date } ({ $time })
checkin-summary-off = (The health check-in is switched off: no prompts or reminders go out.)
checkin-summary-empty = No household has registered yet, so there is nothing to summarise.
checkin-summary-total = { $households } { $households ->
        [one] household
       *[other] households
    }: { $complete } complete, { $partial } partly reported, { $missing } not reported ({ $rate }% complete); { $readings } of { $people } people reported.
checkin-summary-no-fever = Nobody has a fever today.
checkin-summary-fevers = { $count } with a fever:
checkin-summary-fever = {"  "}{ $address } member { $member }: { $celsius } °C, { $symptom }
checkin-summary-by-unit = By building and unit:
checkin-summary-building = Building { $building }: { $households } { $households ->
        [one] household
       *[other] households
    }, { $complete } complete, { $partial } partly, { $missing } not reported
checkin-summary-unit = {"  "}{ $unit }: { $households } { $households ->
        [one] household
       *[other] households
    }, { $complete } complete, { $partial } partly, { $missing } not reported
checkin-summary-missing-rooms = {"    "}Not reported: { $rooms }
checkin-summary-partial-rooms = {"    "}Partly reported: { $rooms }
checkin-summary-missing = Of the { $missing } { $missing ->
        [one] household
       *[other] households
    } not reported: { $reachable } can be messaged, { $unreachable } can't (📵, call or visit).
checkin-summary-trend = Completion over 7 days: { $days }
checkin-trend-day = { $day } { $rate }%

## By grid
checkin-missing-mine = (only the units you look after)
checkin-mine-none = There are no registered households in units you look after, or you have none yet (an admin sets them with /grid). Send /checkins for the whole community.

## Roles
checkin-proxy-role-gone = Your staff role was taken back, so this reading was not saved. If this is a mistake, please ask a community admin.

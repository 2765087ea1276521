# Linli — English

## General
list-separator = {", "}
list-or = {" or "}
denied = Sorry, only { $roles } can do this. If you need it, please ask a community admin.
private-only = Please do this in a private chat with me: tap @{ $bot } to open it.
button-expired = This button no longer works (it may be from an old message). Please send the command again, or /help to see what you can do.
error-generic = Sorry, something went wrong while handling that. Nothing you sent is lost. Please try again in a moment; if it is urgent, contact the community directly.
fallback-private = I didn't understand that message. Send /help to see what I can do.
cancelled = Cancelled. Nothing was saved. You can start again whenever you like.
nothing-to-cancel = There is nothing in progress to cancel.
conv-answer-current = Please answer the current question first.
conv-expected-text = Please answer this question in text.
conv-use-buttons = Please choose with the buttons above.
# Starting a guided conversation while another is still open.
conv-leave-ask = Your { $open } isn't finished yet. Leave it and start { $next }?
conv-restart-ask = Your { $open } isn't finished yet. Leave it and start again?
conv-leave-yes = Yes, leave it
conv-leave-no = No, go on with it
conv-leave-kept = OK: your { $open } is still open. Please answer its last question above.
conv-name-register = registration
conv-name-request = request for help
conv-name-request-note = note on a request
conv-name-notice = notice
conv-name-notice-question = question about a notice
conv-name-checkin = health check-in
conv-name-sos = SOS

## Roles
role-admin = an admin
role-worker = a social worker
role-coordinator = a coordinator
role-volunteer = a volunteer
role-resident = a resident

## Command descriptions
cmd-start = Get started
cmd-register = Register your household
cmd-me = See what is stored about me
cmd-language = Change language
cmd-forget = Delete my personal data
cmd-cancel = Cancel what is in progress
cmd-help = See the commands you can use
cmd-coverage = Registration coverage (workers)
cmd-invite = Create a role invite link (admins)
cmd-roles = See who holds which role (admins)
cmd-revoke = Take a role back (admins)
cmd-layout = Import the list of rooms (admins)
cmd-bind = Bind this group to a building (admins)
help-title = Commands you can use:

## Start
start-new =
    Hello! I am Linli, the neighbourhood helper. I deliver community notices to each household privately and collect what people need.
    Please send /register first to register your room. It takes a minute or two.
start-registered = Hello! You are already registered. Send /me to see your details, or /help for the commands.

## Registration
reg-ask-address = Please type your building-unit-room, for example 3-2-501 (building 3, unit 2, room 501). Without units, write building-room, for example 12-0304.
reg-ask-room-in-building = You are in building { $building }. Please type your unit and room, for example 2-501 (unit 2, room 501); just the room if there are no units.
reg-address-empty = I received nothing. Please type your room, for example { $example }.
reg-address-format = I couldn't read that as a room. Please write it like this: { $example }.
reg-address-too-long = That is too long to be a room. Please type your room, for example { $example }.
reg-address-unknown = { $address } is not in the community's list of rooms. Please check the number and type it again; if it is right, please contact a community worker.
reg-ask-name = How should we address you? (for example: Auntie Wang, Mr Li)
reg-name-empty = The name can't be empty. Please type it again.
reg-name-too-long = That name has { $length } characters; the most is { $max }. Please type a shorter name.
reg-name-no-letter = A name needs at least one letter (any script). Please type how we should address you.
reg-ask-phone = Please leave a phone number so we can reach you in an emergency (you can skip this). Tap the button to share this phone's number, or type a number.
reg-phone-share = 📱 Share my number
reg-phone-skip = Skip
reg-phone-not-yours = That is someone else's contact. Please share your own number, or type it.
reg-phone-expected = Please tap the button to share your number, type a number, or tap "Skip".
reg-phone-letters = A phone number can only have digits (and + or spaces). Please type it again, or tap "Skip".
reg-phone-length = That number has the wrong number of digits (6 to 15). Please type it again, or tap "Skip".
reg-phone-saved = Number saved.
reg-phone-skipped = All right, no phone number.
reg-ask-members = How many people live in your home? Tap a button or type a number (1 to { $max }).
reg-members-invalid = Please type a number from 1 to { $max }.
reg-ask-flags = Does any of this apply to your household? Choose any number, then tap "Done". If none, just tap "Done".
reg-flags-done = Done
reg-flags-use-buttons = Please use the buttons above, then tap "Done".
flag-lives_alone = Lives alone
flag-over_75 = Over 75
flag-reduced_mobility = Reduced mobility
flag-chronic_medicine = Chronic illness, regular medicine
reg-none = none
reg-summary =
    Please check your details:
    Room: { $address }
    Name: { $name }
    Phone: { $phone }
    People in the household: { $members }
    Care needs: { $flags }
reg-consent = We store the details above only so community staff can send you notices and help you when you need it; only community staff can see them. You can delete them at any time with /forget. Tap "Agree and save" if you agree, or the button of anything you want to change.
reg-agree = ✅ Agree and save
reg-edit-room = ✏️ Room
reg-edit-name = ✏️ Name
reg-edit-phone = ✏️ Phone
reg-edit-members = ✏️ People
reg-edit-flags = ✏️ Care needs
reg-confirm-use-buttons = Please use the buttons above: agree and save, or change an answer.
reg-done = ✅ Registered: { $address }, { $name }. Community notices will now reach you privately. Send /me to see your details, /help for more.
reg-continue = You can carry on now: please send { $command } again.

## My details
me-not-registered = You haven't registered yet. Send /register to start.
me-summary =
    What is stored about you:
    Room: { $address }
    Name: { $name }
    Phone: { $phone }
    People in the household: { $members }
    Care needs: { $flags }
    To change something, send /register again; to delete it, send /forget.
language-choose = 请选择语言 / Choose your language:
language-zh-CN = 中文
language-en = English
language-set = Language set to English.
forget-confirm = Do you really want to delete your personal data? Your name, phone number and room registration will be deleted, and you will no longer receive notices for your household.
forget-yes = Yes, delete
forget-no = No, keep it
forget-kept = All right, nothing was deleted.
forget-done = Your personal data has been deleted. To register again, send /register.

## Groups
group-added-admin = Hello everyone, I am Linli, the neighbourhood helper. Admin: please send /bind <building> to tell me which building this group is for (for example /bind 3), or /bind staff for the coordinators' group.
group-added-other = Hello everyone, I am Linli, the neighbourhood helper. A community admin needs to send /bind <building> in this group before I can start.
group-back = I'm back. This group is still { $binding }.
binding-staff = the coordinators' group
binding-building = the group of building { $building }
bind-private = /bind must be sent in the group you want to bind, not in a private chat.
bind-usage = Please name the building, for example /bind 3; for the coordinators' group send /bind staff.
bind-bad-building = "{ $value }" is not a valid building. A building is 1 to 8 letters or digits, for example /bind 3.
bind-unknown-building = Building { $building } is not in the community's list of rooms. Please check it, or import the layout first with /layout.
bind-staff-done = This group is now the coordinators' group. Urgent items and new requests will come here.
welcome-building =
    This is the group of building { $building }. Community notices will be sent to each household privately, so they don't get lost in the group chat.
    Each household, please tap the button below to register your room (it takes a minute or two).
welcome-register-button = 📝 登记 / Register
welcome-cannot-pin = I don't have the right to pin messages, so I couldn't pin the registration message. Please make me an admin with "Pin messages", or pin the message above by hand.

## Invites and roles
invite-usage = Usage: /invite <role>. The role can be admin, worker, coordinator or volunteer.
invite-link =
    Invite link for { $role } (one person only, valid until { $expires }):
    { $link }
    Send it to them privately; when they open it and tap Start, they get the role.
invite-welcome = Welcome! You are now { $role }. Send /help to see the commands you can use.
invite-unknown = This invite link is not valid. Please ask an admin for a new one.
invite-used = This invite link has already been used. Each link works once; please ask an admin for a new one.
invite-expired = This invite link has expired (links are valid for 48 hours). Please ask an admin for a new one.
invite-issuer = This invite link no longer works: the admin who made it is no longer an admin. Please ask a current admin for a new one.
roles-title = Current roles:
roles-none = Nobody has been given a role yet.
roles-from-config = (from the ADMIN_IDS setting)
revoke-usage = Usage: /revoke <@username or user id> <role>, for example /revoke @wang worker.
revoke-unknown-person = I can't find "{ $who }". Use /roles to see user ids.
revoke-config-admin = This admin comes from the configuration (ADMIN_IDS); change the setting and restart to remove them.
revoke-not-held = { $who } does not hold the role of { $role }.
revoke-done = { $who } is no longer { $role }.
revoke-ended-conversations = Their unfinished { $names } was closed; they have been told.

## Layout
layout-usage =
    Import the list of rooms: send a CSV file, or write one room per line after /layout: building,unit,room. Leave the unit empty if there are none. For example:
    /layout
    3,2,501
    3,2,502
    12,,0304
layout-not-csv = Please send a .csv file (each line: building,unit,room).
layout-too-big = The file is too big (at most { $max }). Please split it into several files.
layout-download-failed = I couldn't download that file. Please send it again.
layout-not-text = I couldn't read that file as text. Please save it from Excel as "CSV UTF-8" or "CSV (comma delimited)" and send it again.
layout-encoding = (The file was read as { $encoding }.)
layout-empty = I found no rooms. Write one room per line: building,unit,room.
layout-rejected = The layout has { $count } problem(s), so nothing was imported. Please fix them and send it again:
layout-problem-columns = Line { $line }: needs 3 columns (building,unit,room), found { $found }.
layout-problem-building = Line { $line }: building "{ $value }" is not valid (1 to 8 letters or digits).
layout-problem-unit = Line { $line }: unit "{ $value }" is not valid (1 to 8 letters or digits, or empty if there are no units).
layout-problem-room = Line { $line }: room "{ $value }" is not valid (1 to 8 letters or digits, with at least one digit).
layout-problem-duplicate = Line { $line }: { $address } appears twice (already on line { $firstLine }).
layout-more-problems = …and { $count } more.
layout-imported = Layout imported: { $added } new rooms, { $existing } already there, { $buildings } buildings in all.

## Coverage
coverage-title = Registration coverage
coverage-empty = There is no layout yet and nobody has registered. Import the list of rooms first with /layout.
coverage-unit = { $unit }: { $registered }/{ $rooms } households registered, { $reachable } reachable in private, { $unreachable } not reachable
coverage-unit-no-layout = { $unit }: { $registered } households registered, { $reachable } reachable in private, { $unreachable } not reachable
coverage-missing = {"  "}Not registered: { $rooms }
coverage-total = Total: { $registered }/{ $rooms } households registered, { $missing } still missing; { $reachable } reachable in private, { $unreachable } not reachable.
coverage-total-no-layout = Total: { $registered } households registered; { $reachable } reachable in private, { $unreachable } not reachable.
coverage-no-layout = No layout has been imported, so I can't list the rooms nobody has registered. Import it with /layout to see them.

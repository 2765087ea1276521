## A room with more than one resident, and a worker's /residents

cmd-residents = Who is registered in a room; remove a wrong resident (workers)

## Registering into a room that already has residents
reg-address-removed = Community staff removed your registration from { $address }, so you can't register in that room again yourself. If this is a mistake, please ask your community worker. Please send another room.
reg-done-shared = { $count ->
    [one] Someone else is already registered in this room; they and the community staff have been told that you registered.
   *[other] { $count } other people are already registered in this room; they and the community staff have been told that you registered.
}
reg-joined-resident = 🏠 { $name } registered in your room { $address } on { $time }. If you know them (family, someone you live with), there is nothing to do. If you don't, please tell your community worker: they can remove a wrong registration.
reg-joined-staff = 🏠 { $address }: { $name } registered on { $time }. Already registered in this room: { $others }.
reg-joined-staff-needs = Care needs on record for this room: { $flags }
reg-joined-staff-check = If this looks wrong (for example someone who lives alone), check with the residents, then use /residents { $address } to remove a wrong registration.

## /me for someone who shares a room
me-household = { $others ->
    [one] One other person is registered in this room. All of you together: { $members } people in the household; care needs: { $flags }.
   *[other] { $others } other people are registered in this room. All of you together: { $members } people in the household; care needs: { $flags }.
}

## /coverage: rooms with care needs
coverage-needs = {"  "}Care needs: { $rooms }
coverage-needs-room = { $room } ({ $flags })

## /residents
res-usage = Usage: /residents room, e.g. /residents 3-2-501
res-none = Nobody is registered in { $address }.
res-title = { $address }: { $count } registered
res-title-empty = { $address }: nobody registered now
res-line = { $n }. { $name } · registered { $time } · { $reachable } · says { $members } people; care needs: { $flags }
res-reachable = can be messaged
res-unreachable = can't be messaged
res-combined = The household as all of them describe it: { $members } people; care needs: { $flags }
res-removed-title = Removed by staff (can't register here again):
res-removed-line = { $name } · removed { $time }
res-btn-remove = Remove { $n }. { $name }
res-btn-allow = Let { $name } register here again
res-confirm-remove = Remove { $name } from { $address }? They will no longer get this room's notices, their answers no longer count for the household, and they can't register in this room again unless a worker allows it. They will be told.
res-btn-remove-yes = Yes, remove
res-btn-remove-no = No, keep
res-removed = Removed { $name } from { $address }. They have been told.
res-kept = All right, nothing was changed.
res-gone = That person is no longer registered there; nothing was changed.
res-allowed = { $name } may register in { $address } again.
res-removed-you = Community staff have removed your registration for room { $address }, so you will no longer receive its notices. If this is a mistake, please contact your community worker.

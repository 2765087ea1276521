# Limits: people who send too much, and conversations that end by themselves.

limit-slow-down = You are sending commands faster than I can take them. Please wait about { $seconds } seconds and try again. For an emergency, press 🆘 or send /sos: that always works.
conv-too-many-tries = That's { $tries } tries at this step, so I've stopped your { $name } for now; nothing from it was saved. Start again whenever you like. If it's hard to do here, a community worker can help you.
conv-too-many-answers = Your { $name } has gone on for { $answers } answers, far longer than it should, so I've stopped it here; nothing from it was saved. Please start again; a community worker can help you if something isn't working.
conv-timed-out = Your { $name } waited more than { $hours } hours for an answer, so I've closed it; the unfinished part was not saved. Start again whenever you like.
conv-ended-role = Your role of { $role } was taken back, so your unfinished { $name } was closed and nothing from it was sent. If this is a mistake, please ask a community admin.
conv-role-gone = Your role was taken back before this was finished, so it was not saved. If this is a mistake, please ask a community admin.

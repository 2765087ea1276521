## Questions shared by conversations (photos, words) and amounts of money

ask-text-expected = Please answer this one in words.
ask-use-buttons = Please choose with the buttons below.
ask-use-buttons-not-media = Please choose with the buttons; no photo or file is needed here.
ask-photo-not-text = Please answer this question in words; no photo is needed for this step.
ask-photo-received = Photo { $count } received (at most { $max }). Send more, or press "That's all the photos".
ask-photos-enough = { $count } photos received: that's enough.
ask-photo-expected = Please send a photo here, or press the button below.
money-format = I couldn't read that amount. Please write only the number, e.g. 36.5 or 36.50 (yuan).
money-precision = An amount goes down to the fen (two decimals), e.g. 3.33, not 3.333.
money-negative = An amount can't be negative.
money-too-large = That amount is too large; at most { $max }. Please check it.

## 对话里通用的提问（照片、文字）和金额

ask-text-expected = 这一步请用文字回答。
ask-use-buttons = 请点下面的按钮选择。
ask-use-buttons-not-media = 这一步请点按钮选择，不需要发照片或文件。
ask-photo-not-text = 请用文字回答这个问题，这一步不需要发照片。
ask-photo-received = 收到第 { $count } 张照片（最多 { $max } 张）。还有就继续发，发完点“照片发完了”。
ask-photos-enough = 收到 { $count } 张照片，已经够了。
ask-photo-expected = 这一步请发照片，或者点下面的按钮。
money-format = 没看懂这个金额。请只写数字，例如 36.5 或 36.50（单位：元）。
money-precision = 金额最多到分（小数点后两位），例如 3.33，不能写 3.333。
money-negative = 金额不能是负数。
money-too-large = 金额太大了，最多 { $max }。请检查一下。

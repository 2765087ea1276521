## 网格：每户的专属网格员（私人管家）、私下问网格员、今天要上门的门

cmd-ask = 私下问我的网格员
cmd-grid = 网格安排：哪位社工负责哪栋哪单元（管理员修改）
cmd-mygrid = 我负责的网格，以及居民看到的我的信息（社工）
cmd-doors = 今天要上门的门，按楼层排好（社工）

## 居民知道自己的网格员
grid-my-worker = 您所在的 { $unit } 的网格员：{ $name }
grid-my-worker-unnamed = 您所在的 { $unit } 有专门负责的网格员。
grid-my-worker-phone = 网格员电话：{ $phone }
grid-my-worker-account = 网格员 Telegram：@{ $username }
grid-my-worker-ask = 有问题可以发 /ask 私下问，不用在大群里说。
grid-my-worker-none = 您所在的 { $unit } 还没有安排网格员。有需要请发 /request 求助。
grid-ask-button = 💬 私下问我的网格员

## 私下问网格员
conv-name-ask-worker = 网格员私信
grid-ask-prompt = 请写下您想问网格员的话（一条消息）。只有网格员能看到，不会发到群里。发 /cancel 取消。
grid-reply-prompt = 请写下给 { $address } 的回复（一条消息），我会转给居民。发 /cancel 取消。
grid-text-only = 目前只能转文字，请用文字写下来。
grid-too-long = 这条消息有 { $length } 个字，最多 { $max } 个字。请分几条发。
grid-sent = ✅ 已转给您的网格员。回复会在这里出现。
grid-sent-name = ✅ 已转给您的网格员{ $name }。回复会在这里出现。
grid-sent-step-in = ✅ 网格员今天休息，已转给代班的同事。回复会在这里出现。
grid-sent-step-in-name = ✅ 网格员今天休息，已转给代班的{ $name }。回复会在这里出现。
grid-not-registered = 请先登记房号（发 /register）。登记后就可以私下问您的网格员了。
grid-no-worker = 您所在的单元还没有安排网格员。有需要请发 /request 求助，值班人员会处理。
grid-answer-sent = ✅ 已转给 { $address } 的居民。
grid-closed-resident = 这次对话已经结束，消息没有发出。有新问题请发 /ask。
grid-closed-staff = 这次对话已经结束（已标为解决），消息没有发出。居民有新问题会重新发来。
grid-not-yours = 这段对话不归您负责，消息没有发出。
grid-thread-unknown = 找不到这段对话（可能是很旧的消息）。

## 转给网格员的问题
grid-question-title = 💬 { $address } { $name } 的问题（对话 #{ $id }）
grid-question-notice = （关于通知 #{ $notice }）
grid-question-step-in = （网格员今天休息，请您代为回复）
grid-question-how = 直接回复这条消息，或按“回复”，我会转给居民；居民看不到您的账号。
grid-btn-reply = ↩️ 回复
grid-btn-close = ✅ 已解决
grid-close-closed = 已结束这次对话，居民会收到通知。
grid-close-already = 这次对话已经结束了。
grid-close-unknown = 找不到这段对话（可能是很旧的消息）。
grid-closed-note = ✅ 网格员已把您的问题标为解决。还有问题随时发 /ask。

## 转给居民的回复
grid-answer-from-name = 💬 您的网格员{ $name }回复：
grid-answer-from-worker = 💬 您的网格员回复：
grid-answer-from-staff = 💬 社区工作人员回复：
grid-answer-how = 可以直接回复这条消息继续问。

## 没人回复，转给值班人员
grid-escalated-title = ⏰ { $address } { $name } 问网格员（{ $worker }）的问题，已经 { $hours } 小时没人回复（对话 #{ $id }）：
grid-nobody = 无人

## /grid
grid-usage =
    用法：
    /grid：查看网格安排和还没有网格员的单元
    /grid @用户名：查看这位社工负责哪里
    /grid @用户名 3 4-1：这位社工负责 3 栋（整栋）和 4 栋 1 单元
    /grid deputy @用户名 4-1：这位社工做 4-1 的代班
    /grid clear 4-1：取消 4-1 的安排
grid-bad-unit = “{ $input }”不是楼栋或单元。请写楼栋（如 3）或楼栋-单元（如 3-2）。
grid-unknown-unit = 房号表里没有：{ $units }。请检查楼栋和单元号（/layout 可以导入房号表）。
grid-unknown-person = 我不认识 { $who }。请对方先打开和我的私聊（按 Start），再用 @用户名 或数字 ID 指定。
grid-not-a-worker = { $name } 不是社工。请先用 /invite worker 给对方社工角色，再安排网格。
grid-same-person = { $name } 已经是这里的网格员或代班了，网格员和代班不能是同一个人。
grid-assigned = ✅ 已安排 { $name } 负责：{ $scopes }。
grid-assigned-deputy = ✅ 已安排 { $name } 做代班：{ $scopes }。网格员休息时由代班回复居民。
grid-cleared = 已取消 { $scopes } 的安排（{ $count } 条）。
grid-list-title = 🗺 网格安排
grid-list-empty = 还没有安排任何网格员。
grid-list-row = { $scope }：{ $main }{ $deputy }
grid-list-deputy = ；代班：{ $name }
grid-whole-building = { $building } 栋（整栋）
grid-gaps = ⚠️ 还没有网格员的单元（{ $count } 个）：{ $units }
grid-gaps-none = ✅ 每个单元都有网格员了。
grid-worker-main = { $name } 负责：{ $scopes }
grid-worker-deputy = 代班：{ $scopes }
grid-worker-nothing = { $name } 还没有负责的楼栋或单元。

## /mygrid
mygrid-title = 🗺 我的网格
mygrid-main = 我负责：{ $scopes }
mygrid-main-none = 我还没有负责的楼栋或单元（请管理员用 /grid 安排）。
mygrid-deputy = 代班：{ $scopes }
mygrid-name = 居民看到的称呼：{ $name }
mygrid-name-unset = 未设置（居民只看到“您的网格员”）
mygrid-phone = 给居民的电话：{ $phone }
mygrid-account = 给居民看的 Telegram 账号：{ $account }
mygrid-not-shared = 不告诉居民
mygrid-on = 状态：在岗
mygrid-away = 状态：休息中（居民的新问题转给代班）
mygrid-usage =
    修改：
    /mygrid name 张姐：居民看到的称呼
    /mygrid phone 13800000000 或 /mygrid phone off：是否把电话告诉居民
    /mygrid account on 或 off：是否让居民看到您的 Telegram 账号
    /mygrid off 休息，/mygrid on 回来上班
mygrid-saved = ✅ 已保存。
mygrid-now-away = ✅ 已设为休息。居民的新问题会转给代班。
mygrid-now-on = ✅ 欢迎回来，居民的新问题会转给您。
mygrid-name-invalid = 称呼请写 1 到 { $max } 个字，例如 /mygrid name 张姐
mygrid-phone-invalid = 电话号码看起来不对，请写 6 到 15 位数字，例如 /mygrid phone 13800000000

## /doors
doors-title = 🚪 今天要上门的门：{ $count } 户（{ $units } 个单元）
doors-title-of = 🚪 { $name } 今天要上门的门：{ $count } 户（{ $units } 个单元）
doors-unit = 【{ $unit }】
doors-floor = { $floor } 楼
doors-floor-unknown = 楼层不明
doors-line = · { $room }{ $names }：{ $reasons }{ $phone }
doors-none = 今天没有需要上门的门。👍
doors-no-units = 您还没有负责的楼栋或单元。请管理员用 /grid 安排。
door-unregistered = 没人登记
door-unreachable = 没打开过机器人
door-blocked = 屏蔽了机器人
door-no-checkin = 今天没报体温
door-care-unchecked = 重点关注，今天还没联系上

## 按网格分工（/coverage mine、/report mine）
coverage-mine = （只含您负责的单元）
coverage-mine-none = 您负责的单元里还没有房间或登记的住户，或者还没有给您安排单元（管理员用 /grid 安排）。发 /coverage 查看全社区。
report-mine = （只含您负责的单元）
report-mine-none = 这条通知没有发给您负责的单元，或者还没有给您安排单元（管理员用 /grid 安排）。

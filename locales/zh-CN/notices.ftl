## 通知（社工发布，逐户私信送达）

cmd-notice = 发布通知（社工）
cmd-supersede = 用新通知替换旧通知（社工）
cmd-report = 通知送达情况（社工）
cmd-notices = 查看本户现行的通知
cmd-tag = 给住户加标签，例如 sealed（社工）
cmd-untag = 去掉住户标签（社工）

notice-ask-text = 请发送通知正文（可以用粗体、链接等格式，最多 { $max } 字）。
notice-ask-other-text = 请发送另一个版本的正文（最多 { $max } 字）。
notice-text-expected = 请用文字发送通知正文。
notice-too-long = 这段通知有 { $length } 字，最多只能 { $max } 字（要留位置给房号标签）。请缩短后重新发送。
notice-ask-target =
    发给谁？可以写：
    全部 — 所有住户
    3 — 3 栋；3-2 — 3 栋 2 单元；3-2-501 — 一户
    #sealed — 带某个标签的住户（也可以用 #lives_alone、#over_75、#reduced_mobility、#chronic_medicine）
    全部 除 3-2 — 除 3-2 以外的所有人
    多个用逗号或空格分开，例如：3-2, 3-4
notice-ask-other-target = 这个版本发给谁？（写法同上；同时符合两个版本的住户只收到更具体的那一个）
notice-target-expected = 请用文字写明发给谁，例如 3-2。
notice-target-empty = 没有写发给谁。请写 全部、楼栋、单元、房号或 #标签。
notice-target-bad-part = 看不懂“{ $part }”。请写 全部、楼栋（3）、单元（3-2）、房号（3-2-501）或 #标签。
notice-target-unknown-building = 社区里没有这些楼栋：{ $buildings }。请核对后重新输入。
notice-target-nobody = 这个范围里没有已登记的住户，通知不会送到任何人。请换一个范围。
notice-ask-more-versions = 要不要给另一部分住户发不同的内容？（例如封控单元收到垃圾和快递的安排，其他人收到出行提示）
notice-add-version = ➕ 再加一个版本
notice-no-more-versions = 不用了
notice-ask-urgency = 这条通知紧急吗？紧急通知夜间也会立即发送；普通通知遇到免打扰时段会等到早上。
notice-normal = 普通
notice-urgent = 🔴 紧急
notice-ask-when = 什么时候发送？
notice-now = 现在
notice-later = 定时发送
notice-ask-time = 请写发送时间，例如 18:00、明天 8:00 或 2026-11-23 08:00。
notice-time-format = 看不懂这个时间。请写成 18:00、明天 8:00 或 2026-11-23 08:00。
notice-time-past = 这个时间已经过去了。请写一个以后的时间，例如 明天 8:00。
notice-preview-intro = 预览：住户收到的消息是这样的（以其中一户为例）：
notice-preview-button = 这只是预览，按钮不起作用。
notice-preview-counts = 收件人 { $recipients } 人：可私信 { $reachable } 人，无法私信 { $unreachable } 人（需要电话或上门通知）。
notice-preview-version = 版本 { $n }（{ $target }）：{ $count } 人
notice-preview-urgent = 紧急：立即发送，不受免打扰时段限制。
notice-preview-normal = 普通：遇到免打扰时段会等到早上。
notice-preview-now = 发送时间：确认后立即发送。
notice-preview-estimate-seconds = 预计用时：不到 1 分钟送达 { $count } 位居民{ $paid ->
    [yes] （付费群发）
   *[no] {""}
}。
notice-preview-estimate-minutes = 预计用时：约 { $minutes } 分钟送达 { $count } 位居民{ $paid ->
    [yes] （付费群发）
   *[no] {""}
}。
notice-preview-estimate-hours = 预计用时：约 { $hours } 小时 { $minutes } 分钟送达 { $count } 位居民{ $paid ->
    [yes] （付费群发）
   *[no] {""}
}。
notice-preview-at = 发送时间：{ $time }
notice-confirm-send = ✅ 确认发送
notice-edit-text = ✏️ 改正文
notice-edit-target = ✏️ 改范围
notice-edit-versions = ✏️ 改其他版本
notice-edit-urgency = ✏️ 改紧急程度
notice-edit-when = ✏️ 改时间
notice-cancel = ✖ 取消
notice-sent = 通知 #{ $id } 已进入发送队列，共 { $count } 人。下面是实时送达情况。
notice-scheduled = 通知 #{ $id } 已安排定时发送，共 { $count } 人。下面是送达情况。
notice-superseding = 正在编写替换通知 #{ $id } 的新通知。发送后，旧通知的收件人会收到一条更新提示。
notice-unknown = 找不到通知 #{ $id }。
notice-already-superseded = 通知 #{ $id } 已经被通知 #{ $by } 替换了。

notice-got-it = ✅ 收到
notice-ask = ❓ 有疑问
notice-confirm-ok = 已确认收到，谢谢！
notice-confirm-already = 您已经确认过了。
notice-confirm-not-recipient = 这条通知不是发给您的，所以不能替别人确认。
notice-pointer = 【社区通知】{ $units } 有新通知，已私信发给各户，请查看与 @{ $bot } 的私聊。
notice-superseded-update = 通知 #{ $id } 已更新，旧的内容不再有效。请以最新通知为准，发 /notices 查看。
notice-reminder = 提醒：请查看通知 #{ $id }，看过后请点“收到”。
notice-question-ask = 请写下您对通知 #{ $id } 的疑问（最多 { $max } 字），社区工作人员会答复您。
notice-question-too-long = 这段话有 { $length } 字，最多 { $max } 字。请简短一些。
notice-question-stored = 您的疑问已转给社区工作人员，他们会尽快答复您。

notices-title = 本户现行的通知（最新的在前）：
notices-none = 目前没有发给您的现行通知。
notices-item = 通知 #{ $id } · { $time } · { $confirmed }
notices-confirmed = 已确认
notices-unconfirmed = 未确认

report-title = 📋 通知 #{ $id } 送达情况（{ $status }，更新于 { $time }）
report-status-active = 有效
report-status-superseded = 已被替换
report-total = 合计 { $recipients } 人：已送达 { $sent }，已确认 { $confirmed }，未确认 { $unconfirmed }，排队中 { $queued }，无法送达 { $unreachable }（未开启机器人 { $notStarted }，已屏蔽 { $blocked }），发送失败 { $failed }
report-unit = { $unit }：{ $recipients } 人，已送达 { $sent }，已确认 { $confirmed }，未确认 { $unconfirmed }，排队中 { $queued }，无法送达 { $unreachable }
report-not-started = 　未开启机器人（请电话联系）：{ $rooms }
report-blocked = 　已屏蔽机器人（请电话联系）：{ $rooms }
report-failed = 　发送失败：{ $rooms }
report-questions = 有 { $count } 条疑问，详见 CSV。
report-truncated = ……内容太多，完整名单请点“CSV”。
report-none = 还没有发布过通知。
report-remind = 🔔 提醒未确认的人
report-csv = 📄 CSV
report-remind-nobody = 没有需要提醒的人：所有收到通知的人都已确认。
report-remind-already = 这条通知已经提醒过一次了，不会重复提醒。
report-remind-sent = 已向 { $count } 位未确认的住户发送提醒。

csv-building = 楼栋
csv-unit = 单元
csv-room = 房号
csv-name = 称呼
csv-phone = 电话
csv-status = 状态
csv-confirmed = 确认时间
csv-question = 疑问
state-confirmed = 已确认
state-unconfirmed = 未确认
state-queued = 排队中
state-not_started = 未开启机器人
state-blocked = 已屏蔽
state-failed = 发送失败

tag-usage = 用法：/{ $command } 标签 范围，例如 /{ $command } sealed 3-2。标签是 1 到 30 个字母、数字、_ 或 -。
tag-done-tag = 已给 { $count } 户加上标签 #{ $tag }（范围内共 { $matched } 户已登记）。
tag-done-untag = 已从 { $count } 户去掉标签 #{ $tag }（范围内共 { $matched } 户已登记）。

## 次数限制与角色
notice-role-gone = 在您点“发送”之前，您的社工角色已被收回，所以这条通知没有发给任何人。如有误会，请联系社区管理员。
notice-question-limited = 您这一小时内已经提了好几个问题，工作人员都收到了，会答复您。请先等等他们的答复。

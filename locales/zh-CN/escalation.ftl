## 紧急事项与值班（呼叫值班人员、确认接手、无人应答时逐级上报）

cmd-sos = 🆘 紧急求助：马上通知值班人员
cmd-duty = 设置我是否在值班（值班人员）
cmd-onduty = 现在谁在值班（工作人员）
cmd-shifts = 设置每周值班表（管理员）
cmd-page = 紧急呼叫值班人员（管理员）
cmd-escalation = 紧急事项的处理经过（值班人员、社工）
cmd-escalation_settings = 紧急上报的等待时间和次数（管理员）

## 事项类型
esc-kind-fever = 发烧
esc-kind-request = 紧急求助
esc-kind-sos = SOS 紧急求助
esc-kind-page = 管理员呼叫
esc-kind-welfare = 关怀探访
esc-no-address = 未知
esc-no-phone = 未留
esc-forgotten = （已按本人要求删除）

## 呼叫消息
esc-page-title = 🔴 紧急：{ $kind }（#{ $id }）
esc-page-step-1 = 您正在值班，请尽快处理。
esc-page-step-2 = 值班人员还没有人接手，现在通知全体值班人员。（第 { $round } 轮）
esc-page-step-3 = 仍然没有人接手，现在通知管理员。（第 { $round } 轮）
esc-page-what = 情况：{ $summary }
esc-page-who = 求助人：{ $who }
esc-page-unregistered = ⚠️ 此人未登记，房号和电话可能不知道，请先联系确认。
esc-page-room = 房号：{ $address }
esc-page-phone = 电话：{ $phone }
esc-page-when = 发起时间：{ $time }（{ $ago }）
esc-page-unit = 单元：{ $unit }
esc-page-details-private = 姓名、房号、电话和具体情况只私信发给接手的人。
esc-details-title = 🔴 紧急事项 #{ $id }（{ $kind }）的详细情况，只发给您
esc-ago-now = 刚刚
esc-ago-minutes = { $minutes } 分钟前
esc-btn-ack = ✋ 我来处理
esc-btn-decline = 我处理不了
esc-taken-by = ✅ 已由 { $name } 接手（{ $time }，发起后 { $after }）。不会再发呼叫。
esc-seconds = { $seconds } 秒
esc-minutes-seconds = { $minutes } 分 { $seconds } 秒

## 按钮的回应
esc-ack-won = ✅ 交给您了。其他人会看到由您接手，不会再收到呼叫。
esc-ack-won-details = ✅ 交给您了。详细情况马上私信发给您。
esc-ack-won-open-private = ✅ 交给您了。但我现在还不能私信您，详细情况发不出去：请点群里的按钮打开和我的私聊，再点“开始”。
open-private-for-details = { $name }，这件事交给您了。详细情况只在私聊里发，我现在还不能私信您：请点下面的按钮，再点“开始”。
open-private-button = 🔒 私聊查看详情
esc-ack-again = 您已经接手了这件事。
esc-ack-taken = { $name } 已经在 { $time } 接手了这件事，不用再处理。
esc-unknown = 找不到这件紧急事项（可能是很旧的消息）。
esc-decline-ok = 已记下。会请其他人处理。
esc-decline-again = 您已经说过处理不了这件事。
esc-decline-taken = { $name } 已经接手了这件事。

## 告诉求助人和发起人
esc-resident-coming-name = ✅ 您的紧急求助（#{ $id }）已由社区的 { $name } 接手，正在赶来或会马上联系您。
esc-resident-coming-phone = ✅ 您的紧急求助（#{ $id }）已由社区的 { $name } 接手，正在赶来或会马上联系您。对方电话：{ $phone }
esc-resident-coming = ✅ 您的紧急求助（#{ $id }）已有社区工作人员接手，正在赶来或会马上联系您。
esc-raiser-taken = ✅ 紧急事项 #{ $id } 已由 { $name } 在 { $time } 接手。
esc-gave-up =
    ⚠️ 紧急事项 #{ $id }（{ $kind }：{ $summary }，房号 { $address }）发起 { $minutes } 分钟后仍然没有人接手。
    已在台账中记为“无人接手”。呼叫消息上的按钮仍然可以用，请尽快安排人处理。

## SOS
esc-sos-button = 🆘 紧急求助 SOS
esc-sos-ask = 🆘 发生了什么？请用一句话说明（例如：老伴摔倒了起不来）。发出后会马上通知值班人员。
esc-sos-cancel = 取消，不求助了
esc-sos-cancelled = 已取消，没有发出求助。需要时再按 🆘 紧急求助。
esc-sos-no-details = （只按了求助按钮，没有写情况，请马上联系）
esc-sos-media = （发来了{ $what }，没有文字，请马上联系）{ $extra }
esc-sos-media-voice = 语音
esc-sos-media-photo = 照片
esc-sos-media-video = 视频
esc-sos-media-location = 位置
esc-sos-media-other = 一条消息
esc-sos-sent-1 = 🆘 求助已发出（#{ $id }）。已通知正在值班的 { $count } 位工作人员。请保持电话畅通，有人接手时会告诉您。
esc-sos-sent-2 = 🆘 求助已发出（#{ $id }）。已通知全体值班人员。请保持电话畅通，有人接手时会告诉您。
esc-sos-sent-3 = 🆘 求助已发出（#{ $id }）。已通知社区管理员。请保持电话畅通，有人接手时会告诉您。
esc-sos-sent-nobody = 🆘 求助已记下（#{ $id }），但现在没有能通知到的工作人员。请马上拨打社区电话或 120。
esc-sos-unregistered-note = 您还没有登记房号，请在有人联系您时告诉对方您的住址。
esc-sos-emergency = 如有生命危险，请同时拨打 120。

## /page
esc-page-usage = 用法：/page 情况说明，例如 /page 3栋停水，有老人需要送水
esc-page-too-long = 说明有 { $length } 字，最多 { $max } 字。请缩短后再发。
esc-raised-1 = 已呼叫（#{ $id }）：正在值班的 { $count } 位工作人员。
esc-raised-2 = 已呼叫（#{ $id }）：现在没有人值班，已直接通知全体值班人员和工作群。
esc-raised-3 = 已呼叫（#{ $id }）：没有值班人员可通知，已直接通知管理员。
esc-raised-nobody = 事项已记下（#{ $id }），但没有任何人可以通知。请先用 /invite coordinator 添加值班人员。

## /duty 与 /onduty
esc-duty-usage =
    用法：
    /duty on — 开始值班（一直到 /duty off）
    /duty off — 结束值班（在班次中发送：本班次剩下的时间不再呼叫您）
    /duty share name|phone|none — 有人求助时告诉对方：您的称呼 / 称呼和电话 / 什么都不说
esc-duty-on = ✅ 您现在在值班。紧急事项会马上通知您，直到您发送 /duty off。
esc-duty-off = 您现在不在值班。
esc-duty-off-shift = 您现在不在值班，到 { $until } 本班次结束。之后的班次照常。
esc-duty-share-name = 好的：您接手求助时，会告诉求助人您的称呼（{ $name }）。
esc-duty-share-phone = 好的：您接手求助时，会告诉求助人您的称呼和电话（{ $phone }）。
esc-duty-share-phone-missing = 好的。但我们没有您的电话号码，所以只会告诉对方您的称呼（{ $name }）。可以用 /register 留下电话。
esc-duty-share-none = 好的：您接手求助时，只告诉求助人“社区工作人员已接手”，不说是谁。
esc-duty-status-manual = 您现在在值班（/duty on）。
esc-duty-status-shift = 您现在在值班（按班次，到 { $until }）。
esc-duty-status-off = 您现在不在值班。
esc-duty-status-shifts = 您的班次：{ $shifts }
esc-duty-status-share-name = 接手求助时告诉对方：您的称呼
esc-duty-status-share-phone = 接手求助时告诉对方：您的称呼和电话
esc-duty-status-share-none = 接手求助时告诉对方：不说是谁
esc-onduty-title = 现在在值班（{ $count } 人）：
esc-onduty-manual = • { $name }（/duty on）
esc-onduty-shift = • { $name }（班次：{ $shift }）
esc-onduty-nobody = 现在没有人值班。紧急事项会直接通知全体值班人员和工作群。

## /shifts
esc-shifts-usage =
    用法：/shifts 后面每行一个班次，格式：星期 时间 人，例如
    /shifts
    Mon-Sun 08:00-16:00 @zhang_san
    Mon-Fri 16:00-24:00 @li_si
    Sat-Sun 22:00-06:00 123456789
    星期可以写 Mon-Fri、Sat,Sun、周一-周五 或 每天；时间是社区时间（{ $timezone }）；人写 @用户名 或 Telegram 数字 ID。
    每次发送的是完整的值班表，会替换原来的。/shifts clear 清空。
esc-shifts-title = 每周值班表（{ $timezone }）：
esc-shifts-line = { $position }. { $line } — { $name }
esc-shifts-none = 还没有值班表。
esc-shifts-saved = ✅ 值班表已保存，共 { $count } 个班次。
esc-shifts-cleared = 值班表已清空。现在只有发送了 /duty on 的人在值班。
esc-shifts-problems = 值班表有问题，什么都没有改动。请改正后把整张表重新发送：
esc-shifts-more = ……还有 { $count } 个问题没有列出。
esc-shift-error-format = 第 { $line } 行“{ $text }”：应该是“星期 时间 人”三部分，例如 Mon-Sun 08:00-16:00 @zhang_san。
esc-shift-error-days = 第 { $line } 行“{ $text }”：看不懂星期“{ $part }”。请写 Mon-Fri、Sat,Sun、周一-周五 或 每天。
esc-shift-error-time = 第 { $line } 行“{ $text }”：看不懂时间“{ $part }”。请写成 08:00-16:00。
esc-shift-error-same-time = 第 { $line } 行“{ $text }”：开始和结束时间相同。全天请写 00:00-24:00。
esc-shift-error-who = 第 { $line } 行“{ $text }”：看不懂“{ $part }”是谁。请写 @用户名 或 Telegram 数字 ID。
esc-shift-error-unknown-person = 第 { $line } 行“{ $text }”：我不认识 { $part }。请让对方先私信我一次（发 /start），再设置班次。
esc-shift-error-not-coordinator = 第 { $line } 行“{ $text }”：{ $part } 不是值班人员。请先用 /invite coordinator 邀请。
esc-shift-error-overlap = 第 { $line } 行“{ $text }”：和第 { $other } 行是同一个人，时间重叠了。

## /escalation_settings
esc-settings-show =
    紧急上报设置：
    第 1 步（正在值班的人）等待 { $step1 } 分钟
    第 2 步（全体值班人员和工作群）等待 { $step2 } 分钟
    第 3 步（管理员）等待 { $step3 } 分钟
    第 2、3 步再重复 { $repeats } 次，之后记为“无人接手”并告诉管理员。
esc-settings-usage = 修改：/escalation_settings step1 5 step2 5 step3 5 repeats 3（分钟 1–120，重复 0–10 次，可以只写要改的）
esc-settings-saved = ✅ 已保存。
esc-settings-error-format = 看不懂“{ $part }”。请写成 step1 5 或 step1=5。
esc-settings-error-key = 没有“{ $part }”这一项。可以改：step1、step2、step3、repeats。
esc-settings-error-range = “{ $part }”超出范围：等待时间是 1–120 分钟，重复次数是 0–10 次。

## /escalation：处理经过
esc-usage = 用法：/escalation 编号，例如 /escalation 12。不写编号时列出最近的紧急事项。
esc-list-title = 最近的紧急事项（新的在前）：
esc-list-line = #{ $id } { $time } { $kind } { $address } — { $status }
esc-list-none = 还没有紧急事项。
esc-status-open = 处理中（第 { $step } 步）
esc-status-acknowledged = { $name } 已接手（{ $after }）
esc-status-unacknowledged = ⚠️ 无人接手
esc-tl-title = 紧急事项 #{ $id }：{ $kind }
esc-tl-created = { $time } 由 { $name } 发起
esc-tl-step = { $time } 第 { $step } 步（第 { $round } 轮）：通知了 { $count } 处
esc-tl-nobody = { $time } 第 { $step } 步：没有可通知的人，直接下一步
esc-tl-page = { "  " }→ { $to }：{ $status }
esc-tl-group = 工作群 { $chat }
esc-tl-declined = { $time } { $name }：处理不了
esc-tl-acknowledged = { $time } { $name }：我来处理（发起后 { $after }）
esc-tl-cancelled = { $time } 取消了 { $count } 条还没发出的呼叫
esc-tl-gave-up = { $time } 无人接手：记入台账并告诉管理员
esc-tl-page-pending = 等待发送
esc-tl-page-sending = 正在发送
esc-tl-page-sent = { $time } 已送达（消息 { $message }）
esc-tl-page-failed = 没有送达（{ $reason }）
esc-tl-page-dead = 没有送达（{ $reason }）
esc-tl-page-edited = ，已改为“已接手”

## 再次求助、次数限制、短时间内大量紧急事项
esc-sos-folded = 🆘 已补充到您的求助 #{ $id }：求助已经在值班人员那里，正在通知他们。请保持电话畅通，有人接手时会告诉您。
esc-sos-limited-waiting = 🆘 您的求助 #{ $id } 已经在值班人员那里了，不用再发。请保持电话畅通，有人接手时会告诉您。
esc-sos-limited = 🆘 您这一小时内已经发了好几次求助，都已经在值班人员那里，他们会联系您。
esc-tl-again = { $time } 再次求助：{ $line }
esc-burst-alert = ⚠️ 最近 { $minutes } 分钟内有 { $count } 件紧急事项（{ $kinds }），比平时多。值班人员可能忙不过来，请看看是否需要加派人手。/escalation 可以查看。

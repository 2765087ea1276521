## 每日健康打卡

cmd-checkin = 上报今天的体温
cmd-checkin_remind = 每天早上私信提醒我打卡（on / off）
cmd-checkin_for = 替住户登记体温（上门时用，工作人员）
cmd-checkin_settings = 健康打卡的时间和开关（管理员）
cmd-checkins = 今天的健康打卡情况（工作人员）

## 提醒
checkin-report-button = 🌡 上报 / Report
checkin-report-now = 🌡 现在上报
checkin-group-prompt = 🌡 { $building } 栋今日健康打卡：请每户在 { $deadline } 前上报家里每个人的体温。点下面的按钮，在私聊里一分钟就能报完。
checkin-private-prompt = 早上好！今天的健康打卡请在 { $deadline } 前上报家里每个人的体温。
checkin-reminder-missing = 今天的健康打卡已到截止时间，还没有收到您家的体温。请现在上报（{ $report } 前报的都会计入今天）。
checkin-reminder-partial = 今天的健康打卡已到截止时间：您家 { $members } 人，已报 { $reported } 人，还差 { $missing } 人。请现在补报。

## 上报
checkin-not-registered = 要先登记房号才能上报体温。请发 /register，一两分钟就好，登记完再发 /checkin。
checkin-status-title = 【{ $address }】今天（{ $date }）的体温：
checkin-status-done = 成员 { $member }：{ $celsius }℃，{ $symptom } ✅
checkin-status-missing = 成员 { $member }：还没报
checkin-ask-member = 这次报谁的体温？请点对应的成员。
checkin-member-button = 成员 { $member }
checkin-member-button-done = 成员 { $member } ✅ { $celsius }℃
checkin-done-button = 完成
checkin-member-unknown = 您家登记的是 { $members } 人，没有“成员 { $member }”。请点上面的按钮选 1 到 { $members }；如果家里人数变了，请发 /register 更新。
checkin-member-use-buttons = 请先点上面的按钮选是哪位成员，再输入体温。
checkin-ask-temperature-single = 请输入您的体温，例如 36.5。
checkin-ask-temperature-member = 请输入成员 { $member } 的体温，例如 36.5。
checkin-already-reported-single = 您今天已经报过 { $celsius }℃（{ $time }）。再报一次会替换之前的读数。
checkin-already-reported = 成员 { $member } 今天已经报过 { $celsius }℃（{ $time }）。再报一次会替换之前的读数。
checkin-temp-empty = 没有收到体温。请输入数字，例如 36.5。
checkin-temp-not-text = 请直接输入体温数字，例如 36.5（不用发照片或语音）。
checkin-temp-format = 看不懂“{ $input }”。请只输入体温数字，例如 36.5 或 36,5。
checkin-temp-missing-point = “{ $input }”是不是少了小数点？如果是 { $suggestion }℃，请输入 { $suggestion }。
checkin-temp-too-low = { $shown } 低于正常的体温范围（34.0–43.0℃）。请再量一次，然后输入读数，例如 36.5。
checkin-temp-too-high = { $shown } 高于能测到的体温范围（34.0–43.0℃）。请再量一次，然后输入读数，例如 36.5。
checkin-temp-fahrenheit = 您输入的 { $value } 我按华氏度理解：{ $value }℉ = { $celsius }℃。对吗？
checkin-f-yes = ✅ 对，是 { $celsius }℃
checkin-f-no = ✏️ 不对，重新输入
checkin-f-use-buttons = 请点上面的按钮：“对”就记下，“不对”就重新输入。
checkin-f-again = 好的，请重新输入体温（摄氏度），例如 36.5。
checkin-f-converted = 已按华氏度换算：{ $value }℉ = { $celsius }℃。
checkin-ask-symptom = 身体感觉怎么样？
checkin-symptom-fine = 😊 正常
checkin-symptom-cough = 咳嗽
checkin-symptom-sore_throat = 喉咙痛
checkin-symptom-other = 其他不舒服
checkin-symptom-use-buttons = 请点上面的按钮选一项。
checkin-ask-note = 请简单说一下哪里不舒服（{ $max } 字以内），或者点“跳过”。
checkin-note-skip = 跳过
checkin-note-too-long = 这段有 { $length } 字，请在 { $max } 字以内说明。
checkin-who-you = 您
checkin-who-member = 成员 { $member }
checkin-saved = ✅ 已记录：{ $who } { $celsius }℃，{ $symptom }。
checkin-replaced = 这次读数替换了 { $time } 报的 { $celsius }℃（旧读数留有记录）。
checkin-fever = 🌡 { $celsius }℃ 属于发烧（37.3℃ 及以上）。{ $who }他们会尽快联系您。如果情况严重，请直接拨打 120。
checkin-fever-phone = 值班人员可能会打您登记的电话 { $phone }。
checkin-fever-no-phone = 您没有留电话，请留意这里的消息，也可以主动联系社区。
checkin-fever-proxy = 🌡 发烧：{ $who }
checkin-alerted-1 = 已经通知了值班人员（{ $count } 人）。
checkin-alerted-2 = 现在没有人在岗，已经通知了全体值班人员和值班群。
checkin-alerted-3 = 已经通知了社区管理员。
checkin-fever-known = 今天已经为这位成员报过发烧，值班人员已经知道了；新读数已更新到记录里。
checkin-all-done = 👍 全家 { $members } 人今天都报好了，谢谢！要改哪个读数，再发 /checkin。
checkin-single-done = 谢谢！要改读数，再发 /checkin。
checkin-finished-partial = 好的，今天已报 { $reported }/{ $members } 人。其他人量好后再发 /checkin 补报。

## 代登记
checkin-for-usage = 用法：/checkin_for 房号，例如 /checkin_for 3-2-501。
checkin-for-bad-address = 看不懂房号“{ $input }”。请写成 3-2-501 这样。
checkin-for-unknown = { $address } 没有登记的住户。体温按登记的住户保存；请先帮住户登记，或联系社工。
checkin-for-start = 正在替【{ $address }】登记体温（共 { $members } 人）。
checkin-proxy-done = 👍 【{ $address }】今天已报 { $reported }/{ $members } 人。要修改或补报，再发 /checkin_for { $address }。
checkin-proxy-note = （工作人员上门代报）

## 给值班人员
checkin-fever-summary = 成员 { $member } 体温 { $celsius }℃，{ $symptom }{ $proxy }
checkin-correction = 【{ $address }】更正：成员 { $member } 的体温改为 { $celsius }℃（之前报的 { $old }℃ 已被替换），不再算发烧。

## 私信提醒开关
checkin-remind-on = 好的，以后每天 { $time } 会私信提醒您打卡。发 /checkin_remind off 关闭。
checkin-remind-off = 已关闭每天的私信提醒。楼栋群里仍会有打卡提醒。发 /checkin_remind on 可以重新打开。
checkin-remind-status-on = 每天的私信提醒：已打开（{ $time }）。发 /checkin_remind off 关闭。
checkin-remind-status-off = 每天的私信提醒：已关闭。发 /checkin_remind on 打开，每天 { $time } 私信提醒您。
checkin-remind-usage = 用法：/checkin_remind on（打开）或 /checkin_remind off（关闭）。

## 设置
checkin-settings-show =
    健康打卡：{ $state }
    提醒 { $prompt } · 截止 { $deadline } · 汇总 { $report }（{ $timezone } 时间）
checkin-settings-on = 已开启
checkin-settings-off = 已关闭
checkin-settings-today = 今天：
checkin-settings-step = 　{ $step }：{ $state }
checkin-step-prompt = 群提醒
checkin-step-deadline = 截止提醒
checkin-step-report = 汇总
checkin-step-prompted = 已发到 { $groups } 个楼栋群
checkin-step-done = 已完成（{ $time }）
checkin-step-waiting = 还没到
checkin-settings-usage =
    修改时间：/checkin_settings 07:30 09:30 10:30（依次是提醒、截止、汇总）
    只改一项：/checkin_settings deadline 10:30（也可以写 提醒 / 截止 / 汇总）
    开关：/checkin_settings on 或 /checkin_settings off
checkin-settings-saved = ✅ 已保存。
checkin-settings-bad-time = “{ $value }”不是一天中的时间：小时是 00–23，分钟是 00–59，例如 08:00。什么都没有改。
checkin-settings-order = 时间顺序不对：提醒（{ $prompt }）要早于截止（{ $deadline }），截止要早于汇总（{ $report }），而且都在同一天。什么都没有改。
checkin-settings-unknown = 看不懂“{ $value }”。什么都没有改。

## 截止名单和汇总
checkin-missing-title = 🌡 { $date } 健康打卡到截止时间（{ $deadline }）了：{ $households } 户中还有 { $missing } 户没报，{ $partial } 户没报全。
checkin-missing-none = 🌡 { $date } 健康打卡到截止时间（{ $deadline }）了：全部 { $households } 户都报完了 👍
checkin-missing-unit = { $unit }：{ $rooms }
checkin-missing-reach = 完全没报的户中：可私信 { $reachable } 户，无法私信 { $unreachable } 户。
checkin-missing-legend = 📵 = 无法私信，需要电话或上门；(1/3) = 3 人中已报 1 人。已给可私信的 { $reminded } 户发了提醒。
checkin-summary-title = 🌡 健康打卡汇总 { $date }（{ $time }）
checkin-summary-off = （健康打卡目前已关闭，不会自动提醒。）
checkin-summary-empty = 还没有登记的住户，没有可汇总的内容。
checkin-summary-total = 合计 { $households } 户：报全 { $complete }，没报全 { $partial }，没报 { $missing }（完成率 { $rate }%）；已报 { $readings }/{ $people } 人。
checkin-summary-no-fever = 今天没有人发烧。
checkin-summary-fevers = 发烧 { $count } 人：
checkin-summary-fever = 　{ $address } 成员 { $member }：{ $celsius }℃，{ $symptom }
checkin-summary-by-unit = 各楼栋和单元：
checkin-summary-building = { $building } 栋：{ $households } 户，报全 { $complete }，没报全 { $partial }，没报 { $missing }
checkin-summary-unit = 　{ $unit }：{ $households } 户，报全 { $complete }，没报全 { $partial }，没报 { $missing }
checkin-summary-missing-rooms = 　　没报：{ $rooms }
checkin-summary-partial-rooms = 　　没报全：{ $rooms }
checkin-summary-missing = 没报的 { $missing } 户中：可私信 { $reachable } 户，无法私信 { $unreachable } 户（📵，需要电话或上门）。
checkin-summary-trend = 近 7 天完成率：{ $days }
checkin-trend-day = { $day } { $rate }%

## 按网格
checkin-missing-mine = （只含您负责的单元）
checkin-mine-none = 您负责的单元里还没有登记的住户，或者还没有给您安排单元（管理员用 /grid 安排）。发 /checkins 查看全社区。

## 角色
checkin-proxy-role-gone = 您的工作人员角色已被收回，这次体温没有保存。如有误会，请联系社区管理员。

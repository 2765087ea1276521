## 求助（居民在私聊里提出，值班人员和志愿者办理）

cmd-request = 🆘 求助：告诉我们您需要什么
cmd-requests = 查看我的求助和办理进度
cmd-tasks = 可以认领的任务（志愿者）
cmd-ledger = 求助台账：本班、今日、超时（值班人员）
cmd-export = 导出求助记录 CSV，例如 /export 11-20 11-22（值班人员）

rq-ask-for-help-button = 🆘 求助 / Ask for help

## 登记求助
rq-register-first = 提出求助前，需要先登记您的房号，这样工作人员才知道去哪里帮您。只要一两分钟，登记完马上回到求助。
rq-back-to-request = 好的，现在回到您的求助。
rq-ask-for-whom = 这个求助是为谁提的？
rq-for-self = 为我自己
rq-for-household = 为某一户（选房号）
rq-for-unregistered = 为没登记的人（比如独居老人）
rq-ask-household-room = 请输入这户的房号，例如 3-2-501。
rq-ask-subject-name = 请输入对方的称呼，例如：王奶奶。
rq-ask-subject-phone = 对方的联系电话是多少？没有就点“跳过”。
rq-ask-unregistered-room = 对方住在哪个房号？例如 3-2-501。不知道就点“跳过”。
rq-need-phone-or-room = 电话和房号至少要留一个，不然工作人员找不到对方。请再输入一次。
rq-skip = 跳过
rq-ask-category = 您需要哪方面的帮助？请点一个：
rq-cat-medicine = 💊 买药 / 药品
rq-cat-gas = 🔥 燃气
rq-cat-groceries = 🛒 买菜和生活用品
rq-cat-repair = 🔧 维修（水、电、马桶堵了……）
rq-cat-testing = 🧪 上门核酸 / 检测
rq-cat-home_help = 🧓 独居或行动不便，需要人帮
rq-cat-policy = ❓ 政策咨询
rq-cat-other = 📝 其他

rq-ask-medicine = 需要什么药？请写药名（可以写几种，每种一行）。
rq-ask-quantity = 需要多少？例如：2 盒、吃一个月的量。
rq-ask-photos = 有处方或药盒、坏的地方的照片吗？可以直接发照片（最多 { $photos } 张）；没有就点“没有照片”。
rq-ask-gas_problem = 燃气是什么情况？
rq-ask-note = 还有什么要补充的吗？（可以跳过）
rq-ask-list = 请写下要买的东西，每样一行，例如：
    大米 1 袋
    白菜 2 颗
rq-ask-payment = 怎么付钱？
rq-ask-problem = 什么坏了、在哪里？例如：厨房水管漏水。
rq-ask-people = 家里几个人需要上门检测？点按钮或输入数字。
rq-ask-reason = 为什么不能自己去检测点？
rq-ask-need = 需要哪方面的帮助？
rq-ask-description = 请具体说一说情况（最多 { $max } 字）。
rq-ask-question = 请写下您的问题（最多 { $max } 字）。
rq-ask-notice = 这个问题和哪条通知有关？
rq-notice-button = 通知 #{ $id }（{ $time }）
rq-notice-none = 和通知无关
rq-notice-ref = 通知 #{ $id }

rq-opt-gas_problem-empty = 没气了
rq-opt-gas_problem-topup = 燃气卡要充值
rq-opt-gas_problem-leak = ⚠️ 闻到燃气味
rq-opt-gas_problem-other = 其他问题
rq-opt-payment-on_delivery = 送到时付钱
rq-opt-payment-paid = 可以先转账
rq-opt-payment-help = 付钱有困难
rq-opt-reason-cant_walk = 走不动
rq-opt-reason-bedridden = 卧床
rq-opt-reason-isolated = 正在隔离
rq-opt-reason-other = 其他原因
rq-opt-need-food = 吃饭
rq-opt-need-water = 喝水、热水
rq-opt-need-move = 出行、轮椅
rq-opt-need-visit = 上门看看
rq-opt-need-other = 其他

rq-gas-leak-safety = ⚠️ 闻到燃气味：请马上关掉燃气阀门，打开门窗，不要开关电器、不要点火，人先离开屋子，并拨打燃气抢修电话或 119。我们会按紧急情况通知值班人员。
rq-no-photo = 没有照片
rq-photos-done = 照片发完了
rq-photo-received = 收到第 { $count } 张照片（最多 { $max } 张）。还有就继续发，发完点“照片发完了”。
rq-photos-enough = 收到 { $count } 张照片，已经够了。
rq-photo-expected = 这一步请发照片，或者点下面的按钮。
rq-text-empty = 没有收到内容，请再写一次。
rq-list-empty = 清单是空的。请至少写一样要买的东西，每样一行。
rq-text-too-long = 这段话有 { $length } 个字，最多 { $max } 个字。请写得简短一些，重点写清楚需要什么。
rq-count-invalid = 请点按钮或输入 1 到 20 之间的数字。
rq-ask-urgency = 有多急？
rq-urgency-choice-now = 🔴 紧急，现在就需要
rq-urgency-choice-today = 🟠 今天之内
rq-urgency-choice-later = 🟢 可以等几天
rq-urgency-now = 🔴 紧急
rq-urgency-today = 🟠 今天
rq-urgency-later = 🟢 可以等

rq-summary-title = 请核对您的求助：
rq-summary-for = 为谁：{ $subject }
rq-summary-household = { $address } 这一户
rq-summary-unregistered = { $name }（未登记，电话 { $phone }，房号 { $address }）
rq-summary-category = 类别：{ $category }
rq-summary-urgency = 紧急程度：{ $urgency }
rq-summary-hint = 没问题就点“发送”；哪一项要改就点对应的按钮。
rq-summary-use-buttons = 请点上面的按钮：发送，或者修改某一项。
rq-send = ✅ 发送
rq-cancel = ✖ 不发了
rq-edit = ✏️ 改{ $field }
rq-field-category = 类别
rq-field-urgency = 紧急程度
rq-field-subject = 为谁
rq-field-medicine = 药品
rq-field-quantity = 数量
rq-field-photos = 照片
rq-field-gas_problem = 情况
rq-field-note = 补充
rq-field-list = 清单
rq-field-payment = 付款
rq-field-problem = 问题
rq-field-people = 人数
rq-field-reason = 原因
rq-field-need = 需要
rq-field-description = 说明
rq-field-question = 问题
rq-field-notice = 有关通知
rq-detail-line = { $label }：{ $value }

rq-filed = ✅ 已收到您的求助，编号 { $number }。打电话时报这个编号就能查到。值班人员会尽快处理，每有进展都会告诉您；发 /requests 可以随时查看。
rq-filed-proxy = 办理进展会发给您，请转告对方。
rq-filed-urgent = 已按紧急情况通知值班人员。如果有生命危险，请立刻拨打 120 或 110。
rq-notice-question-filed = 您的疑问已转给社区工作人员（编号 { $number }），他们会尽快答复您。

## 工作人员看到的卡片
rq-card-title = 🆘 求助 { $number } · { $category } · { $urgency }
rq-line-room = 房号：{ $address }
rq-line-unit = 单元：{ $unit }
rq-line-filed = 提交时间：{ $time }（{ $ago }前）
rq-line-filed-now = 提交时间：{ $time }（刚刚）
rq-card-details-private = 房号、姓名、电话和具体需要只私信发给接手的人。
rq-line-unregistered = 对象：{ $name }（未登记）
rq-line-resident = 居民：{ $name }
rq-line-phone = 电话：{ $phone }
rq-line-filed-by = 代登记：{ $name }
rq-no-room = 未知
rq-no-phone = 未留
rq-no-note = 无
rq-card-status-new = 状态：🆕 等人接手
rq-card-status-taken = 状态：🙋 { $handler } 已接手
rq-card-status-assigned = 状态：👥 已派给志愿者 { $assignee }，等对方接受
rq-card-status-accepted = 状态：🚶 志愿者 { $assignee } 正在办
rq-card-status-done = 状态：✅ 已办完（{ $note }），等居民确认
rq-card-status-solved = 状态：🎉 居民确认已解决
rq-card-status-reopened = 状态：↩️ 居民说还没解决：{ $note }
rq-card-status-cant_do = 状态：✖ 无法办理：{ $note }
rq-card-group-status-done = 状态：✅ 已办完，等居民确认
rq-card-group-status-reopened = 状态：↩️ 居民说还没解决
rq-card-group-status-cant_do = 状态：✖ 无法办理
rq-btn-take = 🙋 我来处理
rq-btn-assign = 👥 派给志愿者
rq-btn-reassign = 👥 改派
rq-btn-done = ✅ 办完了
rq-btn-cant = ✖ 办不了
rq-btn-photos = 📷 看照片
rq-btn-accept = ✅ 接受
rq-btn-decline = ✖ 这次不行
rq-btn-claim = 🙋 我来
rq-btn-solved = ✅ 解决了
rq-btn-not-solved = ❌ 还没解决
rq-btn-no-note = 不写备注
rq-sheet-handler = 您接手了求助 { $number }。详细信息（含电话，请勿外传）：
rq-sheet-volunteer = 求助 { $number } 交给您了。详细信息（含电话，请勿外传）：
rq-offer = 值班人员 { $by } 想请您办理求助 { $number }，可以吗？
rq-task-title = { $number } · { $urgency } · { $unit } · { $category }
rq-task-line = { $number } · { $urgency } · { $unit }
    { $headline }
rq-tasks-mine = 您手上的任务（{ $count } 件）：
rq-tasks-open = 可以认领的任务（{ $count } 件），点“我来”认领：
rq-tasks-none = 现在没有需要认领的任务。有新任务时值班人员会派给您。
rq-pick-volunteer = 把求助 { $number } 派给哪位志愿者？
rq-no-volunteers = 还没有志愿者。管理员可以用 /invite volunteer 邀请。
rq-not-a-volunteer = 这个人已经不是志愿者了，请重新选择。
rq-assigned-to = 求助 { $number } 已派给 { $name }，等对方接受。

## 按钮的结果
rq-ok-take = 已由您接手 { $number }，详细信息已私信发给您。
rq-ok-claim = 任务 { $number } 是您的了，详细信息已私信发给您。
rq-ok-assign = 已派给 { $name }。
rq-ok-accept = 谢谢！详细信息已发给您。
rq-ok-decline = 好的，已告诉值班人员另找人。
rq-ok-done = ✅ 已记为办完（{ $number }），并问居民是否解决。
rq-ok-cant = 已记为无法办理（{ $number }），并把原因告诉了居民。
rq-ok-release = 好的，任务 { $number } 已交回值班人员。
rq-refused-unknown = 找不到这个求助，这个按钮可能已经失效了。
rq-refused-taken = { $number } 已经由 { $name } 接手了。
rq-refused-closed = { $number } 已经办结（{ $status }），不能再改了。
rq-refused-state = { $number } 现在的状态是“{ $status }”，这个按钮已经不适用了。
rq-refused-not-holder = 这个任务不在您手上，只有负责的志愿者或值班人员可以操作。
rq-refused-not-contact = 这个按钮不是给您的。
rq-refused-denied = 抱歉，您没有权限做这件事。
rq-ask-note-done = 请简单写一下办了什么（最多 { $max } 字），会转告居民。也可以点“不写备注”。
rq-ask-note-cant = 请写一下为什么办不了（最多 { $max } 字），会转告居民，让对方知道下一步怎么办。
rq-ask-note-release = 请写一下为什么办不了（最多 { $max } 字），任务会交回值班人员。
rq-open-private-first = 请先打开和我的私聊（点 @{ $bot } 再点“开始”），我才能把照片发给您。
rq-no-photos = 这个求助没有照片。
rq-photo-caption = { $number } 的照片 { $n }/{ $count }

## 居民收到的进展
rq-update-new = 您的求助 { $number }（{ $category }）已重新排队，值班人员会尽快处理。
rq-update-taken = 您的求助 { $number }（{ $category }）由值班人员 { $handler } 负责。
rq-update-assigned = 您的求助 { $number }（{ $category }）正在安排志愿者。
rq-update-accepted = 志愿者 { $assignee } 正在办理您的求助 { $number }（{ $category }），可能会和您联系。
rq-update-done = 您的求助 { $number }（{ $category }）已经办完：{ $note }
    问题解决了吗？请点下面的按钮告诉我们。
rq-update-solved = 您的求助 { $number } 已确认解决。谢谢！
rq-update-reopened = 您的求助 { $number } 已重新打开，值班人员会再跟进。
rq-update-cant_do = 很抱歉，您的求助 { $number }（{ $category }）这次没法办理：{ $note }
    如有需要，可以发 /request 重新提出，或直接联系社区。
rq-solved-thanks = 太好了，谢谢您告诉我们！求助 { $number } 已记为解决。
rq-ask-reopen-words = 抱歉还没有解决。请写一下现在还有什么问题，我们会转给值班人员（也可以点“不写了”）。求助 { $number } 已经重新打开。
rq-skip-words = 不写了
rq-reopen-words-sent = 收到，已转给值班人员，他们会再跟进求助 { $number }。
rq-reopen-no-words = 好的，求助 { $number } 已重新打开，值班人员会再和您联系。

## 通知工作人员的短消息
rq-note-accepted = 👍 { $name } 接受了求助 { $number }（{ $headline }）。
rq-note-declined = ↩️ { $name } 这次办不了求助 { $number }（{ $headline }），请另派人。
rq-note-released = ↩️ { $name } 把求助 { $number } 交回来了：{ $note }
rq-note-done = ✅ { $name } 办完了求助 { $number }：{ $note }
rq-note-cant = ✖ 求助 { $number } 已由 { $name } 记为无法办理：{ $note }。您不用再办了。
rq-note-solved = 🎉 居民确认求助 { $number } 已解决。谢谢！
rq-note-reopened = ↩️ 居民说求助 { $number } 还没解决，已重新打开。
rq-note-reopen-words = ↩️ 求助 { $number } 居民补充：{ $note }
rq-note-unassigned = 求助 { $number } 已改派给别人，您不用再办了。

## 我的求助
rq-mine-title = 您最近的求助：
rq-mine-line = { $number } · { $category } · { $status }（{ $time }）
rq-mine-hint = 发 /requests 加编号可以查看详情，例如 /requests 1122-007。
rq-mine-none = 您还没有提过求助。需要帮助就发 /request。
rq-number-unknown = 没有找到编号为“{ $number }”的、您的求助。请核对编号。
rq-history-title = 办理记录：
rq-history-line = { $time } { $action } { $note }
rq-action-file = 登记
rq-action-take = 值班人员接手
rq-action-claim = 志愿者认领
rq-action-assign = 派给志愿者
rq-action-accept = 志愿者接受
rq-action-decline = 志愿者婉拒
rq-action-release = 志愿者交回
rq-action-done = 办完
rq-action-cant = 无法办理
rq-action-solved = 居民确认解决
rq-action-reopen = 居民说未解决
rq-action-reopen-words = 居民补充
rq-status-new = 待接手
rq-status-taken = 已接手
rq-status-assigned = 已派志愿者
rq-status-accepted = 志愿者办理中
rq-status-done = 已办完，待确认
rq-status-solved = 已解决
rq-status-reopened = 重新打开
rq-status-cant_do = 无法办理

## 群里的求助
rq-group-hint = 需要帮助请点下面的按钮，在私聊里告诉我，值班人员会一对一处理。为了保护隐私，请不要在群里发电话、病情和房号。

## 台账
rq-ledger-where = 台账只能在私聊（@{ $bot }）或值班人员群里查看。
rq-ledger-title = 📒 求助台账 · { $time }
rq-ledger-shift = 本班：{ $from }–{ $to }
rq-ledger-open-title = 未办结（本班收到 / 今日收到 / 全部）：
rq-ledger-open-line = { $category }：{ $shift } / { $today } / { $all }
rq-ledger-open-total = 合计：{ $shift } / { $today } / { $all }
rq-ledger-open-none = 没有未办结的求助 👍
rq-ledger-counts = 今日收到 { $received } 件，今日办完 { $solved } 件
rq-ledger-rate = 办结率（今日收到的）：{ $rate }
rq-ledger-rate-none = 办结率：今日还没有收到求助
rq-ledger-median = 从登记到办完的中位用时：{ $time }
rq-ledger-median-none = 从登记到办完的中位用时：今日还没有办完的
rq-ledger-overdue-title = ⏰ 超时 { $count } 件：
rq-ledger-overdue-line = { $number } · { $category } · { $address } · { $urgency } · { $status } · 超时 { $late }
rq-ledger-overdue-none = 没有超时的求助。
rq-ledger-more = ……还有 { $count } 件，详见 /export。
rq-duration-minutes = { $m } 分钟
rq-duration-hours = { $h } 小时 { $m } 分钟
rq-duration-days = { $d } 天 { $h } 小时
rq-daily-title = 🌙 { $day } 求助日报
rq-daily-open = 仍未办结 { $count } 件：{ $list }
rq-daily-open-item = { $category } { $count }
rq-daily-open-none = 没有未办结的求助。

## 导出
rq-export-format = 用法：/export 开始日期 结束日期，例如 /export 2026-11-20 2026-11-22 或 /export 11-20 11-22；只写一个日期就导出那一天，不写就导出今天。
rq-export-order = 开始日期比结束日期晚了，请调换一下。
rq-export-too-long = 一次最多导出 366 天，请缩短日期范围。
rq-export-empty = { $from } 到 { $to } 之间没有求助记录。
rq-export-caption = 求助记录 { $from } 至 { $to }，共 { $count } 件。
rq-csv-number = 编号
rq-csv-filed-at = 登记时间
rq-csv-category = 类别
rq-csv-urgency = 紧急程度
rq-csv-status = 状态
rq-csv-building = 楼栋
rq-csv-unit = 单元
rq-csv-room = 房号
rq-csv-name = 称呼
rq-csv-phone = 电话
rq-csv-filed-as = 登记方式
rq-csv-filed-by = 登记人
rq-csv-details = 详情
rq-csv-photos = 照片数
rq-csv-handler = 值班人员
rq-csv-volunteer = 志愿者
rq-csv-done-at = 办完时间
rq-csv-minutes = 用时（分钟）
rq-csv-note = 备注
rq-csv-answer = 居民反馈
rq-csv-late = 是否超时
rq-csv-yes = 是
rq-csv-no = 否
rq-filed-as-self = 本人
rq-filed-as-household = 代登记（住户）
rq-filed-as-unregistered = 代登记（未登记人员）
rq-answer-solved = 已解决
rq-answer-not_solved = 未解决

## 台账里的紧急事项（来自升级呼叫）
rq-ledger-urgent = 今天紧急事项 { $total } 件，已有人接手 { $acknowledged } 件，接手时间中位数 { $median }。
rq-ledger-urgent-none = 今天紧急事项 { $total } 件，还没有人接手过。
rq-ledger-urgent-missed = 　⚠ 无人接手 #{ $id } { $kind } { $address }（{ $time }）

## 次数限制与角色
rq-limited = 您这一小时内已经提交了好几条求助，工作人员都收到了，会联系您。请过一会儿再提交新的。如有紧急情况，请按 🆘。
rq-role-gone = 您的工作人员角色已被收回，这条代别人提交的求助没有发出。如有误会，请联系社区管理员。
rq-already-assigned = { $number } 已经派给 { $name } 了，没有重复发送。

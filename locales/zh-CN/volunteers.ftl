## 志愿者台账：队伍、排班、任务、时长

cmd-volunteers = 志愿者台账：服务时长公示
cmd-volunteer = 我的志愿者信息：队伍、空闲时间、负责楼栋、公示署名
cmd-myshifts = 我接下来的班次（志愿者）
cmd-myhours = 我的服务时长（志愿者）
cmd-addhours = 补记服务时长，例如 /addhours 2 搬运物资（志愿者）
cmd-teams = 志愿者队伍名单
cmd-team_shifts = 排班、查看谁在班和缺人，例如 /team_shifts supplies 周一-周五 08:00-12:00 @xiaoli（值班人员）
cmd-team_task = 给一支队伍发任务，例如 /team_task supplies 把菜送到3号楼（值班人员）
cmd-hours = 志愿者时长明细和更正（值班人员）
cmd-volunteers_export = 导出志愿者时长 CSV（值班人员）

conv-name-volunteer-profile = 志愿者信息填写

vt-team-testing = 核酸检测点
vt-team-supplies = 物资保障
vt-team-medicine = 代购送药
vt-team-home_help = 上门帮扶
vt-team-none = 未分队

vt-hours = { $hours } 小时
vt-building = { $building } 号楼
vt-buildings-all = 全部楼栋
vt-every-day = 每天
vt-day-range = { $from }至{ $to }
vt-day-0 = 周一
vt-day-1 = 周二
vt-day-2 = 周三
vt-day-3 = 周四
vt-day-4 = 周五
vt-day-5 = 周六
vt-day-6 = 周日
vt-slot-weekday_morning = 工作日上午
vt-slot-weekday_afternoon = 工作日下午
vt-slot-weekday_evening = 工作日晚上
vt-slot-weekend_morning = 周末上午
vt-slot-weekend_afternoon = 周末下午
vt-slot-weekend_evening = 周末晚上
vt-availability-unset = 没填（随时联系）
vt-none-chosen = 没选
vt-unknown-person = 找不到 { $who }。对方需要先私聊过我，或者请用对方的 Telegram 数字 ID。
vt-not-a-volunteer = { $who } 还不是志愿者，可以先用 /invite volunteer 发邀请链接给对方。

## 志愿者信息（/volunteer）
vt-profile-intro = 填几项信息，方便按队伍、按时间、按楼栋给您派活。每一步点按钮就行，点“好了”进入下一步。
vt-ask-teams = 您参加哪些队伍？可以多选。
vt-teams-at-least-one = 请至少选一支队伍。
vt-ask-availability = 您一般什么时候有空？可以多选，不确定可以不选。
vt-ask-buildings = 您负责哪几栋楼？不选就是全部楼栋。
vt-btn-profile-done = 👌 好了
vt-use-buttons = 请点上面的按钮选择。
vt-ask-consent = 我们会像很多社区那样公示志愿者服务时长。公示时可以写上您的名字吗？
vt-btn-consent-named = 可以，写“{ $name }”
vt-btn-consent-other = 可以，换个称呼
vt-btn-consent-anonymous = 不写名字，匿名统计
vt-ask-public-name = 公示时写什么称呼？例如：3号楼小李。最多 { $max } 个字。
vt-public-name-bad = 称呼不能为空，最多 { $max } 个字，请再输入一次。
vt-profile-saved = 已保存。
    队伍：{ $teams }
    空闲时间：{ $availability }
    负责楼栋：{ $buildings }
    公示：{ $consent }
    以后想改，再发 /volunteer 就行。
vt-consent-named = 署名“{ $name }”
vt-consent-anonymous = 匿名统计
vt-consent-unset = 还没选（先按匿名统计）
vt-consent-ask = 感谢您的付出！社区会公示志愿者服务时长。公示时可以写上“{ $name }”吗？随时可以在 /myhours 里改。
vt-consent-saved = 好的，公示台账里：{ $consent }。

## 任务
vt-btn-claim = 🙋 我来
vt-btn-done = ✅ 办完了
vt-btn-back = ↩️ 办不了，退回
vt-post = 📋【{ $team }】新任务：{ $title }
    谁有空？先点“我来”的人接手。
vt-post-urgent = 🔴【{ $team }】紧急任务：{ $title }
    谁能马上去？先点“我来”的人接手。
vt-post-taken = ✔️ 已由 { $name } 接手，谢谢大家。
vt-post-held = 工作人员已经在处理了，谢谢大家。
vt-post-closed = 这个任务已经不需要了。
vt-title-adhoc = { $text }
vt-claimed = 这个任务交给您了：
    【{ $team }】{ $title }
    办完请点“办完了”，会从您接手时起记服务时长。
vt-ok-claim = 任务是您的了，谢谢！
vt-ok-done = 已记录，服务时长 { $hours }。辛苦了！
vt-ok-back = 已退回，其他志愿者可以接手。
vt-refused-unknown = 找不到这个任务，这个按钮可能已经失效了。
vt-refused-taken = 这个任务已经由 { $name } 接手了，谢谢您！
vt-refused-closed = 这个任务已经结束了。
vt-refused-not-holder = 这个任务不在您手上，只有接手的志愿者可以操作。
vt-refused-state = 这个按钮已经不适用了。
vt-note-done = { $name } 办完了【{ $team }】{ $title }，记 { $hours }。
vt-note-back = { $name } 退回了【{ $team }】{ $title }，任务重新开放，其他志愿者可以接手。
vt-task-usage = 用法：/team_task 队伍 任务内容，例如：
    /team_task supplies 把 20 箱蔬菜送到 3 号楼
    队伍：{ $teams }
vt-task-too-long = 任务内容太长了（{ $length } 字），最多 { $max } 字。
vt-task-posted = 任务 #{ $id } 已发给【{ $team }】的 { $count } 位志愿者，有人接手会告诉您。
vt-task-posted-nobody = 任务 #{ $id } 已登记，但【{ $team }】还没有志愿者。志愿者可以在 /tasks 里认领。
vt-board-open = 队伍任务（{ $count } 件），点“我来”认领：
vt-board-line = 【{ $team }】{ $title }
vt-board-held = 你正在办的（{ $count } 件），点“打开”再看门牌清单或走访：
vt-btn-open = 📋 打开

## 排班
vt-shifts-usage = 用法（时间按 { $timezone }）：
    /team_shifts 队伍 日期 时间 @志愿者…
    例如：/team_shifts supplies 周一-周五 08:00-12:00 @xiaoli @laozhang
    需要几个人可以加“需3人”或 x3；一次可以写多行。
    /team_shifts remove 3：删掉 3 号班次；/team_shifts remove 3 @xiaoli：把某人从班次里去掉。
vt-shifts-none = 还没有排班。
vt-shifts-title = 队伍排班（{ $timezone }）：
vt-shift-line = #{ $id } { $days } { $times }：{ $people }
vt-shift-line-short = #{ $id } { $days } { $times }：{ $people }（需 { $needed } 人，缺 { $missing } 人）
vt-shift-nobody = 还没人
vt-shifts-team = 【{ $team }】
vt-shifts-now-item = { $team }：{ $people }
vt-list-semicolon = ；
vt-team-with-key = { $name }（{ $key }）
vt-shifts-now = 现在在班：{ $list }
vt-shifts-now-nobody = 现在没有人在班。
vt-gaps-none = 没有缺口。
vt-gaps-title = 缺口：
vt-gap-line = 【{ $team }】{ $gaps }
vt-gap-short = #{ $id } 缺 { $missing } 人
vt-gap-days = { $days }没有班次
vt-shifts-saved = 已保存 { $count } 行排班。
vt-shifts-problems = 排班没有保存，请改好以下几行再发一次：
vt-shifts-more = ……还有 { $count } 处问题。
vt-shift-error-format = 第 { $line } 行“{ $text }”看不懂，应该像：supplies 周一-周五 08:00-12:00 @xiaoli
vt-shift-error-team = 第 { $line } 行：没有“{ $part }”这支队伍，/teams 可以看队伍名单。
vt-shift-error-days = 第 { $line } 行：“{ $part }”不是日期，可以写 周一-周五、周六,周日、每天 或 Mon-Fri。
vt-shift-error-time = 第 { $line } 行：“{ $part }”不是时间段，应该像 08:00-12:00。
vt-shift-error-same-time = 第 { $line } 行：开始和结束时间一样（{ $part }）。
vt-shift-error-who = 第 { $line } 行：“{ $part }”应该是 @用户名 或 数字 ID。
vt-shift-error-need = 第 { $line } 行：需要的人数“{ $part }”应该是 1 到 50。
vt-shift-error-unknown-person = 第 { $line } 行：找不到 { $part }，对方需要先私聊过我。
vt-shift-error-not-volunteer = 第 { $line } 行：{ $part } 还不是志愿者。
vt-shift-error-overlap = 第 { $line } 行：有人和第 { $other } 号班次时间重叠了，一个人不能同时在两个班。
vt-shift-removed = ✅ 班次 #{ $id } 已按您的要求修改。
vt-shift-not-found = 找不到班次 #{ $id }（或这个人不在这个班次里）。
vt-myshifts-none = 接下来 7 天您没有排班。
vt-myshifts-title = 您接下来 7 天的班次：
vt-myshifts-line = { $day } { $date } { $times } · { $team }
vt-myshifts-now = ▶️ 正在进行：{ $day } { $date } { $times } · { $team }

## 时长
vt-myhours-title = 您的志愿服务时长
vt-myhours-total = 累计 { $total }，本周 { $week }。
vt-myhours-teams = 各队：{ $list }
vt-myhours-recent = 最近的记录：
vt-entry-line = #{ $id } { $day } · { $hours } · { $team } · { $what }{ $capped }{ $corrected }
vt-entry-capped = （按单次上限计）
vt-entry-corrected = （已更正，原 { $from } 小时：{ $reason }）
vt-myhours-consent = 公示台账里：{ $consent }。可以点下面的按钮修改。
vt-myhours-hint = 有没记上的时长，可以补记：/addhours 2 搬运物资（写清原因）。
vt-addhours-usage = 用法：/addhours 时长 [日期] [队伍] 原因
    例如：/addhours 2.5 搬运物资；/addhours 1:30 昨天 medicine 送药到 5 号楼
vt-addhours-format = 时长看不懂。可以写 2、2.5、1:30 或 90分钟。
    { $usage }
vt-addhours-negative = 时长不能是负数。
vt-addhours-zero = 时长不能是 0。
vt-addhours-over-day = 时长不能超过 24 小时，一天只有 24 小时。
vt-addhours-future = 不能补记还没到的日子。
vt-addhours-too-old = 只能补记 { $days } 天以内的时长，更早的请找值班人员。
vt-addhours-no-reason = 请写上原因，例如：/addhours 2 搬运物资。
vt-addhours-reason-long = 原因太长了，最多 { $max } 字。
vt-addhours-day-full = { $day } 已经记了 { $already }，再加就超过一天 24 小时了。
vt-addhours-done = 已补记 #{ $id }：{ $day } { $hours }（{ $team }）。
vt-hours-usage = 值班人员：/hours 看所有人的时长；/hours @用户名 看某人的明细；/hours fix 12 1.5 原因 把第 12 条改成 1.5 小时（写 0 作废）。
vt-hours-title = 志愿者时长（{ $count } 人，内部名单，不对外公示）：
vt-hours-line = { $name }（{ $id }）：累计 { $hours }，本周 { $week }
vt-hours-of = { $name } 的服务时长（内部）：
vt-fix-no-reason = 更正需要写原因，例如：/hours fix 12 1.5 实际只去了一个半小时。
vt-entry-unknown = 找不到第 { $id } 条记录。
vt-fix-done = 已把第 { $id } 条从 { $from } 改为 { $to }，志愿者本人会收到通知，操作已记录。
vt-note-corrected = 您第 { $id } 条时长记录（{ $day }）由 { $name } 从 { $from } 更正为 { $to }，原因：{ $reason }。有疑问可以直接找值班人员。

## 队伍
vt-teams-title = 志愿者队伍：
vt-teams-line = { $name }（{ $key }）：{ $count } 人
vt-teams-retired = 已停用：{ $list }
vt-teams-usage = 管理员：/teams add 队伍代号 名称（例如 /teams add cleaning 环境消杀）；/teams remove 队伍代号 停用一支队伍（时长和排班保留）。
vt-team-name-needed = 新队伍需要一个名称，最多 { $max } 个字，例如：/teams add cleaning 环境消杀
vt-teams-added = 已添加队伍“{ $name }”（{ $key }）。
vt-teams-restored = 已恢复队伍“{ $name }”（{ $key }）。
vt-teams-exists = 队伍“{ $name }”（{ $key }）已经有了。
vt-team-retired = 已停用队伍 { $key }，它的时长和排班都保留。
vt-team-unknown = 没有正在使用的队伍 { $key }。

## 公示台账（/volunteers）
vt-ledger-title = 🙌 志愿者服务台账（截至 { $at }）
vt-ledger-registered = 登记志愿者：{ $count } 人
vt-ledger-total = 累计服务：{ $hours }
vt-ledger-average-highest = 人均 { $average }，最多 { $highest }（{ $who }）
vt-ledger-week = 本周（{ $from } 起）：{ $hours }，{ $people } 人参与
vt-ledger-teams = 各队：
vt-ledger-team-line = · { $team }：{ $members } 人，服务 { $hours }
vt-ledger-named = 服务时长（本人同意公示）：
vt-ledger-named-line = { $n }. { $name } { $hours }（本周 { $week }）
vt-ledger-named-more = ……还有 { $count } 位。
vt-ledger-anonymous = 另有 { $count } 位志愿者匿名统计，共 { $hours }。
vt-ledger-empty = 还没有服务时长记录。
vt-anonymous-one = 一位志愿者
vt-chart-anonymous = 匿名{ $n }
vt-chart-caption = 志愿者服务时长，累计 { $hours }

## 导出（/volunteers_export）
vt-export-empty = 这段时间没有时长记录。
vt-export-caption = 志愿者时长：{ $count } 条，共 { $hours }。文件里有志愿者姓名，请不要外传。
vt-source-task = 任务
vt-source-manual = 补记
vt-csv-yes = 是
vt-csv-id = 编号
vt-csv-day = 日期
vt-csv-person = 志愿者ID
vt-csv-name = 志愿者
vt-csv-public-name = 公示署名
vt-csv-team = 队伍
vt-csv-source = 来源
vt-csv-task = 任务
vt-csv-started = 开始
vt-csv-ended = 结束
vt-csv-hours = 小时
vt-csv-capped = 按上限计
vt-csv-reason = 原因
vt-csv-added-by = 记录人
vt-csv-corrected-by = 更正人
vt-csv-corrected-at = 更正时间
vt-csv-correction-reason = 更正原因
vt-csv-original-hours = 原小时数

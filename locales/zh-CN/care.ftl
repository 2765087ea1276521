## 重点关注：名单、联系计划、每天的联系任务、结果、沉默提醒

cmd-care = 今天的重点关注联系：已记录、待联系、逾期（工作人员）

## 任务
care-task-title = 📋 今天的重点关注：请{ $method }
care-task-who = 🚪 { $address } { $names }
care-task-why = 情况：{ $why }
care-task-phone = 电话：{ $phone }
care-task-daily = 计划：每天一次
care-task-every = 计划：每 { $days } 天一次
care-task-how = 联系后请按一下结果。
care-no-name = （未留称呼）
care-no-phone = 未留
care-method-call = 打电话
care-method-visit = 上门探访
care-btn-fine = ✅ 一切都好
care-btn-needs = 🧺 需要帮助
care-btn-no_answer = 📵 没人应答
care-silence-title = 🔕 独居居民到 { $time } 还没有任何消息：没报体温、没确认通知、也没和我说过话。请尽快联系，联系不上请上门看看。
care-silence-how = 联系后请按一下结果。
care-retry-title = 📵 刚才没人应答。请过一会儿再联系一次：
care-retry-how = 再没人应答，会通知值班人员上门看看。
care-kind-round = 重点关注联系
care-kind-silence = 独居沉默提醒

## 记录结果
care-outcome-due = 待联系
care-outcome-fine = 一切都好
care-outcome-needs = 需要帮助
care-outcome-no_answer = 没人应答
care-recorded = 已记录：{ $outcome }（{ $name }，{ $time }）
care-retry-sent = 稍后再试一次的提醒已经发给负责人。
care-retry-posted = 第二次联系已作为新任务发给本队志愿者，谁认领谁再联系（您也可以认领）。
care-escalated-now = 已通知值班人员上门看看（紧急事项 #{ $id }）。
care-already = 这项已经记录过了：{ $outcome }（{ $name }，{ $time }）。
care-not-yours = 这项联系由 { $name } 负责，其他人不能记录。
care-not-yours-nobody = 这项联系由值班人员负责，您不能记录。
care-needs-request = 🧺 好的，现在为 { $address } 登记求助：
care-welfare-no-answer = 关怀探访：{ $address } 连续两次联系没人应答，请上门看看是否安好
care-welfare-unrecorded = 关怀探访：{ $address } 今天的{ $kind }到 { $time } 还没有记录，请确认是否安好

## /care
care-round-title = 📋 我今天的重点关注（{ $date }）
care-round-title-all = 📋 全社区今天的重点关注（{ $date }）
care-round-counts = 已记录 { $done } · 待联系 { $due } · 逾期 { $overdue }
care-round-not-yet = 今天的联系任务 { $time } 发出。
care-round-due-title = ⏳ 待联系
care-round-done-title = ✅ 已记录
care-round-overdue-title = ⚠️ 逾期（以前的联系没有记录，已通知值班人员）
care-round-due = { $method }，{ $name } 负责
care-round-done = { $outcome }（{ $name } { $time }）
care-round-empty = 今天没有需要联系的人。
care-coordinators = 值班人员
care-escalated = ⚠️ 已上报 #{ $id }
care-kind-silence-tag = 🔕
care-retry-tag = （第二次）

## /care list
care-list-title = 📒 我负责的重点关注名单（{ $count } 人）
care-list-title-all = 📒 重点关注名单（{ $count } 人）
care-list-line = · { $address }{ $names }：{ $why }；{ $every }{ $method }，{ $who } 负责
care-list-empty = 名单上还没有人。
care-no-reason = 无
care-every-day = 每天
care-every-days = 每 { $days } 天
care-list-usage =
    名单来自登记时勾选的情况（独居、75 岁以上、行动不便、慢性病），也可以手动加：
    /care add 3-2-501 刚出院：手动加入，写明原因
    /care remove 3-2-501：去掉手动加入的人
    /care plan 3-2-501 上门 每2天 @志愿者：修改联系计划（打电话或上门、几天一次、谁负责；写“志愿者”发给上门帮扶队的志愿者认领，写“网格员”改回网格员负责）

## 修改名单和计划
care-usage =
    用法：
    /care：今天的联系情况（社工和志愿者看自己的，值班人员看全社区）
    /care list：重点关注名单
    /care add 3-2-501 原因 · /care remove 3-2-501 · /care plan 3-2-501 …
care-add-usage = 用法：/care add 房号 原因，例如 /care add 3-2-501 刚出院
care-reason-too-long = 原因有 { $length } 个字，最多 { $max } 个字。
care-bad-room = “{ $input }”不是房号。请写 楼栋-单元-房号，例如 3-2-501。
care-unknown-room = 房号表里没有 { $address }，请检查。
care-added = ✅ 已把 { $address } 加入重点关注（{ $reason }）。默认每天打一次电话，由网格员负责；可用 /care plan 修改。
care-removed = ✅ 已把 { $address } 从手动加入的名单中去掉。
care-removed-flags-remain = ✅ 已去掉手动加入的原因。{ $address } 因登记时勾选的情况仍在名单上。
care-remove-flags = { $address } 是因为登记时勾选的情况（如独居）在名单上，只能由居民重新登记时修改。
care-not-on-list = { $address } 不在重点关注名单上。
care-plan-usage = 用法：/care plan 房号 打电话|上门 每N天 @负责人，例如 /care plan 3-2-501 上门 每2天 @xiaoli；写“志愿者”发给志愿者认领，写“网格员”改回由网格员负责。
care-plan-days = 天数请写 1 到 30。
care-plan-word = 看不懂“{ $word }”。{ care-plan-usage }
care-plan-not-staff = { $who } 不是社工或志愿者，不能负责重点关注联系。
care-plan-by-worker = 网格员
care-plan-saved = ✅ { $address } 的计划：{ $every }{ $method }，{ $who } 负责。

## 志愿者认领（计划写“志愿者”时）
care-by-team = { $team }志愿者（谁先认领归谁）
care-plan-no-team = “上门帮扶”队已停用，不能交给志愿者。请管理员先用 /teams add home_help 恢复这支队伍。
care-vt-title = 重点关注：{ $unit } 一位居民，请{ $method }
care-vt-title-retry = 重点关注（再试一次）：{ $unit } 一位居民，请{ $method }
care-claimed = 这次联系交给您了。完整信息已私信发给您，联系后点一下结果。
care-claim-taken = { $name } 已经认领了这次联系。
care-claim-closed = 这次联系已经不需要认领了（已有结果，或已交给值班人员上门）。
care-vt-withdrawn = ⚠️ { $address } 的联系到 { $time } 还没有记录结果，已请值班人员上门。您认领的这项任务已撤回，不计时长。如果您其实联系上了，请告诉值班人员，并用 /addhours 补记时长。

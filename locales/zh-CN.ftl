# Linli 邻里 — 简体中文（默认）

## 通用
list-separator = 、
list-or = 或
denied = 抱歉，只有{ $roles }可以做这件事。如有需要，请联系社区管理员。
private-only = 这个操作请在和我的私聊里进行：点 @{ $bot } 打开私聊。
button-expired = 这个按钮已经失效了（可能是旧消息）。请重新发送命令，或发 /help 查看可用命令。
error-generic = 抱歉，处理时出了点问题，您的信息没有丢失。请稍后再试；如情况紧急，请直接联系社区。
fallback-private = 我没看懂这条消息。发 /help 查看我能做什么。
cancelled = 已取消，什么都没有保存。需要时可以重新开始。
nothing-to-cancel = 现在没有进行中的操作。
conv-answer-current = 请先回答当前的问题。
conv-expected-text = 请用文字回答这个问题。
conv-use-buttons = 请点上面的按钮选择。
# 正在进行一个对话时又要开始另一个
conv-leave-ask = 您的「{ $open }」还没有完成。要放下它，开始「{ $next }」吗？
conv-restart-ask = 您的「{ $open }」还没有完成。要放下它，从头开始吗？
conv-leave-yes = 放下，开始新的
conv-leave-no = 不，继续原来的
conv-leave-kept = 好的，「{ $open }」还在，请接着回答上面的问题。
conv-name-register = 登记
conv-name-request = 求助申请
conv-name-request-note = 求助处理说明
conv-name-notice = 通知编写
conv-name-notice-question = 通知提问
conv-name-checkin = 健康打卡
conv-name-sos = 紧急求助

## 角色
role-admin = 管理员
role-worker = 社工
role-coordinator = 值班人员
role-volunteer = 志愿者
role-resident = 居民

## 命令说明
cmd-start = 开始使用
cmd-register = 登记住户信息
cmd-me = 查看我登记的信息
cmd-language = 切换语言
cmd-forget = 删除我的个人信息
cmd-cancel = 取消当前操作
cmd-help = 查看可用命令
cmd-coverage = 登记覆盖情况（社工）
cmd-invite = 生成角色邀请链接（管理员）
cmd-roles = 查看谁担任什么角色（管理员）
cmd-revoke = 收回角色（管理员）
cmd-layout = 导入楼栋房号表（管理员）
cmd-bind = 绑定本群对应的楼栋（管理员）
help-title = 您可以使用这些命令：

## 开始
start-new =
    您好！我是邻里小助手，帮社区把通知一对一送到每户，并收集大家的需求。
    请先发 /register 登记您的房号，只需要一两分钟。
start-registered = 您好！您已经登记过了。发 /me 查看登记信息，发 /help 查看可用命令。

## 登记
reg-ask-address = 请输入您家的楼栋-单元-房号，例如 3-2-501（3栋2单元501）。没有单元的小区写 楼栋-房号，例如 12-0304。
reg-ask-room-in-building = 您在 { $building } 栋。请输入单元和房号，例如 2-501（2单元501）；没有单元就只写房号。
reg-address-empty = 没有收到内容。请输入房号，例如 { $example }。
reg-address-format = 我没能看懂这个房号。请按这样的格式输入：{ $example }。
reg-address-too-long = 这段文字太长了，不像房号。请输入房号，例如 { $example }。
reg-address-unknown = 社区的房号表里没有 { $address }。请核对一下房号再输入；如果确认无误，请联系社区工作人员。
reg-ask-name = 我们怎么称呼您？（例如：王阿姨、李先生）
reg-name-empty = 称呼不能为空，请再输入一次。
reg-name-too-long = 这个称呼有 { $length } 个字，最多 { $max } 个字。请输入一个简短的称呼。
reg-name-no-letter = 称呼里至少要有一个字（中文或字母都行）。请再输入一次，告诉我们怎么称呼您。
reg-ask-phone = 请留一个联系电话，方便紧急时联系您（可以跳过）。点下面的按钮分享本机号码，或者直接输入号码。
reg-phone-share = 📱 分享我的手机号
reg-phone-skip = 跳过
reg-phone-not-yours = 这是别人的联系人名片。请分享您自己的号码，或者直接输入号码。
reg-phone-expected = 请点按钮分享号码、直接输入号码，或者点“跳过”。
reg-phone-letters = 电话号码里只能有数字（可以带 + 和空格）。请重新输入，或点“跳过”。
reg-phone-length = 这个号码的位数不对（应为 6 到 15 位数字）。请重新输入，或点“跳过”。
reg-phone-saved = 号码已记下。
reg-phone-skipped = 好的，不留电话。
reg-ask-members = 您家里一共住几个人？点按钮或输入数字（1 到 { $max }）。
reg-members-invalid = 请输入 1 到 { $max } 之间的数字。
reg-ask-flags = 家里有下面这些情况吗？可以多选，选好后点“完成”。没有就直接点“完成”。
reg-flags-done = 完成
reg-flags-use-buttons = 请点上面的按钮选择，选好后点“完成”。
flag-lives_alone = 独居
flag-over_75 = 75 岁以上
flag-reduced_mobility = 行动不便
flag-chronic_medicine = 慢性病需定期用药
reg-none = 无
reg-summary =
    请核对您的登记信息：
    房号：{ $address }
    称呼：{ $name }
    电话：{ $phone }
    家庭人数：{ $members }
    特殊情况：{ $flags }
reg-consent = 我们会保存以上信息，只用于社区工作人员给您发通知、在您需要时提供帮助；只有社区工作人员能看到。您随时可以发 /forget 删除。同意就点“同意并保存”，哪一项不对可以点对应按钮修改。
reg-agree = ✅ 同意并保存
reg-edit-room = ✏️ 改房号
reg-edit-name = ✏️ 改称呼
reg-edit-phone = ✏️ 改电话
reg-edit-members = ✏️ 改人数
reg-edit-flags = ✏️ 改特殊情况
reg-confirm-use-buttons = 请点上面的按钮：同意并保存，或者修改某一项。
reg-done = ✅ 登记完成：{ $address }，{ $name }。以后社区通知会单独发给您。发 /me 可以查看，发 /help 查看更多。
reg-continue = 现在可以继续了：请再发一次 { $command }。

## 我的信息
me-not-registered = 您还没有登记。发 /register 开始登记。
me-summary =
    您登记的信息：
    房号：{ $address }
    称呼：{ $name }
    电话：{ $phone }
    家庭人数：{ $members }
    特殊情况：{ $flags }
    需要修改就再发一次 /register；要删除就发 /forget。
language-choose = 请选择语言 / Choose your language:
language-zh-CN = 中文
language-en = English
language-set = 已切换为中文。
forget-confirm = 确定要删除您的个人信息吗？会删除您的称呼、电话和房号登记，之后将收不到按户发送的通知。
forget-yes = 确定删除
forget-no = 不删除
forget-kept = 好的，什么都没有删除。
forget-done = 已删除您的个人信息。如需重新登记，发 /register。

## 群组
group-added-admin = 大家好，我是邻里小助手。管理员请发 /bind 楼栋号 告诉我这是哪栋楼的群（例如 /bind 3），值班人员群请发 /bind staff。
group-added-other = 大家好，我是邻里小助手。需要社区管理员在群里发 /bind 楼栋号 来绑定本群，之后我才能开始工作。
group-back = 我回来了，本群仍是{ $binding }。
binding-staff = 值班人员群
binding-building = { $building } 栋的楼栋群
bind-private = /bind 要在需要绑定的群里发送，不能在私聊里用。
bind-usage = 请写明楼栋号，例如 /bind 3；值班人员群请发 /bind staff。
bind-bad-building = “{ $value }”不是有效的楼栋号。楼栋号是 1 到 8 位字母或数字，例如 /bind 3。
bind-unknown-building = 社区的房号表里没有 { $building } 栋。请核对楼栋号，或先用 /layout 导入房号表。
bind-staff-done = 本群已设为值班人员群。紧急事项和新需求会发到这里。
welcome-building =
    这里是 { $building } 栋的楼栋群。社区通知将一对一私信发给每户，不会淹没在群消息里。
    请每户点下面的按钮登记房号（一两分钟就好）。
welcome-register-button = 📝 登记 / Register
welcome-cannot-pin = 我没有置顶消息的权限，无法把登记消息置顶。请群主把我设为管理员并打开“置顶消息”权限，或者手动置顶上面这条消息。

## 邀请与角色
invite-usage = 用法：/invite 角色。角色可以是 admin（管理员）、worker（社工）、coordinator（值班人员）、volunteer（志愿者）。
invite-link =
    { $role }邀请链接（仅限一人使用，{ $expires } 前有效）：
    { $link }
    请私下发给对方，对方打开后点“开始”即可获得角色。
invite-welcome = 欢迎！您现在是{ $role }。发 /help 查看您可以使用的命令。
invite-unknown = 这个邀请链接无效。请向管理员要一个新的链接。
invite-used = 这个邀请链接已经被使用过了。每个链接只能用一次，请向管理员要一个新的。
invite-expired = 这个邀请链接已过期（有效期 48 小时）。请向管理员要一个新的。
invite-issuer = 这个邀请链接已经失效：发出它的人已经不是管理员了。请向现在的管理员要一个新的。
roles-title = 目前的角色：
roles-none = 还没有人被授予角色。
roles-from-config = （来自配置 ADMIN_IDS）
revoke-usage = 用法：/revoke @用户名或用户ID 角色，例如 /revoke @wang worker。
revoke-unknown-person = 找不到“{ $who }”。请用 /roles 查看用户 ID。
revoke-config-admin = 这位管理员来自配置文件（ADMIN_IDS），需要修改配置后重启才能收回。
revoke-not-held = { $who } 本来就没有{ $role }角色。
revoke-done = 已收回 { $who } 的{ $role }角色。
revoke-ended-conversations = 对方未完成的「{ $names }」已关闭，并已告知对方。

## 房号表
layout-usage =
    请导入房号表：发送一个 CSV 文件，或者在 /layout 后面逐行写，每行一个房间：楼栋,单元,房号。没有单元的留空，例如：
    /layout
    3,2,501
    3,2,502
    12,,0304
layout-not-csv = 请发送 .csv 文件（每行：楼栋,单元,房号）。
layout-too-big = 文件太大了（最大 { $max }）。请拆成几个文件分别发送。
layout-download-failed = 没能下载这个文件，请再发一次。
layout-not-text = 这个文件读不出文字。请在 Excel 里“另存为” CSV（UTF-8 或逗号分隔）后再发一次。
layout-encoding = （文件按 { $encoding } 编码读取。）
layout-empty = 没有找到任何房间。每行写一个房间：楼栋,单元,房号。
layout-rejected = 房号表有 { $count } 处问题，所以这次什么都没有导入。请修改后重新发送：
layout-problem-columns = 第 { $line } 行：需要 3 列（楼栋,单元,房号），实际有 { $found } 列。
layout-problem-building = 第 { $line } 行：楼栋“{ $value }”无效（应为 1 到 8 位字母或数字）。
layout-problem-unit = 第 { $line } 行：单元“{ $value }”无效（应为 1 到 8 位字母或数字，没有单元就留空）。
layout-problem-room = 第 { $line } 行：房号“{ $value }”无效（应为 1 到 8 位字母或数字，并包含数字）。
layout-problem-duplicate = 第 { $line } 行：{ $address } 重复了（第 { $firstLine } 行已经有）。
layout-more-problems = ……还有 { $count } 处问题。
layout-imported = 房号表已导入：新增 { $added } 个房间，{ $existing } 个已存在，共 { $buildings } 栋楼。

## 登记覆盖
coverage-title = 登记覆盖情况
coverage-empty = 还没有房号表，也还没有人登记。可以先用 /layout 导入房号表。
coverage-unit = { $unit }：已登记 { $registered }/{ $rooms } 户，可私信 { $reachable } 人，无法私信 { $unreachable } 人
coverage-unit-no-layout = { $unit }：已登记 { $registered } 户，可私信 { $reachable } 人，无法私信 { $unreachable } 人
coverage-missing = 　未登记：{ $rooms }
coverage-total = 合计：已登记 { $registered }/{ $rooms } 户，还有 { $missing } 户未登记；可私信 { $reachable } 人，无法私信 { $unreachable } 人。
coverage-total-no-layout = 合计：已登记 { $registered } 户；可私信 { $reachable } 人，无法私信 { $unreachable } 人。
coverage-no-layout = 还没有导入房号表，所以无法列出未登记的房间。用 /layout 导入后即可看到。

## 团购和免费发放

cmd-groupbuy = 开团购或免费发放（社工、值班人员）
cmd-groupbuys = 团购的清单、送货和对账（工作人员）
cmd-orders = 我家的团购订单
conv-name-groupbuy = 开团购
conv-name-groupbuy-qty = 填写数量

## 住户看到的订单卡片

gb-title-buy = 🛒 团购 #{ $id }：{ $title }
gb-title-free = 🎁 免费发放 #{ $id }：{ $title }
gb-item-price = · { $name } { $price }
gb-item-limit = （每户限 { $limit } 份）
gb-item-free = · { $name }，每户 { $qty } 份
gb-delivery-door = 🚪 送货上门
gb-delivery-pickup = 📍 自取：{ $place }
gb-deadline-buy = ⏰ 下单截止：{ $time }
gb-deadline-free = ⏰ 不需要的请在 { $time } 前减到 0
gb-order-heading = —— 您家的订单 ——
gb-line = { $name } × { $qty } = { $amount }
gb-line-free = { $name } × { $qty }
gb-order-empty = 还没有选任何东西。
gb-order-declined = 您家选择了不需要。
gb-order-total = 合计 { $total }
gb-card-hint = 点 ➖ ➕ 改数量，点中间的名称可以直接写数量。同一户的人看到、修改的是同一份订单，截止前随时可以改。
gb-card-hint-free = 每户默认一份。不需要的话点 ➖ 减到 0，留给更需要的邻居。同一户的人看到的是同一份。
gb-card-closed = 已截止，不能再改了。
gb-card-due = 应付 { $amount }（还没付）
gb-card-paid = 已付 { $amount }（{ $method }）
gb-card-delivered = 已送达。
gb-card-not-delivered = 还没送到。
gb-button-item = { $name } { $qty }
gb-button-done = ✅ 下好了
gb-pressed = { $name }：{ $qty } 份，合计 { $total }
gb-pressed-free = { $name }：{ $qty } 份
gb-preview-button = 这只是预览，按钮不起作用。
gb-confirm-buy = ✅ 已记下您家（{ $address }）团购 #{ $id } 的订单：{ $items }，合计 { $total }。{ $time } 截止前还可以改。
gb-confirm-free = ✅ 已记下：您家（{ $address }）会收到 { $items }。{ $time } 前还可以改。
gb-confirm-empty = 您家还没有选任何东西。要订的话请点 ➕。团购 #{ $id } 在 { $time } 截止。
gb-confirm-declined = 已记下：您家这次不需要。{ $time } 前改主意的话，点 ➕ 就行。
gb-final-buy = 团购 #{ $id }“{ $title }”已截止。您家的订单：{ $items }，应付 { $total }，可以付现金或转账。
gb-final-free = 免费发放 #{ $id }“{ $title }”名单已定。您家会收到：{ $items }。
gb-final-door = 志愿者会送到您家门口。
gb-final-pickup = 请到这里自取：{ $place }
gb-delivered-door = 您家的“{ $title }”（#{ $id }）已经送到门口了，请及时拿进屋。
gb-delivered-pickup = 您家的“{ $title }”（#{ $id }）已经领取，谢谢。
gb-paid-receipt = 收款确认：“{ $title }”（#{ $id }）已收到您家 { $amount }（{ $method }），谢谢！如果金额不对，请联系社区。
gb-method-cash = 现金
gb-method-transfer = 转账
gb-pointer-buy = 【社区团购】{ $units } 的住户：“{ $title }”开始订购，{ $time } 截止。已私信发给各户，请查看与 @{ $bot } 的私聊。
gb-pointer-free = 【免费发放】{ $units } 的住户：“{ $title }”已私信通知各户。不需要的，请在 { $time } 前在和 @{ $bot } 的私聊里点 ➖ 减到 0。
gb-order-not-registered = 请先登记住户信息（发 /register），才能为您家下单。
gb-order-not-offered = 这次不面向您家所在的楼栋或人群。
gb-order-unknown = 找不到这个团购了。
gb-order-busy = 家里人正在同时改订单，请稍后再点一次。
gb-order-closed = #{ $id } 已经截止，不能再改了。
gb-orders-none = 您家目前没有团购或发放。
gb-ask-qty = 您家要几份“{ $name }”？请写一个数字（0 到 { $max }），写 0 就是不要。
gb-qty-negative = 数量不能少于 0。
gb-qty-over-limit = 每户最多 { $max } 份。
gb-qty-too-many = 数量太多了，每样最多 { $max } 份。
gb-qty-format = 请只写一个整数，例如 3（0 到 { $max }）。
gb-qty-done = 好的，“{ $name }”改成 { $qty } 份，合计 { $total }。
gb-qty-done-free = 好的，“{ $name }”改成 { $qty } 份。

## 开团（社工、值班人员）

gb-ask-kind = 要开哪一种？团购：住户自己下单、付钱。免费发放：每户默认一份，不收钱。
gb-kind-buy = 🛒 团购
gb-kind-free = 🎁 免费发放
gb-ask-title = 请写一个标题，例如“平价蔬菜包 第3期”（最多 { $max } 个字）。
gb-text-expected = 请用文字回答。
gb-title-too-long = 标题太长了，最多 { $max } 个字，请改短一点。
gb-ask-items-buy =
    请发送商品，每行一样：名称 单价 每户限购（限购可以不写），例如：
    白菜 3.5
    猪肉 25元 限2
    鸡蛋 12.80/盒 限1
    价格可以写成 3.5、3.50、¥3.5 或 3元5角，最多到分。一次最多 10 样。
gb-ask-items-free =
    请发送要发的东西，每行一样：名称 每户几份（不写就是 1 份），例如：
    蔬菜包 1
    鸡蛋 10
    一次最多 10 样。
gb-items-empty = 没有收到商品，请每行写一样。
gb-items-too-many = 一次最多 10 样，请分开开团。
gb-items-problems = 下面几行有问题：
gb-items-line = 第 { $line } 行“{ $text }”：{ $problem }
gb-items-again = 请改好后，把全部商品重新发一遍。
gb-item-problem-no-price = 没有写价格
gb-item-problem-price-format = 看不懂价格，请写成 3.5、3.50、¥3.5 或 3元5角
gb-item-problem-price-too-precise = 价格最多到分（小数点后两位），例如 3.33
gb-item-problem-price-zero = 价格不能是 0（不收钱的请开“免费发放”）
gb-item-problem-price-too-large = 价格太高了（一样最多 ¥10000），是不是多写了一位？
gb-item-problem-price-negative = 价格不能是负数
gb-item-problem-no-name = 没有写名称
gb-item-problem-name-too-long = 名称太长了（最多 20 个字）
gb-item-problem-limit = 份数要在 1 到 99 之间
gb-item-problem-duplicate = 和前面的重复了
gb-ask-target =
    这次面向谁？写法和发通知一样：
    全部 — 所有住户
    3 — 3 栋；3-2 — 3 栋 2 单元
    #lives_alone、#over_75 等 — 重点关注的住户（也可以用 /tag 打的标签）
    全部 除 3-2 — 除了 3-2 以外的所有人
gb-target-nobody = 这个范围里没有已登记的住户，请换一个范围。
gb-ask-deadline-buy = 几点截止下单？例如 18:00、明天 10:00 或 2026-11-23 08:00。截止后我会把分拣清单和要向供应商订的数量发给您。
gb-ask-deadline-free = 名单几点定下来？例如 18:00、明天 10:00。在这之前住户可以说不需要；到时我会把分拣清单发给您。
gb-deadline-before-announcement = 住户要到 { $time } 才会收到通知（免打扰时段），截止时间请定在这之后。
gb-ask-delivery = 怎么交给住户？
gb-delivery-choice-door = 🚪 送货上门
gb-delivery-choice-pickup = 📍 住户自取
gb-ask-pickup = 在哪里、几点取？例如“3栋门口，明天 9:00-11:00”（最多 { $max } 个字）。
gb-pickup-too-long = 太长了，最多 { $max } 个字。
gb-preview-intro = 预览：住户收到的消息是这样的（以其中一户为例）：
gb-preview-counts = 面向 { $households } 户，共 { $recipients } 人：可以私信 { $reachable } 人，无法私信 { $unreachable } 人（需要电话或上门告知）。
gb-preview-quiet = 现在是免打扰时段，住户会在 { $time } 收到。
gb-preview-deadline-passed = 截止时间已经过了（或早于住户收到通知的时间），请改一下截止时间。
gb-confirm-open = ✅ 确认发布
gb-edit-title = ✏️ 改标题
gb-edit-items = ✏️ 改商品
gb-edit-target = ✏️ 改范围
gb-edit-deadline = ✏️ 改截止时间
gb-edit-delivery = ✏️ 改送货方式
gb-cancel = ✖ 取消
gb-opened-buy = 团购 #{ $id } 已发布：面向 { $households } 户（{ $recipients } 人，其中 { $unreachable } 人无法私信）。{ $time } 截止后，我会把分拣清单和订货数量发给您。发 /groupbuys 可以随时查看。
gb-opened-free = 免费发放 #{ $id } 已发布：面向 { $households } 户（{ $recipients } 人，其中 { $unreachable } 人无法私信）。{ $time } 名单定下后，我会把分拣清单发给您。发 /groupbuys 可以随时查看。

## 工作人员：清单、送货、收款、对账

gb-list-title = 最近的团购和发放：
gb-list-none = 还没有团购或发放。发 /groupbuy 开一个。
gb-list-item-buy = #{ $id } 🛒 { $title } · { $status } · 截止 { $time } · 下单 { $households }/{ $offered } 户 · { $total }
gb-list-item-free = #{ $id } 🎁 { $title } · { $status } · 截止 { $time } · 需要 { $households }/{ $offered } 户
gb-status-open = 订购中
gb-status-closed = 已截止
gb-summary-open = 订购中：已下单 { $households } 户（面向 { $offered } 户，通知了 { $recipients } 人）。
gb-summary-closed = 已截止：下单 { $households } 户（面向 { $offered } 户）。
gb-summary-supplier = 合计数量（向供应商订货）：
gb-summary-item = · { $name } { $qty } 份 × { $price } = { $amount }
gb-summary-item-free = · { $name } { $qty } 份
gb-summary-total = 应收合计 { $total }
gb-summary-progress = 已送达 { $delivered }/{ $households } 户，已付款 { $paid }/{ $households } 户。
gb-summary-progress-free = 已送达 { $delivered }/{ $households } 户。
gb-closed-intro = ⏰ #{ $id } 已截止，汇总如下。
gb-button-close = ⏹ 现在截止
gb-button-pack = 📦 分拣清单
gb-button-csv = 📄 CSV
gb-button-doors = 🚚 送货
gb-button-reconcile = 🧾 对账
gb-button-refresh = 🔄 刷新
gb-button-list = 📋 全部
gb-button-back = ⬅ 返回
gb-button-building = { $building }栋（{ $households }户）
gb-button-cash = 💵 现金
gb-button-transfer = 📲 转账
gb-button-paid = ✔ 已付（{ $method }）
gb-button-deliver = 🚚 送达
gb-button-delivered = ✅ 已送达
gb-button-short-more = { $name } 缺 +1
gb-button-short-less = { $name } 缺 −1
gb-lists-after-deadline = 截止以后才有分拣清单和送货名单。要提前的话，可以点“现在截止”。
gb-close-closed = #{ $id } 已截止，汇总会发给开团的人。
gb-close-already = #{ $id } 已经截止了。
gb-close-unknown = 找不到 #{ $id }。
gb-pack-title = 📦 #{ $id }“{ $title }”分拣清单
gb-pack-none = #{ $id } 没有人下单。
gb-pack-unit = 【{ $unit }】{ $households } 户
gb-pack-unit-total = 本单元合计：{ $items }
gb-pack-item = { $name }×{ $qty }
gb-pack-door = { $room }：{ $items } · { $amount }
gb-pack-door-free = { $room }：{ $items }
gb-doors-choose = #{ $id } 送货：请选楼栋。
gb-doors-title = 🚚 #{ $id } · { $building }栋（第 { $page }/{ $pages } 页，共 { $households } 户）
gb-doors-line = { $door }：{ $items } · { $state }
gb-door-delivered = ✅ 已送
gb-door-not-delivered = 未送
gb-door-paid = 💵 已付（{ $method }）
gb-door-unpaid = 未付
gb-door-title = 🏠 { $address } · #{ $id }
gb-door-item = { $name }：订 { $qty }，缺 { $short }，实送 { $given }
gb-door-short-hint = 缺货请在送达和收款之前记下，应付金额会跟着减少。
gb-door-short-frozen = 已送达或已收款，缺货不能再改。
gb-deliver-ok = ✅ { $address } 已送达
gb-deliver-already = { $address } 已经标记过送达了。
gb-deliver-open = 还没截止，不能标记送达。
gb-deliver-unknown = 这户不在这次的名单里。
gb-pay-ok = 💵 { $address } 已收 { $amount }（{ $method }）
gb-pay-already = { $address } 已经记过付款：{ $amount }（{ $method }），不会重复记账。
gb-pay-nothing = { $address } 没有要付的钱。
gb-pay-open = 还没截止，不能收款。
gb-pay-unknown = 这户不在这次的名单里。
gb-pay-free = 免费发放不用收钱。
gb-short-ok = 已记下缺货。
gb-short-frozen = 已送达或已收款，缺货不能再改；点错了可以先在这户的详情里撤销。
gb-short-bounds = 缺货数量不能少于 0，也不能多于订的数量。
gb-short-open = 还没截止。
gb-short-unknown = 这户不在这次的名单里。
gb-rec-title = 🧾 #{ $id }“{ $title }”对账（{ $time }）
gb-rec-quantities = 数量：订购 = 已送 + 缺货（+ 未送）
gb-rec-item = · { $name }：{ $ordered } = { $delivered } + { $short }
gb-rec-item-pending = · { $name }：{ $ordered } = { $delivered } + { $short } + 未送 { $pending }
gb-rec-goods = 货款：订购 { $ordered } = 已送 { $delivered } + 缺货 { $short }
gb-rec-goods-pending = 货款：订购 { $ordered } = 已送 { $delivered } + 缺货 { $short } + 未送 { $pending }
gb-rec-money = 应收 { $due } = 已收 { $paid }（现金 { $cash }，转账 { $transfer }）+ 未收 { $outstanding }
gb-rec-households = 户数：下单 { $ordered }，已送 { $delivered }，已付 { $paid }，未付 { $unpaid }
gb-rec-households-free = 户数：需要 { $ordered }，已送 { $delivered }
gb-rec-unpaid = 未付：{ $list }
gb-rec-balanced = ✅ 账目相符，一分不差。
gb-rec-balanced-free = ✅ 数量相符。
gb-rec-problems = ⚠️ 有 { $count } 处对不上，请核对：
gb-rec-problem-paid = · { $address }：记的已付 { $paid }，应付 { $due }
gb-rec-problem-short = · { $address }：缺货比订的还多
gb-csv-building = 楼栋
gb-csv-unit = 单元
gb-csv-room = 房号
gb-csv-due = 应付(元)
gb-csv-short = 缺货
gb-csv-delivered = 已送达
gb-csv-method = 付款方式
gb-csv-paid = 已付(元)
gb-csv-subtotal = { $unit } 小计
gb-csv-total = 合计
gb-csv-yes = 是

## 点错了：撤销“已送达”“已收款”（记入审计）
gb-button-undo-delivered = ↩️ 撤销送达
gb-button-undo-paid = ↩️ 撤销收款
gb-undo-what-delivered = 已送达
gb-undo-what-paid = 已收款
gb-undo-ok = ↩️ 已撤销 { $address } 的“{ $what }”。对账随之更新。
gb-undo-not-marked = { $address } 现在没有记“{ $what }”，不用撤销。
gb-undo-not-yours = 只有记下“{ $what }”的志愿者，或社工、协调员，才能撤销。
gb-undo-unknown = 这户不在这次的名单里。
gb-undone-delivered = 更正：“{ $title }”（#{ $id }）刚才误记为已送到您家，实际还没有送到。送到时会再告诉您。
gb-undone-paid = 更正：“{ $title }”（#{ $id }）刚才误记收到您家 { $amount }，这条收款已撤销。如果您确实付过，请联系社区。

## 送货任务（发给物资保障队的志愿者认领）
gb-vt-title = 团购 #{ $id }“{ $title }”：送到 { $building } 号楼 { $doors } 户
gb-vt-title-free = 免费发放 #{ $id }“{ $title }”：送到 { $building } 号楼 { $doors } 户
gb-take-ok = { $building } 号楼的送货交给您了，名单在下面，每送一户点一下。
gb-take-taken = { $name } 已经认领了这栋楼的送货。
gb-take-yours = 这栋楼的送货已经是您的了。
gb-take-closed = 这栋楼的送货已经不需要认领了。
gb-vt-reopened = ↩️ #{ $id }“{ $title }”：{ $name } 撤销了 { $address } 的“已送达”。{ $building } 号楼的送货又回到您手上，等最后一户送到，时长再记上。

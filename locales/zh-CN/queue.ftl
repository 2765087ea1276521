## 线上排队（工作人员开一个排队点，居民私聊取号，快到时和轮到时都会通知）

cmd-queue = 线上排队：取号、看现在叫到几号
cmd-queue_open = 开一个排队点：临时超市、检测点（社工、值班人员）
cmd-queues = 排队叫号面板：下一个、过号、结束（工作人员）
conv-name-queue-open = 开排队点

## 开排队点
qu-ask-point = 排队点在哪里、是做什么的？例如：西门临时超市、3 号楼核酸检测点。
qu-text-empty = 没有收到内容，请再写一次。
qu-point-too-long = 最多 { $max } 个字，请写得简短一些。
qu-ask-capacity = 今天一共发多少个号？请输入数字（1 到 { $max }）。
qu-capacity-bad = 请输入 1 到 { $max } 之间的数字，例如 200。
qu-ask-near = 前面还剩几个人时提醒居民出发？默认 { $default } 个。
qu-near-default = { $n }（默认）
qu-near-other = 其他
qu-ask-near-number = 请输入一个数字（1 到 { $max }）。
qu-near-bad = 请输入 1 到 { $max } 之间的数字。
qu-ask-goods = 有商品和价格要先告诉居民吗？每行一样，价格写在最后，例如：
    大米 5kg 45
    鸡蛋 30个 25.5
    最多 { $max } 样；没有就点“跳过”。
qu-skip = 跳过
qu-goods-empty = 没有收到商品，请每行写一样商品和价格。
qu-goods-too-many = 最多 { $max } 样商品。
qu-goods-no-price = 这一行没看出价格，请把价格写在最后，例如：大米 5kg 45。
qu-goods-too-long = 商品名最多 { $name } 个字。
qu-ask-photos = 有商品照片吗？可以直接发过来（最多 { $max } 张）；没有就点“没有照片”。
qu-photos-none = 没有照片
qu-photos-done = 照片发完了
qu-ask-announce = 要在各楼栋群里发一条取号通知吗？通知里只有排队点、号数、商品和取号按钮，不会提到任何居民。
qu-announce-yes = 📣 发到各楼栋群
qu-announce-no = 不发，我自己转发取号链接
qu-summary-title = 请核对排队点：
qu-summary-point = 地点：{ $point }
qu-summary-capacity = 今天的号：{ $capacity } 个，每户一个
qu-summary-near = 前面还剩 { $near } 人时提醒居民
qu-summary-goods = 商品和价格：
qu-summary-no-goods = 商品和价格：没有
qu-summary-photos = 商品照片：{ $count } 张
qu-summary-announce = 发到各楼栋群：是
qu-summary-no-announce = 发到各楼栋群：否
qu-summary-open = ✅ 开始取号
qu-summary-cancel = ✖ 不开了
qu-edit-point = ✏️ 改地点
qu-edit-capacity = ✏️ 改号数
qu-edit-near = ✏️ 改提醒
qu-edit-goods = ✏️ 改商品
qu-edit-photos = ✏️ 改照片
qu-edit-announce = ✏️ 改群通知
qu-opened = ✅ 排队 #{ $id } 开始取号了{ $groups ->
        [0] 。
       *[other] ，取号通知会发到 { $groups } 个楼栋群（夜间免打扰时段会等到早上）。
    }
    取号链接（可以转发给居民）：{ $link }
    下面是叫号面板，发 /queues 也能打开。
qu-role-gone = 您的工作人员身份已被收回，这次操作没有执行。如有疑问请联系管理员。

## 居民看到的
qu-none = 现在没有排队点在取号。
qu-unknown = 找不到这个排队点了。发 /queue 看看现在有哪些。
qu-card-title = 🎫 排队 #{ $id } · { $point }
qu-card-numbers = 今天共 { $capacity } 个号，还剩 { $left } 个。每户一个。
qu-card-yours = 您家的号：{ $number } 号
qu-card-ahead = 您前面还有 { $count } 人。
qu-card-we-will-call = 前面还剩 { $near } 人时会提醒您出发，轮到您时也会通知您，不用在外面等。
qu-card-ticket-called = 🔔 现在轮到您了，请到窗口。
qu-card-ticket-served = 您已经办完了，谢谢。
qu-card-ticket-skipped = 叫到您的号时您不在，已经过号了。请到现场找工作人员。
qu-card-ticket-unserved = 排队已经结束，您的号没有叫到。很抱歉。
qu-card-closed = 这个排队点已经结束了。
qu-serving = 现在叫到：{ $number } 号
qu-serving-none-yet = 还没有开始叫号。
qu-serving-nobody = 现在没有人在办。
qu-take-button = 🎫 取号
qu-refresh-button = 🔄 刷新
qu-goods-button = 🛒 商品和价格
qu-taken = ✅ 取号成功，您是 { $number } 号。
qu-already = 您家已经取过号了，是 { $number } 号。每户一个号。
qu-take-gone = 很抱歉，今天的号已经发完了。
qu-take-closed = 这个排队点已经结束了。
qu-take-unknown = 找不到这个排队点了。
qu-take-not-registered = 请先登记您的房号（发 /register），每户可以取一个号。
qu-goods-title = 🛒 { $point }的商品和价格：
qu-goods-none = { $point }没有提前公布商品和价格。
qu-photo-caption = { $point } · 商品照片 { $n }/{ $count }
qu-near = ⏰ 排队 #{ $id } · { $point }：您的 { $number } 号前面还有 { $count } 人，请现在出发过来。
qu-turn = 🔔 轮到您了！排队 #{ $id } · { $point }：请 { $number } 号到窗口。
qu-closed-unserved = 排队 #{ $id } · { $point }已经结束，您的 { $number } 号今天没有叫到。很抱歉，请留意下一次的通知。

## 楼栋群里的取号通知
qu-post-title = 🎫 线上排队：{ $point }
qu-post-numbers = 今天共 { $capacity } 个号，每户一个。
qu-post-goods = 商品和价格：
qu-post-how = 点下面的按钮在私聊里取号。前面还剩 { $near } 人时会提醒您出发，不用在外面排队。
qu-post-button = 🎫 私聊取号

## 工作人员的叫号面板
qu-none-staff = 现在没有排队点。社工或值班人员可以发 /queue_open 开一个。
qu-panel-title = 🧾 排队 #{ $id } · { $point }
qu-panel-numbers = 号：共 { $capacity } 个，已取 { $issued } 个，剩 { $left } 个
qu-panel-serving = 现在叫到：{ $number } 号（{ $address }）
qu-panel-counts = 等候 { $waiting } 人 · 已办 { $served } 人 · 过号 { $skipped } 人
qu-next-button = ▶ 下一个
qu-skip-button = ⏭ 过号（没来）
qu-panel-button = 🔄 刷新
qu-close-button = ✖ 结束排队
qu-called = 已叫 { $number } 号，居民会收到通知。
qu-nobody-waiting = 现在没有人在等。
qu-stale = 刚才已经有人叫过号了，现在是 { $number } 号。面板已经刷新，请看清楚再按。
qu-call-closed = 这个排队点已经结束了。
qu-call-unknown = 找不到这个排队点了。
qu-close-ask = 确定结束排队 #{ $id } · { $point }吗？还在等候的 { $waiting } 人会马上收到通知。
qu-close-yes = ✅ 结束
qu-close-no = ↩ 不结束
qu-closed-title = ✅ 排队 #{ $id } · { $point }已结束
qu-closed-counts = 已办 { $served } 人，过号 { $skipped } 人，没叫到 { $unserved } 人
qu-closed-waits = 平均等候 { $average }，最长 { $longest }（从取号到叫号）
qu-duration-none = —
qu-duration-hours = { $hours } 小时 { $minutes } 分钟
qu-duration-minutes = { $minutes } 分 { $seconds } 秒
qu-duration-seconds = { $seconds } 秒

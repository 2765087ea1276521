## 图表（发在聊天里的图片）
## 图里只能用字体里有的字：不要用表情符号。

chart-date = { $month }/{ $day }
chart-building = { $building } 栋

## 求助台账
chart-ledger-title = 近 { $days } 天的求助
chart-ledger-subtitle = 收到 { $received } 件，已办完 { $resolved } 件，办结率 { $rate }%
chart-ledger-subtitle-none = 这几天没有收到求助
chart-ledger-by-category = 按类别（现在的状态）
chart-ledger-by-day = 按登记日期
chart-ledger-category = { $category }（{ $total }）
chart-ledger-count = 件
chart-ledger-state-waiting = 等人接手
chart-ledger-state-working = 办理中
chart-ledger-state-resolved = 已办完
chart-ledger-state-cant = 无法办理
chart-ledger-rate = 办结率
chart-cat-medicine = 买药
chart-cat-gas = 燃气
chart-cat-groceries = 买菜和生活用品
chart-cat-repair = 维修
chart-cat-testing = 上门检测
chart-cat-home_help = 上门帮忙
chart-cat-policy = 政策咨询
chart-cat-other = 其他

## 健康打卡
chart-checkin-title = 健康打卡 { $date }
chart-checkin-subtitle = 合计 { $households } 户，报全 { $complete } 户（{ $rate }%）
chart-checkin-by-building = 各栋今天的完成率
chart-checkin-complete = 报全
chart-checkin-partial = 没报全
chart-checkin-trend = 近 { $days } 天的完成率
chart-checkin-rate = 完成率

## 通知送达
chart-notice-title = 通知 #{ $id } 送达情况
chart-notice-subtitle = 合计 { $recipients } 人：已确认 { $confirmed }，无法送达 { $unreachable }
chart-notice-confirmed = 已确认
chart-notice-unconfirmed = 已送达，未确认
chart-notice-queued = 排队中
chart-notice-unreachable = 无法送达
chart-notice-people = 人

## 志愿者
chart-volunteers-title = 近 { $days } 天的志愿服务
chart-volunteers-subtitle = { $people } 位志愿者，共 { $hours } 小时
chart-volunteers-by-team = 各小组的时长
chart-volunteers-top = 时长最多的 { $count } 位志愿者
chart-volunteers-hours = 小时

## 图片下面的一行说明
chart-ledger-caption = 近 { $days } 天的求助：按类别、按登记日期，和办结率
chart-checkin-caption = 今天各栋的打卡完成率，和近 { $days } 天的走势
chart-notice-caption = 通知 #{ $id } 各单元的送达和确认（{ $time }）

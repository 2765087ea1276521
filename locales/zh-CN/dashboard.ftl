## 工作台（Telegram 小程序，只给工作人员）

# 私聊里菜单按钮上的字
dash-menu-button = 工作台

dash-title = 邻里工作台
dash-updated = { $time } 更新
dash-refresh = 刷新
dash-loading-failed = 暂时读不到数据，请稍后点“刷新”再试。

## 覆盖情况
dash-grid-title = 各户情况
dash-grid-hint = 一个方格是一户，颜色是今天的情况。
dash-state-none = 没人登记
dash-state-registered = 已登记，发不了消息
dash-state-reachable = 能联系，今天没打卡
dash-state-partial = 今天打卡没报全
dash-state-reported = 今天已打卡
dash-building = { $building } 栋
dash-unit = { $unit } 单元
dash-unit-none = 本栋
dash-building-summary = 登记 { $registered }/{ $rooms } 户 · 今天打卡 { $reported } 户
dash-grid-empty = 还没有房间：请管理员导入房号表，或等居民登记。

## 求助
dash-requests-title = 没办完的求助
dash-requests-hint = 按类别和已经等了多久。
dash-requests-empty = 现在没有没办完的求助。
dash-requests-category = 类别
dash-requests-total = 合计
dash-age-hour = 1小时内
dash-age-six_hours = 1–6小时
dash-age-day = 6–24小时
dash-age-three_days = 1–3天
dash-age-older = 3天以上

## 健康打卡
dash-checkin-title = 今天的健康打卡
dash-checkin-line = { $complete }/{ $households } 户报全 · { $partial } 户没报全
dash-checkin-total = 合计 { $complete }/{ $households } 户报全（{ $rate }%）
dash-checkin-empty = 还没有登记的住户。
dash-checkin-off = 每日打卡现在是关着的。

## 通知
dash-notices-title = 最近的通知
dash-notices-empty = 还没有发过通知。
dash-notice-heading = 通知 #{ $id } · { $time }
dash-notice-urgent = 紧急
dash-notice-figures = 发给 { $recipients } 人：送达 { $delivered }，确认 { $confirmed }，排队 { $queued }，发不到 { $unreachable }
dash-notice-confirmed = 已确认
dash-notice-unconfirmed = 送达未确认
dash-notice-queued = 排队中
dash-notice-unreachable = 发不到

## 打不开的时候
dash-error-title = 工作台打不开
dash-error-unauthorized = 没能确认您的身份。请在 Telegram 里，从和机器人私聊的菜单按钮打开工作台。
dash-error-expired = 这次登录已经过期。请关掉页面，再从菜单按钮打开。
dash-error-forbidden = 工作台只给社工、值班人员和管理员用。

## 同一房间有多人登记；社工的 /residents

cmd-residents = 查看某个房间的登记住户，移除登记错的人（社工）

## 登记到已有住户的房间
reg-address-removed = 社区工作人员已经把您从 { $address } 的登记中移除，您不能再自己登记到这个房间。如果弄错了，请联系社区社工。请发送其他房号。
reg-done-shared = 这个房间之前已有 { $count } 人登记，我们已告诉他们和社区工作人员您登记了。
reg-joined-resident = 🏠 { $name } 于 { $time } 登记到了您家 { $address }。如果是您认识的人（家人、同住的人），不用做什么。如果不认识，请告诉社区社工，他们可以移除登记错的人。
reg-joined-staff = 🏠 { $address }：{ $name } 于 { $time } 登记。这个房间之前已登记：{ $others }。
reg-joined-staff-needs = 这户登记的特殊情况：{ $flags }
reg-joined-staff-check = 如果看起来不对（比如原来登记为独居），请先和住户核实，再用 /residents { $address } 移除登记错的人。

## /me：和别人同住一间
me-household = 这个房间还有 { $others } 人登记。全家合计：{ $members } 人；特殊情况：{ $flags }。

## /coverage：有特殊情况的房间
coverage-needs = 　特殊情况：{ $rooms }
coverage-needs-room = { $room }（{ $flags }）

## /residents
res-usage = 用法：/residents 房号，例如 /residents 3-2-501
res-none = { $address } 没有人登记。
res-title = { $address }：已登记 { $count } 人
res-title-empty = { $address }：现在没有人登记
res-line = { $n }. { $name } · { $time } 登记 · { $reachable } · 填的家庭人数 { $members }；特殊情况：{ $flags }
res-reachable = 可以私信
res-unreachable = 无法私信
res-combined = 全户合计：{ $members } 人；特殊情况：{ $flags }
res-removed-title = 已被工作人员移除（不能再登记到这里）：
res-removed-line = { $name } · { $time } 移除
res-btn-remove = 移除 { $n }. { $name }
res-btn-allow = 允许 { $name } 重新登记到这里
res-confirm-remove = 确定把 { $name } 从 { $address } 移除吗？移除后对方不会再收到这个房间的通知，对方填的信息也不再算进这户，而且除非社工允许，不能再登记到这个房间。我们会通知对方本人。
res-btn-remove-yes = 确定移除
res-btn-remove-no = 不移除
res-removed = 已把 { $name } 从 { $address } 移除，并已通知本人。
res-kept = 好的，没有做任何改动。
res-gone = 这个人已经不在这个房间的登记里了，没有做任何改动。
res-allowed = 已允许 { $name } 重新登记到 { $address }。
res-removed-you = 社区工作人员已把您从 { $address } 的登记中移除，您不会再收到这个房间的通知。如果弄错了，请联系社区社工。

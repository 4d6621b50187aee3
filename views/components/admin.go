package components

// ActionLabel is the Chinese label of an audit-log action.
func ActionLabel(action string) string {
	switch action {
	case "login.success":
		return "登录成功"
	case "login.failed":
		return "登录失败"
	case "account.signup":
		return "注册账号"
	case "account.fans_correct":
		return "更正粉丝数"
	case "manager.create":
		return "创建运营账号"
	case "enrollment.apply":
		return "提交报名"
	case "enrollment.withdraw":
		return "撤回报名"
	case "enrollment.approve":
		return "审核通过"
	case "enrollment.reject":
		return "审核驳回"
	case "campaign.update":
		return "修改活动设置"
	case "campaign.create":
		return "新建活动"
	case "export.enrollments":
		return "导出报名"
	case "export.points":
		return "导出成长卡"
	case "video.delete":
		return "删除视频"
	case "orders.import":
		return "导入订单"
	case "video.heat":
		return "加热视频"
	}
	return action
}

// RiskLabel is the short Chinese label of a queue risk hint.
func RiskLabel(code string) string {
	switch code {
	case "near_threshold":
		return "粉丝数贴近门槛"
	case "channel_reused":
		return "视频号曾绑定其他账号"
	case "withdraw_cycles":
		return "多次报名又撤回"
	}
	return code
}

// RiskHelp explains a queue risk hint to the reviewer.
func RiskHelp(code string) string {
	switch code {
	case "near_threshold":
		return "申报粉丝数在最低门槛上下 5% 以内,建议到视频号后台核对"
	case "channel_reused":
		return "这个视频号ID(不区分大小写)曾出现在另一个账号下,可能是重复或转手账号"
	case "withdraw_cycles":
		return "这个账号在本期活动中已经报名后撤回至少 2 次"
	}
	return ""
}

// TargetLabel is the Chinese name of an audit target type.
func TargetLabel(kind string) string {
	switch kind {
	case "account":
		return "账号"
	case "enrollment":
		return "报名"
	case "campaign":
		return "活动"
	case "video":
		return "视频"
	case "order":
		return "订单"
	case "export":
		return "导出"
	}
	return kind
}

// KindLabel is the Chinese label of a ledger entry kind.
func KindLabel(kind string) string {
	switch kind {
	case "earn":
		return "获得"
	case "heat":
		return "加热"
	}
	return kind
}

// SourceLabel is the Chinese label of an order source.
func SourceLabel(source string) string {
	switch source {
	case "short_video":
		return "短视频"
	case "live":
		return "直播"
	case "other":
		return "其他"
	}
	return source
}

// OrderStatusLabel is the Chinese label of an order's effective status.
func OrderStatusLabel(status string) string {
	switch status {
	case "settled":
		return "已结算"
	case "cancelled":
		return "已取消结算"
	}
	return status
}

// FieldLabel is the Chinese name of a field in an audit entry's before and after.
func FieldLabel(field string) string {
	switch field {
	case "status", "Status":
		return "状态"
	case "reason", "Reason":
		return "原因"
	case "note", "Note":
		return "备注"
	case "fans":
		return "有效粉丝"
	case "email":
		return "邮箱"
	case "role":
		return "身份"
	case "channel_id":
		return "视频号ID"
	case "format":
		return "格式"
	case "filters":
		return "筛选条件"
	case "AccountID":
		return "账号"
	case "CampaignID":
		return "活动"
	case "slug":
		return "活动标识"
	case "name":
		return "活动名称"
	case "starts_at":
		return "激励期开始"
	case "ends_at":
		return "激励期结束"
	case "baseline_start":
		return "基准期开始"
	case "baseline_end":
		return "基准期结束"
	case "min_fans":
		return "最低粉丝"
	case "rate_bps":
		return "奖励比例(基点)"
	case "cap_points":
		return "封顶"
	case "tiers":
		return "发布档位"
	case "running":
		return "当前活动"
	case "replaces_running":
		return "接替"
	case "points":
		return "加热点数"
	case "balance_after":
		return "余额"
	case "filename":
		return "文件"
	case "rows":
		return "行数"
	}
	return field
}

// ValueLabel is the Chinese label of a coded value in an audit entry (an
// enrolment's status, a rejection reason, a role) and true; other values (numbers,
// notes, dates) come back as they are, with false: they are not to be translated.
func ValueLabel(field, value string) (string, bool) {
	switch field {
	case "status", "Status":
		switch value {
		case "pending", "approved", "rejected", "withdrawn":
			return StatusLabel(value), true
		}
	case "reason", "Reason":
		if l := ReasonLabel(value); l != value {
			return l, true
		}
	case "role":
		if l := RoleLabel(value); l != value {
			return l, true
		}
	}
	return value, false
}

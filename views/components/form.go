// Package components holds small reusable pieces of pages.
package components

import "strings"

// describedBy lists the ids of an input's hint and error for aria-describedby.
func describedBy(name, errMsg, hint string) string {
	var ids []string
	if hint != "" {
		ids = append(ids, "h-"+name)
	}
	if errMsg != "" {
		ids = append(ids, "e-"+name)
	}
	return strings.Join(ids, " ")
}

// StatusLabel is the Chinese label of an enrolment status.
func StatusLabel(status string) string {
	switch status {
	case "pending":
		return "审核中"
	case "approved":
		return "已通过"
	case "rejected":
		return "未通过"
	case "withdrawn":
		return "已撤回"
	default:
		return "未报名"
	}
}

// ReasonLabel is the Chinese label of an ineligibility or rejection reason code.
func ReasonLabel(code string) string {
	switch code {
	case "few_fans":
		return "有效粉丝数不足,且不是店铺自营账号"
	case "short_video_disabled":
		return "尚未开通短视频带货功能"
	case "no_channel":
		return "账号没有绑定视频号"
	case "not_participant":
		return "只有带货者和商家可以报名"
	case "fans_mismatch":
		return "粉丝数与视频号实际不符"
	case "not_enabled":
		return "未开通短视频带货功能"
	case "violation":
		return "账号存在违规记录"
	case "duplicate":
		return "重复报名或重复账号"
	case "other":
		return "其他原因"
	}
	return code
}

// RoleLabel is the Chinese label of an account role.
func RoleLabel(role string) string {
	switch role {
	case "creator":
		return "带货者"
	case "merchant":
		return "商家"
	case "manager":
		return "运营"
	}
	return role
}

package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"growthcard/views/pages"
)

// statusMessages are the Chinese headlines of error pages.
var statusMessages = map[int]string{
	http.StatusBadRequest:            "请求有误",
	http.StatusUnauthorized:          "请先登录",
	http.StatusForbidden:             "页面已过期或请求无效,请刷新后重试",
	http.StatusNotFound:              "页面不存在,或者你没有权限查看",
	http.StatusMethodNotAllowed:      "不支持这个操作",
	http.StatusRequestEntityTooLarge: "提交的内容太大",
	http.StatusConflict:              "操作与当前状态冲突",
	http.StatusUnprocessableEntity:   "提交的内容有误",
	http.StatusTooManyRequests:       "操作太频繁,请稍后再试",
	http.StatusServiceUnavailable:    "服务暂时不可用,请稍后再试",
	http.StatusInternalServerError:   "服务器出错了,我们已经记录,请稍后再试",
}

// RenderError renders the error page with code; message overrides the headline.
func (h *Handler) RenderError(c echo.Context, code int, message string) error {
	if message == "" {
		message = statusMessages[code]
	}
	if message == "" {
		message = http.StatusText(code)
	}
	// The headline is the title too: http.StatusText would put English in a
	// Chinese page's <title>.
	return h.render(c, code, pages.Error(h.page(c, message), code, message))
}

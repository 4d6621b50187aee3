package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"growthcard/models"
	"growthcard/models/store"
	"growthcard/views/pages"
)

// maxBulk bounds how many applications one bulk decision may name.
const maxBulk = 500

// AdminEnrollments is the review queue: filters, sorting, paging, risk hints.
func (h *Handler) AdminEnrollments(c echo.Context) error {
	d, err := h.queueData(c)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, pages.AdminEnrollments(h.page(c, "报名审核"), d))
}

// queueData loads the queue for the filters in the query string.
func (h *Handler) queueData(c echo.Context) (pages.AdminEnrollmentsData, error) {
	ctx := c.Request().Context()
	camp, err := h.Store.RunningCampaign(ctx)
	if err != nil {
		return pages.AdminEnrollmentsData{}, err
	}
	f := models.ParseEnrollmentFilter(c.QueryParams())
	f.CampaignID = camp.ID
	rows, total, err := h.Store.ListQueue(ctx, f)
	if err != nil {
		return pages.AdminEnrollmentsData{}, err
	}
	counts, err := h.Store.CountEnrollments(ctx, camp.ID)
	return pages.AdminEnrollmentsData{Campaign: camp, Filter: f, Rows: rows, Total: total, Counts: counts}, err
}

// ApproveEnrollment approves one pending application.
func (h *Handler) ApproveEnrollment(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return h.decide(c, []int64{id}, store.Decision{Approve: true})
}

// RejectEnrollment rejects one pending application with a reason and a note.
func (h *Handler) RejectEnrollment(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return h.decide(c, []int64{id}, store.Decision{Reason: c.FormValue("reason"), Note: c.FormValue("note")})
}

// BulkApprove approves every selected application, all or nothing.
func (h *Handler) BulkApprove(c echo.Context) error {
	ids, msg := formIDs(c)
	if msg != "" {
		return h.queueError(c, http.StatusUnprocessableEntity, msg)
	}
	return h.decide(c, ids, store.Decision{Approve: true})
}

// BulkReject rejects every selected application with one reason and note, all or
// nothing.
func (h *Handler) BulkReject(c echo.Context) error {
	ids, msg := formIDs(c)
	if msg != "" {
		return h.queueError(c, http.StatusUnprocessableEntity, msg)
	}
	return h.decide(c, ids, store.Decision{Reason: c.FormValue("reason"), Note: c.FormValue("note")})
}

// formIDs reads the repeated ids field: distinct positive integers, at most maxBulk.
func formIDs(c echo.Context) ([]int64, string) {
	params, err := c.FormParams()
	if err != nil {
		return nil, "无法读取提交的内容"
	}
	seen := map[int64]bool{}
	var ids []int64
	for _, raw := range params["ids"] {
		id, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64)
		if err != nil || id <= 0 {
			return nil, "选中的报名编号无效,请刷新后重试"
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	switch {
	case len(ids) == 0:
		return nil, "请至少选择一条报名"
	case len(ids) > maxBulk:
		return nil, "一次最多处理 500 条报名"
	}
	return ids, ""
}

// decide applies a decision and answers 303 back to the queue with its filters; 422
// for a missing reason or a long note, 409 when an application is no longer pending
// (nothing changes then), 404 for an unknown id.
func (h *Handler) decide(c echo.Context, ids []int64, d store.Decision) error {
	if !d.Approve {
		if !models.ValidRejectReason(d.Reason) {
			return h.queueError(c, http.StatusUnprocessableEntity, "请选择驳回原因")
		}
		if len([]rune(strings.TrimSpace(d.Note))) > 500 {
			return h.queueError(c, http.StatusUnprocessableEntity, "备注不能超过 500 个字")
		}
	}
	err := h.Store.Decide(c.Request().Context(), actor(c), ids, d)
	var fe models.FieldErrors
	switch {
	case errors.Is(err, models.ErrInvalidState):
		return h.queueError(c, http.StatusConflict, "有报名已经处理过了,这次没有做任何更改,请刷新后再看")
	case errors.Is(err, models.ErrNotFound) && len(ids) > 1:
		return h.queueError(c, http.StatusConflict, "有报名已不存在,这次没有做任何更改,请刷新后再看")
	case errors.As(err, &fe):
		return h.queueError(c, http.StatusUnprocessableEntity, fe[0].Message)
	case err != nil:
		return err
	}
	msg := "已通过"
	if !d.Approve {
		msg = "已驳回,申请人会看到原因和备注"
	}
	// A count is filled here, so that message is translated here (the page's p.T
	// takes whole messages).
	switch loc := h.localizer(c); {
	case len(ids) > 1 && d.Approve:
		msg = loc.Tf("%d 条报名已通过", len(ids))
	case len(ids) > 1:
		msg = loc.Tf("%d 条报名已驳回,申请人会看到原因和备注", len(ids))
	}
	return h.redirect(c, queueBack(c), "success", msg)
}

// queueBack is the queue URL with the filters and page the decision was made from.
func queueBack(c echo.Context) string {
	f := models.ParseEnrollmentFilter(c.QueryParams())
	q := f.Values()
	if f.Page > 1 {
		q.Set("page", strconv.Itoa(f.Page))
	}
	if len(q) > 0 {
		return "/admin/enrollments?" + q.Encode()
	}
	// A form without the filters in its action (no-JS or an older page): go back to
	// the queue page it came from when the Referer is ours.
	if ref, err := url.Parse(c.Request().Referer()); err == nil && ref.Host == c.Request().Host &&
		ref.Path == "/admin/enrollments" {
		f := models.ParseEnrollmentFilter(ref.Query())
		if q := f.Values(); len(q) > 0 {
			if f.Page > 1 {
				q.Set("page", strconv.Itoa(f.Page))
			}
			return "/admin/enrollments?" + q.Encode()
		}
	}
	return "/admin/enrollments?status=pending"
}

// queueError re-renders the queue (with the filters in the query string) with status
// and a message.
func (h *Handler) queueError(c echo.Context, status int, msg string) error {
	d, err := h.queueData(c)
	if err != nil {
		return err
	}
	d.Errors = []string{msg}
	return h.render(c, status, pages.AdminEnrollments(h.page(c, "报名审核"), d))
}

// pathID reads the :id parameter; a malformed one is simply not found.
func pathID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, echo.NewHTTPError(http.StatusNotFound)
	}
	return id, nil
}

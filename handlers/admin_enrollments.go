package handlers

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"growthcard/models"
	"growthcard/models/store"
	"growthcard/views/pages"
)

// AdminEnrollments is the review queue, filtered by status and a search.
func (h *Handler) AdminEnrollments(c echo.Context) error {
	d, err := h.queueData(c)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, pages.AdminEnrollments(h.page(c, "报名审核"), d))
}

func (h *Handler) queueData(c echo.Context) (pages.AdminEnrollmentsData, error) {
	ctx := c.Request().Context()
	camp, err := h.Store.RunningCampaign(ctx)
	if err != nil {
		return pages.AdminEnrollmentsData{}, err
	}
	page, _ := strconv.Atoi(c.QueryParam("page"))
	if page < 1 {
		page = 1
	}
	status := c.QueryParam("status")
	switch status {
	case models.EnrollPending, models.EnrollApproved, models.EnrollRejected, models.EnrollWithdrawn, "":
	default:
		status = ""
	}
	f := store.EnrollmentFilter{CampaignID: camp.ID, Status: status, Query: c.QueryParam("q"), Page: page, PerPage: 50}
	rows, total, err := h.Store.ListEnrollments(ctx, f)
	if err != nil {
		return pages.AdminEnrollmentsData{}, err
	}
	counts, err := h.Store.CountEnrollments(ctx, camp.ID)
	return pages.AdminEnrollmentsData{Campaign: camp, Status: status, Query: f.Query, Rows: rows, Total: total,
		Page: page, PerPage: f.PerPage, Counts: counts}, err
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

// decide applies a decision and answers 303 back to the queue, 422 for a bad reason,
// 409 when an application is no longer pending, 404 for an unknown id.
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
	switch {
	case errors.Is(err, models.ErrInvalidState):
		return h.queueError(c, http.StatusConflict, "这条报名已经处理过了,请刷新后再看")
	case err != nil:
		return err
	}
	msg := "已通过"
	if !d.Approve {
		msg = "已驳回"
	}
	back := c.Request().Referer()
	if !strings.Contains(back, "/admin/enrollments") {
		back = "/admin/enrollments?status=pending"
	} else if i := strings.Index(back, "/admin/enrollments"); i >= 0 {
		back = back[i:]
	}
	return h.redirect(c, back, "success", msg)
}

// queueError re-renders the pending queue with status and a message.
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

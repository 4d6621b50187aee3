package handlers

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"growthcard/models"
	"growthcard/views/components"
	"growthcard/views/i18n"
	"growthcard/views/pages"
)

// AdminExports is the page that offers every export.
func (h *Handler) AdminExports(c echo.Context) error {
	ctx := c.Request().Context()
	camp, err := h.Store.RunningCampaign(ctx)
	if err != nil {
		return err
	}
	counts, err := h.Store.CountEnrollments(ctx, camp.ID)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, pages.AdminExports(h.page(c, "导出"), pages.AdminExportsData{Campaign: camp, Counts: counts}))
}

// ExportEnrollmentsCSV streams the queue's enrolments (its filters honoured) as CSV.
func (h *Handler) ExportEnrollmentsCSV(c echo.Context) error { return h.exportEnrollments(c, "csv") }

// ExportEnrollmentsXLSX streams the queue's enrolments (its filters honoured) as XLSX.
func (h *Handler) ExportEnrollmentsXLSX(c echo.Context) error { return h.exportEnrollments(c, "xlsx") }

// ExportPointsCSV streams every account's points in the running campaign as CSV.
func (h *Handler) ExportPointsCSV(c echo.Context) error { return h.exportPoints(c, "csv") }

// ExportPointsXLSX streams every account's points in the running campaign as XLSX.
func (h *Handler) ExportPointsXLSX(c echo.Context) error { return h.exportPoints(c, "xlsx") }

// enrollmentHeader names the enrolment export's columns.
var enrollmentHeader = []string{"报名ID", "邮箱", "昵称", "身份", "视频号ID", "视频号名称", "有效粉丝", "店铺自营",
	"状态", "驳回原因", "备注", "提交时间", "处理时间", "新手", "激励期结算GMV(元)", "已获成长卡", "已加热", "余额"}

// pointsHeader names the points export's columns.
var pointsHeader = []string{"账号ID", "邮箱", "昵称", "身份", "视频号ID", "视频号名称", "报名状态", "新手",
	"基准期结算GMV(元)", "激励期结算GMV(元)", "门槛(元)", "奖励基数(元)", "按规则应得成长卡", "已记入成长卡", "已加热", "余额"}

func (h *Handler) exportEnrollments(c echo.Context, format string) error {
	ctx := c.Request().Context()
	camp, err := h.Store.RunningCampaign(ctx)
	if err != nil {
		return err
	}
	f := models.ParseEnrollmentFilter(c.QueryParams())
	f.CampaignID = camp.ID
	if err := h.Store.Audit(ctx, actor(c), "export.enrollments", "campaign", camp.ID, nil,
		map[string]string{"format": format, "filters": f.Values().Encode()}); err != nil {
		return err
	}
	loc := h.localizer(c)
	sh, err := newSheet(c, format, "enrollments-"+camp.Slug+"-"+h.Now().In(models.Beijing).Format("20060102-1504"), loc.T("报名"))
	if err != nil {
		return err
	}
	if err := sh.Row(translated(loc, enrollmentHeader)); err != nil {
		return err
	}
	err = h.Store.StreamEnrollments(ctx, f, func(r models.ExportRow) error {
		return sh.Row([]any{r.ID, r.Email, r.DisplayName, loc.T(components.RoleLabel(r.Role)), r.ChannelID, r.ChannelName,
			r.Fans, yesNo(loc, r.SelfOperated), loc.T(components.StatusLabel(r.Status)), reasonText(loc, r.Reason), r.Note,
			exportTime(r.CreatedAt), exportTimePtr(r.DecidedAt), yesNo(loc, r.Newcomer), r.CampaignGMV,
			r.Points.Earned, r.Points.Spent, r.Points.Balance})
	})
	return h.finishExport(c, sh, err)
}

func (h *Handler) exportPoints(c echo.Context, format string) error {
	ctx := c.Request().Context()
	camp, err := h.Store.RunningCampaign(ctx)
	if err != nil {
		return err
	}
	if err := h.Store.Audit(ctx, actor(c), "export.points", "campaign", camp.ID, nil,
		map[string]string{"format": format}); err != nil {
		return err
	}
	loc := h.localizer(c)
	sh, err := newSheet(c, format, "points-"+camp.Slug+"-"+h.Now().In(models.Beijing).Format("20060102-1504"), loc.T("成长卡"))
	if err != nil {
		return err
	}
	if err := sh.Row(translated(loc, pointsHeader)); err != nil {
		return err
	}
	err = h.Store.StreamPoints(ctx, camp, func(r models.PointsRow) error {
		e := r.Entitlement
		return sh.Row([]any{r.AccountID, r.Email, r.DisplayName, loc.T(components.RoleLabel(r.Role)), r.ChannelID,
			r.ChannelName, loc.T(components.StatusLabel(r.Status)), yesNo(loc, e.Newcomer), e.Baseline, e.GMV.Campaign,
			e.Threshold, e.RewardBase, e.Points, r.Points.Earned, r.Points.Spent, r.Points.Balance})
	})
	return h.finishExport(c, sh, err)
}

// finishExport closes the sheet, or handles a failure: before anything was sent the
// error goes to the error page; after, the connection is aborted so that nobody
// mistakes a truncated file for a whole one.
func (h *Handler) finishExport(c echo.Context, sh sheet, err error) error {
	if err == nil {
		return sh.Close()
	}
	sh.Abort()
	if !c.Response().Committed {
		return err
	}
	h.Log.Error("export aborted", "uri", c.Request().RequestURI, "err", err)
	panic(http.ErrAbortHandler)
}

func translated(loc *i18n.Localizer, ids []string) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = loc.T(id)
	}
	return out
}

func yesNo(loc *i18n.Localizer, b bool) string {
	if b {
		return loc.T("是")
	}
	return loc.T("否")
}

func reasonText(loc *i18n.Localizer, code string) string {
	if code == "" {
		return ""
	}
	return loc.T(components.ReasonLabel(code))
}

// exportTime writes an instant in Beijing time as spreadsheets read it ("" for none).
func exportTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(models.Beijing).Format("2006-01-02 15:04:05")
}

func exportTimePtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return exportTime(*t)
}

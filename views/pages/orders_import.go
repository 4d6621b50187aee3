package pages

import (
	"strconv"

	"growthcard/models"
	"growthcard/views/layout"
)

// ImportShownErrors is how many bad rows the import page lists; the complete list is
// a download.
const ImportShownErrors = 1000

// OrdersImportData is the manager's order import page: the upload form, a rejected
// file's bad rows, and the latest jobs.
type OrdersImportData struct {
	Jobs      []models.ImportJob
	FormError string
	Invalid   *models.ImportJob // the rejected file's job, for the download link
	Errors    []models.RowError // the first ImportShownErrors problems
	Problems  int64             // every problem found
	BadRows   int64
}

// Hidden is how many problems are not listed on the page.
func (d OrdersImportData) Hidden() int64 { return d.Problems - int64(len(d.Errors)) }

// ImportJobData is one import job's page.
type ImportJobData struct {
	Job models.ImportJob
}

// JobURL is the page of import job id.
func JobURL(id int64) string { return "/admin/orders/import/" + strconv.FormatInt(id, 10) }

// ImportStatusLabel is the Chinese label of an import job's status.
func ImportStatusLabel(status string) string {
	switch status {
	case models.ImportRunning:
		return "导入中"
	case models.ImportDone:
		return "已完成"
	case models.ImportFailed:
		return "已中断"
	case models.ImportInvalid:
		return "文件有误,未导入"
	}
	return status
}

// ImportStatusBadge maps an import status onto the existing badge colours.
func ImportStatusBadge(status string) string {
	switch status {
	case models.ImportRunning:
		return "badge-pending"
	case models.ImportDone:
		return "badge-approved"
	}
	return "badge-rejected"
}

// LineLabel names where a problem is, in the page's language: a line, or the file
// as a whole.
func LineLabel(p layout.Page, e models.RowError) string {
	if e.Line <= 0 {
		return p.T("整个文件")
	}
	return p.Tf("第 %d 行", e.Line)
}

// RowMessage is a problem's reason in the page's language, filled in.
func RowMessage(p layout.Page, e models.RowError) string {
	if len(e.Args) == 0 {
		return p.T(e.Message)
	}
	return p.Tf(e.Message, e.Args...)
}

// ColumnLabel names the column of a problem, "—" for a whole row.
func ColumnLabel(e models.RowError) string {
	if e.Column == "" {
		return "—"
	}
	return e.Column
}

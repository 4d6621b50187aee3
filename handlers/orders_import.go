package handlers

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"growthcard/models"
	"growthcard/views/pages"
)

// OrdersImportForm shows the upload form and the latest imports.
func (h *Handler) OrdersImportForm(c echo.Context) error {
	return h.importPage(c, http.StatusOK, pages.OrdersImportData{})
}

// ImportOrders takes an orders CSV (multipart field "file"), spools it to a temporary
// file and checks every row. A bad file answers 422 with every bad row and applies
// nothing; a good one is applied in the background and the browser is sent to the
// job's progress page.
func (h *Handler) ImportOrders(c echo.Context) error {
	ctx := c.Request().Context()
	path, name, err := spoolUpload(c)
	if ue := uploadError(""); errors.As(err, &ue) {
		return h.importPage(c, http.StatusUnprocessableEntity, pages.OrdersImportData{FormError: string(ue)})
	} else if err != nil {
		return err
	}
	keep := false
	defer func() {
		if !keep {
			os.Remove(path)
		}
	}()
	d, stats, err := checkOrdersFile(path)
	if err != nil {
		return err
	}
	if !stats.Valid() {
		job, err := h.Store.RecordInvalidImport(ctx, actor(c), name, stats.Rows, d.report.String())
		if err != nil {
			return err
		}
		d.Invalid = &job
		return h.importPage(c, http.StatusUnprocessableEntity, d.OrdersImportData)
	}
	job, err := h.Store.StartImport(ctx, actor(c), name, stats.Rows)
	if err != nil {
		return err
	}
	keep = true
	h.imports.Add(1)
	go h.runImport(job.ID, path)
	return h.redirect(c, pages.JobURL(job.ID), "info", "文件校验通过,正在导入")
}

// runImport applies a validated file in the background and removes it afterwards.
// It does not use the request's context: the import outlives the request.
func (h *Handler) runImport(jobID int64, path string) {
	defer h.imports.Done()
	defer os.Remove(path)
	f, err := os.Open(path)
	if err == nil {
		defer f.Close()
		_, err = h.Store.RunImport(context.Background(), jobID, f)
	}
	if err != nil {
		h.Log.Error("order import failed", "job", jobID, "err", err)
	}
}

// WaitImports blocks until background imports have finished (graceful shutdown, tests).
func (h *Handler) WaitImports() { h.imports.Wait() }

// ImportJob shows one import's progress; an htmx request gets only the progress part.
func (h *Handler) ImportJob(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	job, err := h.Store.ImportJob(c.Request().Context(), id)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Vary", "HX-Request")
	if isHTMX(c) {
		return h.render(c, http.StatusOK, pages.ImportProgress(h.page(c, "订单导入"), job))
	}
	return h.render(c, http.StatusOK, pages.ImportJobPage(h.page(c, "订单导入"), pages.ImportJobData{Job: job}))
}

// ImportErrors downloads every bad row of a rejected file as CSV (BOM for Excel).
func (h *Handler) ImportErrors(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	job, err := h.Store.ImportJob(c.Request().Context(), id)
	if err != nil {
		return err
	}
	if job.Status != models.ImportInvalid {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="import-`+strconv.FormatInt(id, 10)+`-errors.csv"`)
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", append([]byte("\uFEFF"), job.Errors...))
}

// importPage renders the import page with the latest jobs.
func (h *Handler) importPage(c echo.Context, status int, d pages.OrdersImportData) error {
	jobs, err := h.Store.ImportJobs(c.Request().Context(), 20)
	if err != nil {
		return err
	}
	d.Jobs = jobs
	return h.render(c, status, pages.OrdersImport(h.page(c, "订单导入"), d))
}

// uploadError is a problem with the upload itself, in Chinese.
type uploadError string

// Error returns the Chinese message.
func (e uploadError) Error() string { return string(e) }

// spoolUpload copies the multipart "file" to a temporary file and returns its path
// and the uploaded file's base name.
func spoolUpload(c echo.Context) (path, name string, err error) {
	fh, err := c.FormFile("file")
	if err != nil {
		return "", "", uploadError("请选择要上传的 CSV 文件")
	}
	name = filepath.Base(filepath.ToSlash(fh.Filename))
	if !utf8.ValidString(name) || name == "." || name == "/" {
		name = "orders.csv"
	}
	if r := []rune(name); len(r) > 100 {
		name = string(r[:100])
	}
	src, err := fh.Open()
	if err != nil {
		return "", "", uploadError("无法读取上传的文件,请重新上传")
	}
	defer src.Close()
	dst, err := os.CreateTemp("", "growthcard-import-*.csv")
	if err != nil {
		return "", "", err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		os.Remove(dst.Name())
		return "", "", uploadError("上传没有完成,请重新上传")
	}
	return dst.Name(), name, dst.Close()
}

// fileCheck is the validation pass's result: the problems to show and the complete
// report as CSV.
type fileCheck struct {
	pages.OrdersImportData
	report bytes.Buffer
}

// checkOrdersFile streams the file once and collects its problems: the first
// pages.ImportShownErrors for the page, all of them for the downloadable report.
func checkOrdersFile(path string) (*fileCheck, models.CSVStats, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, models.CSVStats{}, err
	}
	defer f.Close()
	d := &fileCheck{}
	w := csv.NewWriter(&d.report)
	_ = w.Write([]string{"line", "column", "reason"})
	stats, err := models.ScanOrdersCSV(f, nil, func(e models.RowError) {
		if len(d.Errors) < pages.ImportShownErrors {
			d.Errors = append(d.Errors, e)
		}
		_ = w.Write([]string{strconv.Itoa(e.Line), e.Column, e.Text()})
	})
	w.Flush()
	d.Problems, d.BadRows = stats.Problems, stats.BadRows
	return d, stats, err
}

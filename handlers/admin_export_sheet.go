package handlers

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/xuri/excelize/v2"

	"growthcard/models"
)

// sheet is where an export writes its rows, one at a time: a CSV body or an XLSX
// stream. Cells are strings, integers, money (models.Fen) or points (models.Points).
type sheet interface {
	Row(cells []any) error
	Close() error
	Abort() // releases what a failed export holds
}

// newSheet starts an export named base in format csv or xlsx.
func newSheet(c echo.Context, format, base, title string) (sheet, error) {
	if format == "xlsx" {
		return newXLSXSheet(c, base, title)
	}
	w := &lazyResponse{c: c, ctype: "text/csv; charset=utf-8", name: base + ".csv"}
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString("\uFEFF"); err != nil { // BOM: Excel then reads UTF-8
		return nil, err
	}
	return &csvSheet{bw: bw, w: csv.NewWriter(bw)}, nil
}

// lazyResponse sends the status and download headers with the first bytes, so that
// an error before any row still reaches the error page.
type lazyResponse struct {
	c     echo.Context
	ctype string
	name  string
	sent  bool
}

// Write sends the headers first, once, then p.
func (l *lazyResponse) Write(p []byte) (int, error) {
	if !l.sent {
		l.sent = true
		downloadHeaders(l.c, l.ctype, l.name)
		l.c.Response().WriteHeader(http.StatusOK)
	}
	return l.c.Response().Write(p)
}

// downloadHeaders marks the answer as a file to save, never cached.
func downloadHeaders(c echo.Context, ctype, name string) {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, ctype)
	h.Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Cache-Control", "no-store")
}

// csvSheet writes CSV through a buffer, flushing every so often so memory stays flat.
type csvSheet struct {
	bw   *bufio.Writer
	w    *csv.Writer
	rows int
	rec  []string
}

// Row writes one record.
func (s *csvSheet) Row(cells []any) error {
	s.rec = s.rec[:0]
	for _, v := range cells {
		s.rec = append(s.rec, csvCell(v))
	}
	if err := s.w.Write(s.rec); err != nil {
		return err
	}
	s.rows++
	if s.rows%1000 == 0 {
		s.w.Flush()
		return s.w.Error()
	}
	return nil
}

// Close flushes what is buffered.
func (s *csvSheet) Close() error {
	s.w.Flush()
	if err := s.w.Error(); err != nil {
		return err
	}
	return s.bw.Flush()
}

// Abort has nothing to release: rows went straight to the response.
func (s *csvSheet) Abort() {}

// csvCell writes a value as CSV text. Text that a spreadsheet would read as a
// formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe: names
// and notes come from applicants, and a CSV must not run their formulas in Excel.
func csvCell(v any) string {
	switch x := v.(type) {
	case string:
		if x != "" && strings.ContainsRune("=+-@\t\r", rune(x[0])) {
			return "'" + x
		}
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case models.Fen:
		return x.String()
	case models.Points:
		return x.String()
	}
	return fmt.Sprint(v)
}

// xlsxSheet writes rows through excelize's StreamWriter, which keeps them on disk
// rather than in memory past a threshold; the workbook is sent when it is closed.
type xlsxSheet struct {
	c     echo.Context
	name  string
	f     *excelize.File
	sw    *excelize.StreamWriter
	row   int
	money int
	bold  int
	cells []any
}

func newXLSXSheet(c echo.Context, base, title string) (*xlsxSheet, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", title); err != nil {
		f.Close()
		return nil, err
	}
	sw, err := f.NewStreamWriter(title)
	if err != nil {
		f.Close()
		return nil, err
	}
	money, err := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	if err != nil {
		f.Close()
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8F8EF"}}})
	if err != nil {
		f.Close()
		return nil, err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		f.Close()
		return nil, err
	}
	if err := sw.SetColWidth(1, 20, 16); err != nil {
		f.Close()
		return nil, err
	}
	return &xlsxSheet{c: c, name: base + ".xlsx", f: f, sw: sw, money: money, bold: bold}, nil
}

// Row appends one row to the stream.
func (s *xlsxSheet) Row(cells []any) error {
	s.row++
	s.cells = s.cells[:0]
	for _, v := range cells {
		s.cells = append(s.cells, s.cell(v))
	}
	axis, err := excelize.CoordinatesToCellName(1, s.row)
	if err != nil {
		return err
	}
	return s.sw.SetRow(axis, s.cells)
}

// cell turns a value into an excelize cell: money and points become numbers with
// two decimals, so that finance can sum them; the header row is bold.
func (s *xlsxSheet) cell(v any) any {
	if s.row == 1 {
		return excelize.Cell{StyleID: s.bold, Value: v}
	}
	switch x := v.(type) {
	case models.Fen:
		return excelize.Cell{StyleID: s.money, Value: float64(x) / 100}
	case models.Points:
		return excelize.Cell{StyleID: s.money, Value: float64(x) / 100}
	}
	return v
}

// Abort removes the stream's temporary files.
func (s *xlsxSheet) Abort() { _ = s.f.Close() }

// Close finishes the workbook and sends it.
func (s *xlsxSheet) Close() error {
	defer s.f.Close()
	if err := s.sw.Flush(); err != nil {
		return err
	}
	downloadHeaders(s.c, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", s.name)
	s.c.Response().WriteHeader(http.StatusOK)
	return s.f.Write(s.c.Response())
}

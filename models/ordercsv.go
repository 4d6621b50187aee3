package models

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// orderCSVRequired are the columns an orders CSV must have; video_id and event_id
// may be left out (a row without event_id gets one from CSVEventID).
var orderCSVRequired = []string{"order_id", "channel_id", "source", "amount", "status", "settled_at"}

// orderCSVOptional are the other columns read; any further column is ignored.
var orderCSVOptional = []string{"video_id", "event_id"}

// RowError is one problem in an orders CSV: the physical line it starts on (0 for the
// file as a whole), the column ("" for the whole row) and a Chinese reason. The
// reason is a whole message; when Args is set it is a format string and Args fill
// it, so that a page can translate the format and then fill it (p.Tf).
type RowError struct {
	Line    int
	Column  string
	Message string
	Args    []any
}

// Text is the Chinese reason with its arguments filled in.
func (e RowError) Text() string {
	if len(e.Args) == 0 {
		return e.Message
	}
	return fmt.Sprintf(e.Message, e.Args...)
}

// String reads like "第 3 行 amount 列:金额格式不正确…", for reports and logs.
func (e RowError) String() string {
	switch {
	case e.Line <= 0:
		return fmt.Sprintf("整个文件:%s", e.Text())
	case e.Column == "":
		return fmt.Sprintf("第 %d 行:%s", e.Line, e.Text())
	}
	return fmt.Sprintf("第 %d 行 %s 列:%s", e.Line, e.Column, e.Text())
}

// CSVStats summarises one pass over an orders CSV.
type CSVStats struct {
	Rows     int64 // data rows read (the header excluded)
	BadRows  int64 // data rows with at least one problem
	Problems int64 // problems reported, file-level ones included
}

// Valid reports whether the file can be applied: a good header, at least one row and
// no bad row.
func (s CSVStats) Valid() bool { return s.Problems == 0 }

// ScanOrdersCSV streams an orders CSV (SPEC's format: UTF-8 with an optional BOM, a
// header row, columns in any order) one row at a time, never holding the file. Every
// good row's event goes to good with its line number; every problem goes to bad.
// A header problem is reported on line 1 and ends the scan. The error is an I/O error
// or whatever good returned, which also ends the scan.
func ScanOrdersCSV(r io.Reader, good func(line int, e OrderEvent) error, bad func(RowError)) (CSVStats, error) {
	var st CSVStats
	report := func(e RowError) {
		st.Problems++
		if bad != nil {
			bad(e)
		}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, err := br.Peek(3); err == nil && string(bom) == "\uFEFF" {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		report(RowError{Line: 0, Message: "文件是空的:第一行应为表头 %s", Args: []any{strings.Join(orderCSVRequired, ",")}})
		return st, nil
	}
	if err != nil {
		if pe := (*csv.ParseError)(nil); errors.As(err, &pe) {
			report(RowError{Line: 1, Message: csvReason(pe, true)})
			return st, nil
		}
		return st, err
	}
	index, herrs := orderCSVHeader(header)
	if len(herrs) > 0 {
		for _, e := range herrs {
			report(e)
		}
		return st, nil
	}
	width := len(header)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			pe := (*csv.ParseError)(nil)
			if !errors.As(err, &pe) {
				return st, err
			}
			st.Rows++
			st.BadRows++
			report(RowError{Line: pe.StartLine, Message: csvReason(pe, false)})
			continue
		}
		st.Rows++
		line, _ := cr.FieldPos(0)
		if len(rec) < width || (len(rec) > width && strings.TrimSpace(strings.Join(rec[width:], "")) != "") {
			st.BadRows++
			report(RowError{Line: line, Message: "这一行有 %d 列,表头有 %d 列", Args: []any{len(rec), width}})
			continue
		}
		col := func(name string) string {
			if i, ok := index[name]; ok {
				return rec[i]
			}
			return ""
		}
		ev, ferrs := ParseOrderEvent(RawOrderEvent{EventID: col("event_id"), OrderID: col("order_id"),
			ChannelID: col("channel_id"), VideoID: col("video_id"), Source: col("source"),
			Amount: col("amount"), Status: col("status"), SettledAt: col("settled_at")})
		if len(ferrs) > 0 {
			st.BadRows++
			for _, fe := range ferrs {
				report(RowError{Line: line, Column: fe.Field, Message: fe.Message})
			}
			continue
		}
		if ev.EventID == "" {
			ev.EventID = CSVEventID(ev)
		}
		if good != nil {
			if err := good(line, ev); err != nil {
				return st, err
			}
		}
	}
	if st.Rows == 0 {
		report(RowError{Line: 0, Message: "文件只有表头,没有订单数据"})
	}
	return st, nil
}

// orderCSVHeader maps column names to positions and reports missing, duplicate or
// empty required columns (names are trimmed and compared case-insensitively).
func orderCSVHeader(header []string) (map[string]int, []RowError) {
	index := make(map[string]int, len(header))
	var errs []RowError
	known := map[string]bool{}
	for _, n := range append(append([]string{}, orderCSVRequired...), orderCSVOptional...) {
		known[n] = true
	}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if !known[name] {
			continue
		}
		if _, dup := index[name]; dup {
			errs = append(errs, RowError{Line: 1, Column: name, Message: "表头中 %s 列出现了不止一次", Args: []any{name}})
			continue
		}
		index[name] = i
	}
	for _, name := range orderCSVRequired {
		if _, ok := index[name]; !ok {
			errs = append(errs, RowError{Line: 1, Column: name, Message: "表头缺少必需的列 %s(表头应包含 %s,可选 %s)",
				Args: []any{name, strings.Join(orderCSVRequired, ","), strings.Join(orderCSVOptional, ",")}})
		}
	}
	return index, errs
}

// csvReason explains an encoding/csv parse error in Chinese, as a whole message;
// header says the error is in the header row.
func csvReason(pe *csv.ParseError, header bool) string {
	quote, bare := errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote)
	switch {
	case quote && header:
		return "表头无法解析:引号没有成对出现(带逗号或引号的字段应整体用双引号括起,字段内的引号写成两个)"
	case quote:
		return "引号没有成对出现(带逗号或引号的字段应整体用双引号括起,字段内的引号写成两个)"
	case bare && header:
		return "表头无法解析:没有用引号括起的字段里出现了双引号"
	case bare:
		return "没有用引号括起的字段里出现了双引号"
	case header:
		return "表头无法解析:CSV 格式错误"
	}
	return "CSV 格式错误"
}

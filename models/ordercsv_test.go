package models

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// scanAll runs ScanOrdersCSV over s and collects everything it reports.
func scanAll(t *testing.T, s string) ([]OrderEvent, []int, []RowError, CSVStats) {
	t.Helper()
	var evs []OrderEvent
	var lines []int
	var bad []RowError
	st, err := ScanOrdersCSV(strings.NewReader(s), func(line int, e OrderEvent) error {
		evs, lines = append(evs, e), append(lines, line)
		return nil
	}, func(e RowError) { bad = append(bad, e) })
	if err != nil {
		t.Fatal(err)
	}
	return evs, lines, bad, st
}

func TestScanOrdersCSVGood(t *testing.T) {
	in := "\uFEFFstatus , Settled_At,amount,order_id,channel_id,source,video_id,extra\n" +
		"settled,2025-11-23 14:05:00,199.00,o1,ch1,short_video,v1,ignored\n" +
		"\n" +
		"cancelled,2025-11-24T10:00:00+08:00,,o1,ch1,short_video,,\n" +
		"settled,\"2025-11-25 08:00:00\",\"1,234.50\",\"o,2\",ch1,live,,\n"
	evs, lines, bad, st := scanAll(t, in)
	if len(bad) != 0 || !st.Valid() || st.Rows != 3 {
		t.Fatalf("bad %v stats %+v", bad, st)
	}
	if lines[0] != 2 || lines[1] != 4 || lines[2] != 5 {
		t.Fatalf("lines %v", lines)
	}
	want := time.Date(2025, 11, 23, 14, 5, 0, 0, Beijing)
	if e := evs[0]; e.OrderID != "o1" || e.Amount != 19900 || !e.SettledAt.Equal(want) || e.VideoID != "v1" ||
		e.EventID != CSVEventID(e) {
		t.Fatalf("first %+v", e)
	}
	if evs[1].Status != StatusCancelled || evs[1].Amount != 0 || evs[2].OrderID != "o,2" || evs[2].Amount != 123450 {
		t.Fatalf("events %+v", evs)
	}
}

func TestScanOrdersCSVEventIDColumn(t *testing.T) {
	evs, _, bad, _ := scanAll(t, "event_id,order_id,channel_id,source,amount,status,settled_at\n"+
		"evt-9,o1,ch1,short_video,1,settled,2025-11-23 14:05:00\n")
	if len(bad) != 0 || evs[0].EventID != "evt-9" {
		t.Fatalf("%v %+v", bad, evs)
	}
}

func TestScanOrdersCSVReportsEveryBadRow(t *testing.T) {
	in := "order_id,channel_id,video_id,source,amount,status,settled_at\n" +
		"o1,ch1,,short_video,199.00,settled,2025-11-23 14:05:00\n" +
		"o2,ch1,,tv,abc,settled,2025-11-23 14:05:00\n" +
		"o3,ch1,,short_video,1.00,settled\n" +
		"o4,,,short_video,-5,paid,yesterday\n" +
		"o5,ch1,,short_video,\"1.00,settled,2025-11-23 14:05:00\n"
	_, _, bad, st := scanAll(t, in)
	if st.Valid() || st.Rows != 5 || st.BadRows != 4 {
		t.Fatalf("stats %+v", st)
	}
	type key struct {
		line int
		col  string
	}
	got := map[key]bool{}
	for _, e := range bad {
		if e.Message == "" {
			t.Fatalf("empty message %+v", e)
		}
		got[key{e.Line, e.Column}] = true
	}
	for _, k := range []key{{3, "source"}, {3, "amount"}, {4, ""}, {5, "channel_id"}, {5, "amount"}, {5, "status"},
		{5, "settled_at"}, {6, ""}} {
		if !got[k] {
			t.Errorf("missing %+v in %+v", k, bad)
		}
	}
}

func TestScanOrdersCSVHeaderProblems(t *testing.T) {
	for name, in := range map[string]string{
		"empty":     "",
		"no rows":   "order_id,channel_id,source,amount,status,settled_at\n",
		"missing":   "order_id,channel_id,amount,status\no1,c,1,settled\n",
		"duplicate": "order_id,order_id,channel_id,source,amount,status,settled_at\n",
		"semicolon": "order_id;channel_id;source;amount;status;settled_at\n",
	} {
		_, _, bad, st := scanAll(t, in)
		if st.Valid() || len(bad) == 0 {
			t.Errorf("%s: stats %+v bad %v", name, st, bad)
		}
	}
	_, _, bad, _ := scanAll(t, "order_id,channel_id,amount,status\n")
	if len(bad) != 2 || bad[0].Line != 1 || bad[0].Column != "source" || bad[1].Column != "settled_at" {
		t.Fatalf("missing columns: %+v", bad)
	}
}

func TestScanOrdersCSVStopsOnCallbackError(t *testing.T) {
	stop := errors.New("stop")
	_, err := ScanOrdersCSV(strings.NewReader("order_id,channel_id,source,amount,status,settled_at\n"+
		"o1,c,short_video,1,settled,2025-11-23 14:05:00\no2,c,short_video,1,settled,2025-11-23 14:05:00\n"),
		func(int, OrderEvent) error { return stop }, nil)
	if !errors.Is(err, stop) {
		t.Fatalf("err %v", err)
	}
}

func TestParseHeatPoints(t *testing.T) {
	for in, want := range map[string]Points{"1": 100, " 50 ": 5000, "1000000000": 100_000_000_000} {
		if got, msg := ParseHeatPoints(in); got != want || msg != "" {
			t.Errorf("%q: %v %q", in, got, msg)
		}
	}
	for _, in := range []string{"", "0", "-1", "1.5", "abc", "1e3", "１", "1000000001", "99999999999999999999"} {
		if got, msg := ParseHeatPoints(in); msg == "" || got != 0 {
			t.Errorf("%q accepted as %v", in, got)
		}
	}
}

func TestImportJobPercent(t *testing.T) {
	if p := (ImportJob{TotalRows: 3, DoneRows: 2}).Percent(); p != 66 {
		t.Fatal(p)
	}
	if p := (ImportJob{Status: ImportDone}).Percent(); p != 100 {
		t.Fatal(p)
	}
}

// TestScanOrdersCSVMessagesAreWhole: every reason is one whole message, a format
// string exactly when it carries Args, so that a page can translate it and fill it.
func TestScanOrdersCSVMessagesAreWhole(t *testing.T) {
	var all []RowError
	for _, in := range []string{
		"",
		"order_id,channel_id,source,amount,status,settled_at\n",
		"order_id,channel_id,amount,status\no1,c,1,settled\n",
		"order_id,order_id,channel_id,source,amount,status,settled_at\n",
		"order_\"id,channel_id\n",
		"\"order_id,channel_id\n",
		"order_id,channel_id,source,amount,status,settled_at\n" +
			"o1,c,short_video,1\n" +
			"o2,c,short_video,1,set\"tled,2025-11-23 14:05:00\n" +
			",\xff,tv,-1,paid,yesterday\n",
	} {
		_, _, bad, _ := scanAll(t, in)
		all = append(all, bad...)
	}
	for _, e := range all {
		text := e.Text()
		if strings.Contains(text, "%!") || (len(e.Args) == 0 && strings.ContainsAny(strings.ReplaceAll(e.Message, "%%", ""), "%")) {
			t.Errorf("%+v: message and args disagree: %q", e, text)
		}
	}
	got := map[string]bool{}
	for _, e := range all {
		got[e.Text()] = true
	}
	for _, want := range []string{
		"文件是空的:第一行应为表头 order_id,channel_id,source,amount,status,settled_at",
		"表头缺少必需的列 source(表头应包含 order_id,channel_id,source,amount,status,settled_at,可选 video_id,event_id)",
		"表头中 order_id 列出现了不止一次",
		"表头无法解析:没有用引号括起的字段里出现了双引号",
		"表头无法解析:引号没有成对出现(带逗号或引号的字段应整体用双引号括起,字段内的引号写成两个)",
		"这一行有 4 列,表头有 6 列",
		"没有用引号括起的字段里出现了双引号",
		"请填写订单号",
		"视频号ID包含无效的字符编码,请使用 UTF-8",
	} {
		if !got[want] {
			t.Errorf("no problem reads %q", want)
		}
	}
	for e, want := range map[*RowError]string{
		{Line: 0, Message: "文件只有表头,没有订单数据"}:                         "整个文件:文件只有表头,没有订单数据",
		{Line: 4, Message: "这一行有 %d 列,表头有 %d 列", Args: []any{4, 6}}: "第 4 行:这一行有 4 列,表头有 6 列",
		{Line: 5, Column: "amount", Message: "金额不能为负数"}:             "第 5 行 amount 列:金额不能为负数",
	} {
		if got := e.String(); got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
	}
}

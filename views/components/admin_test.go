package components

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"growthcard/views/layout"
)

func TestPageWindow(t *testing.T) {
	show := func(ls []PageLink) string {
		var b strings.Builder
		for _, l := range ls {
			switch {
			case l.N == 0:
				b.WriteString("… ")
			case l.Current:
				b.WriteString("[" + itoa(l.N) + "] ")
			default:
				b.WriteString(itoa(l.N) + " ")
			}
		}
		return strings.TrimSpace(b.String())
	}
	for _, tt := range []struct {
		cur, total int
		want       string
	}{
		{1, 1, ""}, {1, 3, "[1] 2 3"}, {1, 2000, "[1] 2 3 … 2000"}, {1000, 2000, "1 … 998 999 [1000] 1001 1002 … 2000"},
		{2000, 2000, "1 … 1998 1999 [2000]"}, {4, 7, "1 2 3 [4] 5 6 7"}, {9, 3, "1 2 [3]"},
	} {
		if got := show(PageWindow(tt.cur, tt.total)); got != tt.want {
			t.Errorf("PageWindow(%d, %d) = %q; want %q", tt.cur, tt.total, got, tt.want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestChartBlockRendersOptionAndTable(t *testing.T) {
	c := Chart{ID: "gmv", Title: "GMV", Kind: ChartBars, CategoryLabel: "日期", Categories: []string{"11月22日", "11月23日"},
		AxisNames: []string{"元", "点"}, Series: []ChartSeries{
			{Name: "GMV", Type: "bar", Values: []json.Number{"1234.50", "0.00"}, Labels: []string{"¥1,234.50", "¥0.00"}},
			{Name: "点", Type: "line", Axis: 1, Values: []json.Number{"18.51", "0.00"}, Labels: []string{"18.51", "0.00"}, Color: "#10AEFF"},
		}}
	var opt struct {
		XAxis  struct{ Data []string } `json:"xAxis"`
		YAxis  []map[string]any        `json:"yAxis"`
		Series []struct {
			Type       string
			Data       []json.Number
			YAxisIndex int `json:"yAxisIndex"`
		}
	}
	if err := json.Unmarshal([]byte(c.Option()), &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.XAxis.Data) != 2 || len(opt.YAxis) != 2 || opt.Series[0].Data[0] != "1234.50" || opt.Series[1].YAxisIndex != 1 {
		t.Errorf("option %s", c.Option())
	}
	var b strings.Builder
	if err := ChartBlock(layout.Page{}, c).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := doc.Find("[data-chart]").Attr("data-chart"); v != c.Option() {
		t.Error("the data-chart attribute does not carry the option")
	}
	rows := doc.Find(`[data-testid="chart-table-gmv"] tbody tr`)
	if rows.Length() != 2 || !strings.Contains(rows.First().Text(), "¥1,234.50") || !strings.Contains(rows.First().Text(), "18.51") {
		t.Errorf("table %q", rows.Text())
	}
	pie := Chart{Kind: ChartPie, Categories: []string{"a", "b"}, Colors: []string{"#111", "#222"},
		Series: []ChartSeries{{Values: []json.Number{"1", "2"}}}}
	if !strings.Contains(pie.Option(), `"color":"#222"`) {
		t.Errorf("pie %s", pie.Option())
	}
	zero := Chart{Kind: ChartPie, Categories: []string{"a", "b"}, Series: []ChartSeries{{Values: []json.Number{"0.00", "2"}}}}
	if strings.Count(zero.Option(), `"label":{"show":false}`) != 1 {
		t.Errorf("an empty slice is labelled: %s", zero.Option())
	}
	// HTML tooltips would write style attributes, which the CSP refuses.
	for _, o := range []string{c.Option(), pie.Option(), Chart{Kind: ChartHBars}.Option()} {
		if !strings.Contains(o, `"renderMode":"richText"`) {
			t.Errorf("tooltip not drawn on the canvas: %s", o)
		}
	}
}

func TestValueLabel(t *testing.T) {
	for _, c := range []struct {
		field, value, want string
		coded              bool
	}{
		{"status", "approved", "已通过", true},
		{"Status", "pending", "审核中", true},
		{"status", "done", "done", false}, // an import job's status is not an enrolment's
		{"reason", "fans_mismatch", "粉丝数与视频号实际不符", true},
		{"note", "fans_mismatch", "fans_mismatch", false},
		{"role", "merchant", "商家", true},
		{"points", "120.00", "120.00", false},
	} {
		if got, coded := ValueLabel(c.field, c.value); got != c.want || coded != c.coded {
			t.Errorf("ValueLabel(%q, %q) = %q %v, want %q %v", c.field, c.value, got, coded, c.want, c.coded)
		}
	}
}

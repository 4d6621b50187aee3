package pages

import (
	"encoding/json"
	"strconv"

	"growthcard/models"
	"growthcard/views/components"
	"growthcard/views/layout"
)

// AdminOverviewData is the manager's home: the running campaign at a glance.
type AdminOverviewData struct {
	O        models.Overview
	Phase    string
	DaysLeft int64
}

// DayNumber is today's position in the campaign, 1-based (0 before it starts).
func (d AdminOverviewData) DayNumber() int {
	for i, day := range d.O.Days {
		if day == d.O.Today {
			return i + 1
		}
	}
	return len(d.O.Days)
}

// ProgressPercent is how much of the campaign's days have passed, 0–100.
func (d AdminOverviewData) ProgressPercent() int64 {
	days := d.O.Campaign.Days()
	if days <= 0 {
		return 0
	}
	return min(int64(d.DayNumber())*100/days, 100)
}

func number(n int64) json.Number { return json.Number(strconv.FormatInt(n, 10)) }

// dayLabels are the campaign days as the page's language writes them.
func (d AdminOverviewData) dayLabels(p layout.Page) []string {
	out := make([]string, len(d.O.Days))
	for i, day := range d.O.Days {
		out[i] = p.DayLabel(day)
	}
	return out
}

// StatusChart is the enrolments by state, as a ring.
func (d AdminOverviewData) StatusChart(p layout.Page) components.Chart {
	c := components.Chart{ID: "status", Title: p.T("报名状态分布"), Kind: components.ChartPie, CategoryLabel: p.T("状态"),
		Colors: []string{"#FFC300", "#07C160", "#FA5151", "#B2B2B2"}}
	s := components.ChartSeries{Name: p.T("报名数"), Type: "pie"}
	for _, st := range []string{models.EnrollPending, models.EnrollApproved, models.EnrollRejected, models.EnrollWithdrawn} {
		n := d.O.Counts[st]
		c.Categories = append(c.Categories, p.T(components.StatusLabel(st)))
		s.Values = append(s.Values, number(n))
		s.Labels = append(s.Labels, Group(n))
	}
	c.Series = []components.ChartSeries{s}
	return c
}

// NewcomerChart is the share of newcomers among approved accounts.
func (d AdminOverviewData) NewcomerChart(p layout.Page) components.Chart {
	veterans := d.O.Approved - d.O.Newcomers
	return components.Chart{ID: "newcomers", Title: p.T("已通过账号中的新手占比"), Kind: components.ChartPie,
		CategoryLabel: p.T("类型"), Categories: []string{p.T("新手(基准期无结算)"), p.T("有基准期结算")},
		Colors: []string{"#10AEFF", "#576B95"},
		Series: []components.ChartSeries{{Name: p.T("账号数"), Type: "pie",
			Values: []json.Number{number(d.O.Newcomers), number(veterans)},
			Labels: []string{Group(d.O.Newcomers), Group(veterans)}}}}
}

// VideosChart is the product videos registered per day against the day's capacity.
func (d AdminOverviewData) VideosChart(p layout.Page) components.Chart {
	capacity := d.O.Capacity()
	used := components.ChartSeries{Name: p.T("登记的视频"), Type: "bar"}
	limit := components.ChartSeries{Name: p.T("可发布上限(已通过账号合计)"), Type: "line", Dashed: true, Color: "#FA9D3B"}
	for _, n := range d.O.Videos {
		used.Values = append(used.Values, number(n))
		used.Labels = append(used.Labels, Group(n)+" ("+strconv.FormatInt(d.O.UsagePercent(n), 10)+"%)")
		limit.Values = append(limit.Values, number(capacity))
		limit.Labels = append(limit.Labels, Group(capacity))
	}
	return components.Chart{ID: "videos", Title: p.T("每日登记视频与发布额度"), Kind: components.ChartBars,
		CategoryLabel: p.T("日期"), Categories: d.dayLabels(p), AxisNames: []string{p.T("条")},
		Series: []components.ChartSeries{used, limit}}
}

// MoneyChart is the settled GMV and the points earned per day.
func (d AdminOverviewData) MoneyChart(p layout.Page) components.Chart {
	gmv := components.ChartSeries{Name: p.T("结算GMV(元)"), Type: "bar"}
	pts := components.ChartSeries{Name: p.T("获得成长卡(点)"), Type: "line", Axis: 1, Area: true, Color: "#10AEFF"}
	for i := range d.O.Days {
		gmv.Values = append(gmv.Values, json.Number(d.O.GMV[i].String()))
		gmv.Labels = append(gmv.Labels, d.O.GMV[i].Display())
		pts.Values = append(pts.Values, json.Number(d.O.Points[i].String()))
		pts.Labels = append(pts.Labels, d.O.Points[i].Display())
	}
	return components.Chart{ID: "money", Title: p.T("每日结算GMV与获得成长卡"), Kind: components.ChartBars,
		CategoryLabel: p.T("日期"), Categories: d.dayLabels(p), AxisNames: []string{p.T("元"), p.T("点")},
		Series: []components.ChartSeries{gmv, pts}, Large: true}
}

// TopShare is a top creator's GMV as a percentage of the first one's, for its bar.
func (d AdminOverviewData) TopShare(gmv models.Fen) int64 {
	if len(d.O.Top) == 0 || d.O.Top[0].GMV <= 0 {
		return 0
	}
	return int64(gmv) * 100 / int64(d.O.Top[0].GMV)
}

// TierLabel names the fan range of the i-th tier.
func (d AdminOverviewData) TierLabel(i int) string { return TierRange(d.O.Campaign.Tiers, i) }

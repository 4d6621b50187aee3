package components

import (
	"encoding/json"
	"strings"
)

// Chart kinds.
const (
	ChartBars  = "bars"  // categories along the x axis; bar and line series
	ChartHBars = "hbars" // categories down the y axis, first at the top
	ChartPie   = "pie"   // one series, a ring
)

// Chart is one chart: an ECharts option for browsers with JavaScript, drawn by
// app.js from the data-chart attribute, and the same numbers as a table for everyone
// else. Values are json.Number, written from the integer amounts' decimal strings, so
// no money passes through a float on our side.
type Chart struct {
	ID            string // data-testid is "chart-" + ID
	Title         string // translated
	Kind          string
	CategoryLabel string // translated heading of the table's first column
	Categories    []string
	Series        []ChartSeries
	AxisNames     []string // translated names of the value axes (left, right)
	Colors        []string // pie: one colour per category (optional)
	Large         bool
}

// ChartSeries is one named series; Labels are its values as the table shows them.
type ChartSeries struct {
	Name   string
	Type   string // bar or line
	Axis   int    // value axis index: 0 left, 1 right
	Values []json.Number
	Labels []string
	Dashed bool
	Area   bool
	Color  string // optional; the theme's palette otherwise
}

// Option returns the ECharts option as JSON for the data-chart attribute. Tooltips
// are drawn on the canvas (renderMode richText): ECharts' HTML tooltips write
// style attributes through innerHTML, which the CSP (style-src 'self') refuses.
func (c Chart) Option() string {
	opt := map[string]any{
		"tooltip": map[string]any{"trigger": "axis", "confine": true, "renderMode": "richText"},
		"grid":    map[string]any{"left": 8, "right": 16, "top": 48, "bottom": 8, "containLabel": true},
	}
	if len(c.Series) > 1 || c.Kind == ChartPie {
		opt["legend"] = map[string]any{"top": 0, "right": 0, "icon": "roundRect", "itemWidth": 12, "itemHeight": 8}
	}
	switch c.Kind {
	case ChartPie:
		opt["tooltip"] = map[string]any{"trigger": "item", "confine": true, "renderMode": "richText"}
		var data []map[string]any
		if len(c.Series) > 0 {
			for i, cat := range c.Categories {
				item := map[string]any{"name": cat, "value": c.Series[0].Values[i]}
				if isZero(c.Series[0].Values[i]) { // an empty slice's "0" would sit on a neighbour's edge
					item["label"] = map[string]any{"show": false}
					item["labelLine"] = map[string]any{"show": false}
				}
				if i < len(c.Colors) {
					item["itemStyle"] = map[string]any{"color": c.Colors[i]}
				}
				data = append(data, item)
			}
		}
		opt["legend"] = map[string]any{"bottom": 0, "left": "center", "icon": "circle", "itemWidth": 10, "itemHeight": 10}
		opt["series"] = []map[string]any{{"type": "pie", "radius": []string{"45%", "68%"}, "center": []string{"50%", "46%"},
			"avoidLabelOverlap": true, "label": map[string]any{"formatter": "{c}", "fontWeight": 600},
			"labelLine": map[string]any{"length": 8, "length2": 8},
			"itemStyle": map[string]any{"borderColor": "#fff", "borderWidth": 2}, "data": data}}
	case ChartHBars:
		opt["grid"] = map[string]any{"left": 8, "right": 24, "top": 8, "bottom": 8, "containLabel": true}
		opt["xAxis"] = map[string]any{"type": "value"}
		opt["yAxis"] = map[string]any{"type": "category", "inverse": true, "data": c.Categories,
			"axisLabel": map[string]any{"width": 110, "overflow": "truncate"}}
		opt["series"] = c.seriesJSON()
	default:
		opt["xAxis"] = map[string]any{"type": "category", "data": c.Categories}
		var axes []map[string]any
		for i, name := range c.AxisNames {
			a := map[string]any{"type": "value", "name": name, "nameTextStyle": map[string]any{"align": []string{"left", "right"}[i%2]}}
			if i > 0 {
				a["splitLine"] = map[string]any{"show": false}
			}
			axes = append(axes, a)
		}
		if len(axes) == 0 {
			axes = []map[string]any{{"type": "value"}}
		}
		opt["yAxis"] = axes
		opt["series"] = c.seriesJSON()
	}
	b, err := json.Marshal(opt)
	if err != nil {
		return "{}"
	}
	return string(b)
}

// isZero reports whether a decimal value is zero ("0", "0.00", "-0").
func isZero(n json.Number) bool { return strings.Trim(string(n), "-0.") == "" }

func (c Chart) seriesJSON() []map[string]any {
	out := make([]map[string]any, 0, len(c.Series))
	for _, s := range c.Series {
		m := map[string]any{"name": s.Name, "type": s.Type, "data": s.Values}
		if s.Axis > 0 {
			m["yAxisIndex"] = s.Axis
		}
		if s.Type == "line" {
			m["symbol"] = "circle"
			m["showSymbol"] = len(s.Values) <= 20
		}
		if s.Dashed {
			m["lineStyle"] = map[string]any{"type": "dashed", "width": 2}
			m["symbol"] = "none"
		}
		if s.Color != "" {
			m["itemStyle"] = map[string]any{"color": s.Color}
			if s.Type == "line" {
				m["lineStyle"] = map[string]any{"color": s.Color, "width": 2}
				if s.Dashed {
					m["lineStyle"] = map[string]any{"color": s.Color, "width": 2, "type": "dashed"}
				}
			}
		}
		if s.Area {
			m["areaStyle"] = map[string]any{"opacity": 0.12}
		}
		out = append(out, m)
	}
	return out
}

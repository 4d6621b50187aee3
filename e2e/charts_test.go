package e2e

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// TestChartsWithinCSP: the overview's ECharts charts draw under the strict CSP
// (style-src 'self', no eval), and opening each one's tooltip, by pointing at it
// and through ECharts' own showTip, breaks no CSP rule either (ECharts' HTML
// tooltips write style attributes, which the CSP refuses). tab.clean fails the
// test on any violation or JavaScript error.
func TestChartsWithinCSP(t *testing.T) {
	t.Parallel()
	f := sharedFixture(t)
	tb := f.s.newTab(t, "charts", tabOptions{})
	tb.login(f.managers[0])
	if st := tb.open("/admin"); st != 200 {
		tb.fail("overview", "status %d", st)
	}
	n := tb.count("[data-chart]")
	if n == 0 {
		tb.fail("overview", "no charts on /admin")
	}
	tb.waitFor("charts drawn", `document.querySelectorAll("[data-chart-ready] canvas").length === `+strconv.Itoa(n))
	for i := 0; i < n; i++ {
		step := "tooltip of chart " + strconv.Itoa(i+1)
		chart := `document.querySelectorAll("[data-chart]")[` + strconv.Itoa(i) + `]`
		at := eval[[]float64](tb, step, `(() => {
			const c = `+chart+`;
			c.scrollIntoView({block: "center"});
			const r = c.getBoundingClientRect();
			return [r.left + r.width / 2, r.top + r.height / 2];
		})()`)
		for dx := -40.0; dx <= 40; dx += 20 {
			tb.do(step, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, at[0]+dx, at[1]+20))
		}
		eval[bool](tb, step, `(() => {
			echarts.getInstanceByDom(`+chart+`).dispatchAction({type: "showTip", seriesIndex: 0, dataIndex: 1});
			return true;
		})()`)
		time.Sleep(200 * time.Millisecond) // let the tooltip render
		tb.clean(step)
	}
}

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// axeSource is the vendored axe-core, read from the static folder; it is injected
// through DevTools, which the page's CSP does not govern.
var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(filepath.Join("..", "static", "vendor", "axe-core", "axe.min.js"))
	return string(b), err
})

// axeViolation is one failed axe rule with a few of its nodes.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  string `json:"target"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// axeRun runs axe-core on the current page against WCAG 2.2 A/AA and axe's best
// practices, and answers the violations.
const axeRun = `axe.run(document, {
  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
  resultTypes: ["violations"]
}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact || "", help: v.help,
  nodes: v.nodes.slice(0, 6).map(n => ({target: n.target.join(" "), summary: n.failureSummary || ""}))
})))`

// headingOrder checks the outline: one h1 first, and no level skipped going down.
const headingOrder = `(() => {
  const hs = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].filter(h => h.getClientRects().length > 0);
  const problems = [];
  if (hs.length === 0) return ["no heading"];
  if (hs[0].tagName !== "H1") problems.push("first heading is " + hs[0].tagName + ": " + hs[0].innerText);
  const h1s = hs.filter(h => h.tagName === "H1").length;
  if (h1s !== 1) problems.push(h1s + " h1 elements");
  let prev = 0;
  for (const h of hs) {
    const level = +h.tagName[1];
    if (prev && level > prev + 1) problems.push(h.tagName + " after H" + prev + ": " + h.innerText.trim().slice(0, 40));
    prev = level;
  }
  return problems;
})()`

// audit runs axe and the heading check on the current page. It fails the test
// on every serious or critical violation and logs the rest.
func (tb *tab) audit(page string) {
	tb.t.Helper()
	src, err := axeSource()
	if err != nil {
		tb.t.Fatalf("read axe-core: %v", err)
	}
	eval[bool](tb, "inject axe", `(() => { if (!window.axe) { `+src+"\n"+` } return !!window.axe; })()`)
	vs := eval[[]axeViolation](tb, "axe "+page, axeRun)
	var bad, other []string
	for _, v := range vs {
		var b strings.Builder
		fmt.Fprintf(&b, "%s [%s] %s", v.ID, v.Impact, v.Help)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n\t\t%s: %s", n.Target, strings.ReplaceAll(short(n.Summary), "\n", " "))
		}
		if v.Impact == "serious" || v.Impact == "critical" {
			bad = append(bad, b.String())
		} else {
			other = append(other, b.String())
		}
	}
	if len(other) > 0 {
		tb.t.Logf("[%s] %s: axe, minor and moderate:\n\t%s", tb.name, page, strings.Join(other, "\n\t"))
	}
	if len(bad) > 0 {
		tb.errorf("axe "+page, "serious or critical accessibility violations:\n\t%s", strings.Join(bad, "\n\t"))
	}
	if hs := eval[[]string](tb, "headings "+page, headingOrder); len(hs) > 0 {
		tb.errorf("headings "+page, "heading outline: %s", strings.Join(hs, "; "))
	}
}

// TestEveryPage opens every page state in both languages on a phone and checks
// its layout (checkPhoneLayout), then runs axe-core on it at 390 px and at
// 1280 px: any serious or critical violation fails, and so does a skipped heading
// level or a wrong <html lang>.
func TestEveryPage(t *testing.T) {
	t.Parallel()
	f := sharedFixture(t)
	for _, lang := range []string{"zh-CN", "en"} {
		for _, who := range f.sessions() {
			name := who
			if name == "" {
				name = "visitor"
			}
			t.Run(lang+"/"+name, func(t *testing.T) {
				t.Parallel()
				tb := f.s.newTab(t, lang+"-"+name, tabOptions{Lang: lang, Width: 390, Height: 844})
				if who != "" {
					tb.login(who)
				}
				for _, v := range f.visits() {
					if v.As != who {
						continue
					}
					f.show(tb, v)
					if got := eval[string](tb, "lang", `document.documentElement.lang`); got != lang {
						tb.errorf(v.Name, "<html lang=%q>, want %q", got, lang)
					}
					tb.checkPhoneLayout(v)
					tb.audit(v.Name + " at 390px")
					tb.resize(1280, 900)
					tb.audit(v.Name + " at 1280px")
					tb.resize(390, 844)
				}
			})
		}
	}
}

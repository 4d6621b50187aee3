package e2e

import (
	"strings"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// overflow lists what sticks out past the right edge of the viewport, if the page
// scrolls sideways at all.
const overflow = `(() => {
  const w = window.innerWidth;
  if (document.documentElement.scrollWidth <= w) return [];
  const out = [document.documentElement.scrollWidth + "px wide in a " + w + "px viewport"];
  for (const e of document.querySelectorAll("body *")) {
    const r = e.getBoundingClientRect();
    if (r.right > w + 0.5 && r.width > 0) {
      out.push(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
        (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "") +
        " right=" + Math.round(r.right));
      if (out.length > 8) break;
    }
  }
  return out;
})()`

// smallTargets lists the visible tap targets smaller than 44×44 CSS px: links,
// buttons, fields and checkbox labels in the topbar and the main content. Links
// inside a sentence are exempt (WCAG 2.5.8's inline exception), and so are the
// checkboxes and radios whose label is the target.
const smallTargets = `(() => {
  const out = [];
  const sel = "header a, header button, header select, main a, main button, main summary, main select, " +
    "main textarea, main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main label.checkbox";
  for (const e of document.querySelectorAll(sel)) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === "hidden") continue;
    if (e.tagName === "A" && getComputedStyle(e).display === "inline") continue;
    if (e.closest(".sr-only, .skip-link")) continue;
    if (r.width < 44 || r.height < 44) {
      out.push(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + ' "' + (e.innerText || e.value || e.name || "").trim().slice(0, 20) +
        '" ' + Math.round(r.width) + "×" + Math.round(r.height));
    }
  }
  return out;
})()`

// focusRing reports the focused element unless it shows a visible focus indicator.
const focusRing = `(() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "";
  const s = getComputedStyle(e);
  const ring = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none";
  return ring ? "" : e.tagName.toLowerCase() + ' "' + (e.innerText || e.name || "").trim().slice(0, 20) + '" has no visible focus';
})()`

// checkPhoneLayout checks the current page on a phone, 390 px wide: nothing may
// scroll sideways (at 360 px either) and every tap target is at least 44 px. Then
// it walks the first focus stops with the keyboard and checks each one shows
// where the focus is.
func (tb *tab) checkPhoneLayout(v visit) {
	tb.t.Helper()
	for _, w := range []int64{390, 360} {
		tb.resize(w, 780)
		if o := eval[[]string](tb, "overflow", overflow); len(o) > 0 {
			tb.errorf(v.Name+"-overflow", "%s scrolls sideways at %dpx: %s", v.Path, w, strings.Join(o, "; "))
		}
	}
	tb.resize(390, 844)
	if s := eval[[]string](tb, "targets", smallTargets); len(s) > 0 {
		tb.errorf(v.Name+"-targets", "tap targets under 44px on %s:\n\t%s", v.Path, strings.Join(s, "\n\t"))
	}
	for i := 0; i < 6; i++ {
		tb.do("tab", chromedp.KeyEvent(kb.Tab))
		if msg := eval[string](tb, "focus", focusRing); msg != "" {
			tb.errorf(v.Name+"-focus", "%s: %s", v.Path, msg)
		}
	}
}

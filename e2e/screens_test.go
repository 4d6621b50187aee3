package e2e

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestScreenshots writes every page at 390 px and 1280 px in both languages to
// e2e/artifacts/screens/, for a person to look at. It runs only with
// GROWTHCARD_SCREENSHOTS=1 (make screenshots), since it checks nothing itself.
func TestScreenshots(t *testing.T) {
	if os.Getenv("GROWTHCARD_SCREENSHOTS") != "1" {
		t.Skip("set GROWTHCARD_SCREENSHOTS=1 to write the screenshots")
	}
	t.Parallel()
	f := sharedFixture(t)
	dir := filepath.Join("artifacts", "screens")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"zh-CN", "en"} {
		for _, width := range []int64{390, 1280} {
			t.Run(lang+"-"+strconv.FormatInt(width, 10), func(t *testing.T) {
				t.Parallel()
				shoot(t, f, lang, width, dir)
			})
		}
	}
}

func shoot(t *testing.T, f *fixture, lang string, width int64, dir string) {
	sessions := map[string]*tab{}
	for _, v := range f.visits() {
		tb := sessions[v.As]
		if tb == nil {
			tb = f.s.newTab(t, lang+"-"+v.As, tabOptions{Lang: lang, Width: width, Height: 844})
			if v.As != "" {
				tb.login(v.As)
			}
			sessions[v.As] = tb
		}
		f.show(tb, v)
		png := run(tb, "screenshot "+v.Name, chromedp.FullScreenshot(100))
		name := filepath.Join(dir, lang+"-"+strconv.FormatInt(width, 10)+"-"+v.Name+".png")
		if err := os.WriteFile(name, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

package e2e

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	goruntime "runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// stepTimeout bounds one browser step; -race makes the server several times slower.
const stepTimeout = 30 * time.Second

// browser is the one Chromium process the whole package shares; every tab gets its
// own browser context (cookie jar), so tests can run in parallel.
var browser struct {
	once   sync.Once
	ctx    context.Context
	cancel func()
	dir    string
	err    error
}

func TestMain(m *testing.M) {
	// The browser tests spend most of their time waiting for the browser, not the
	// CPU: let more of them run at once than -parallel's default (GOMAXPROCS),
	// unless the command line chose a number.
	flag.Parse()
	explicit := false
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "test.parallel" })
	if !explicit && goruntime.GOMAXPROCS(0) < 6 {
		_ = flag.Set("test.parallel", "6")
	}
	code := m.Run()
	for i := len(afterAll) - 1; i >= 0; i-- {
		afterAll[i]()
	}
	if browser.cancel != nil {
		browser.cancel()
	}
	if browser.dir != "" {
		_ = os.RemoveAll(browser.dir)
	}
	os.Exit(code)
}

// startBrowser launches the system Chromium once, headless, with a fresh profile
// and every background download and network chatter switched off.
func startBrowser(path string) {
	dir, err := os.MkdirTemp("", "growthcard-chromium-")
	if err != nil {
		browser.err = err
		return
	}
	browser.dir = dir
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints,AutofillServerCommunication"),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1280, 900),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	browser.ctx = ctx
	browser.cancel = func() { cancelCtx(); cancelAlloc() }
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case browser.err = <-done:
	case <-time.After(60 * time.Second):
		browser.err = fmt.Errorf("chromium did not start within 60s")
	}
}

// tabOptions set up a new browser context.
type tabOptions struct {
	Lang     string // Accept-Language; "" means zh-CN
	NoScript bool   // JavaScript off
	Width    int64  // viewport; 0 means 1280×900 desk
	Height   int64
}

// tab is one browser tab driven by a test. Its steps fail the test with a
// screenshot and the page's HTML saved under e2e/artifacts/.
type tab struct {
	t    *testing.T
	s    *server
	ctx  context.Context
	name string

	mu        sync.Mutex
	errors    []string   // uncaught exceptions and console.error calls
	responses []response // documents and XHRs, in order
}

// response is one HTTP response the page received.
type response struct {
	URL    string
	Status int64
	Type   network.ResourceType
}

// cspWatcher runs in every document before the page's own scripts: it records
// Content-Security-Policy violations so the tests can insist there are none.
const cspWatcher = `(() => {
  window.__gcCSP = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__gcCSP.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
      " at " + (e.sourceFile || "?") + ":" + e.lineNumber);
  });
})();`

// newTab opens a tab in a fresh browser context (its own cookies) on server s.
func (s *server) newTab(t *testing.T, name string, o tabOptions) *tab {
	t.Helper()
	path := requireChromium(t)
	browser.once.Do(func() { startBrowser(path) })
	if browser.err != nil {
		t.Fatalf("start chromium %s: %v", path, browser.err)
	}
	tb := &tab{t: t, s: s, name: name}
	ctx, cancel := chromedp.NewContext(browser.ctx, chromedp.WithNewBrowserContext(), chromedp.WithListener(tb.listen))
	t.Cleanup(cancel)
	tb.ctx = ctx
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	tb.setup(o)
	return tb
}

// sibling opens a second tab in the same browser context (same cookies).
func (tb *tab) sibling(name string, o tabOptions) *tab {
	tb.t.Helper()
	n := &tab{t: tb.t, s: tb.s, name: name}
	ctx, cancel := chromedp.NewContext(tb.ctx, chromedp.WithListener(n.listen))
	tb.t.Cleanup(cancel)
	n.ctx = ctx
	if err := chromedp.Do(ctx); err != nil {
		tb.t.Fatalf("open tab: %v", err)
	}
	n.setup(o)
	return n
}

func (tb *tab) setup(o tabOptions) {
	tb.t.Helper()
	lang := o.Lang
	if lang == "" {
		lang = "zh-CN,zh;q=0.9"
	}
	w, h := o.Width, o.Height
	if w == 0 {
		w, h = 1280, 900
	}
	err := chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, t, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
			Headers: network.Headers{"Accept-Language": lang}}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatcher}); err != nil {
			return err
		}
		if o.NoScript {
			if _, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled,
				emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
				return err
			}
		}
		return nil
	}), tb.viewport(w, h))
	if err != nil {
		tb.t.Fatalf("set up tab: %v", err)
	}
}

// viewport emulates a phone (mobile, touch) below 640 px and a desk above.
func (tb *tab) viewport(w, h int64) chromedp.Action[chromedp.Void] {
	if w < 640 {
		return chromedp.EmulateViewport(w, h, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	return chromedp.EmulateViewport(w, h)
}

// resize changes the viewport of the tab.
func (tb *tab) resize(w, h int64) {
	tb.t.Helper()
	tb.do("resize", tb.viewport(w, h))
}

// listen records uncaught exceptions and console.error calls of the page.
func (tb *tab) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		msg = "exception: " + ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil && ev.ExceptionDetails.Exception.Description != "" {
			msg += " " + ev.ExceptionDetails.Exception.Description
		}
	case *network.EventRequestWillBeSent:
		if r := ev.RedirectResponse; r != nil { // a 3xx shows only as the next request's cause
			tb.mu.Lock()
			tb.responses = append(tb.responses, response{URL: r.URL, Status: r.Status, Type: ev.Type})
			tb.mu.Unlock()
		}
		return
	case *network.EventResponseReceived:
		if ev.Type == network.ResourceTypeDocument || ev.Type == network.ResourceTypeXHR || ev.Type == network.ResourceTypeFetch {
			tb.mu.Lock()
			tb.responses = append(tb.responses, response{URL: ev.Response.URL, Status: ev.Response.Status, Type: ev.Type})
			tb.mu.Unlock()
		}
		return
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var parts []string
		for _, a := range ev.Args {
			if a.Description != "" {
				parts = append(parts, a.Description)
			} else {
				parts = append(parts, string(a.Value))
			}
		}
		msg = "console." + string(ev.Type) + ": " + strings.Join(parts, " ")
	default:
		return
	}
	tb.mu.Lock()
	tb.errors = append(tb.errors, msg)
	tb.mu.Unlock()
}

// do runs actions as one named step; a failure saves artifacts and stops the test.
func (tb *tab) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.fail(step, "%v", err)
	}
}

// run runs one action that returns a value, as a named step.
func run[T any](tb *tab, step string, a chromedp.Action[T]) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		tb.fail(step, "%v", err)
	}
	return v
}

// eval evaluates a JavaScript expression and decodes its JSON value into T.
func eval[T any](tb *tab, step, expr string) T {
	tb.t.Helper()
	return run(tb, step, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// fail saves a screenshot and the HTML of the page and fails the test now.
func (tb *tab) fail(step, format string, args ...any) {
	tb.t.Helper()
	where := tb.saveArtifacts(step)
	tb.t.Fatalf("[%s] %s: %s%s", tb.name, step, fmt.Sprintf(format, args...), where)
}

// errorf saves artifacts and marks the test failed, going on.
func (tb *tab) errorf(step, format string, args ...any) {
	tb.t.Helper()
	where := tb.saveArtifacts(step)
	tb.t.Errorf("[%s] %s: %s%s", tb.name, step, fmt.Sprintf(format, args...), where)
}

// saveArtifacts writes <step>.png and <step>.html for the current page.
func (tb *tab) saveArtifacts(step string) string {
	dir := artifactDir(tb.t)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return " (artifacts not saved: " + err.Error() + ")"
	}
	base := filepath.Join(dir, unsafeName.ReplaceAllString(tb.name+"-"+step, "_"))
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		_ = os.WriteFile(base+".png", png, 0o644)
	}
	if html, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`)); err == nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		_ = os.WriteFile(base+".html", []byte("<!-- "+loc+" -->\n"+html), 0o644)
	}
	return "\n\tartifacts: " + base + ".{png,html}"
}

// open navigates to path and answers the document's HTTP status.
func (tb *tab) open(path string) int64 {
	tb.t.Helper()
	resp := run(tb, "open "+path, chromedp.NavigateResponse(tb.s.URL+path))
	tb.clean("open " + path)
	return resp.Status
}

// submit clicks sel, waits for the page it loads and answers its HTTP status.
// The click is the element's own click(): it submits the way a tap does, and a
// sticky header or a layout shift cannot swallow it.
func (tb *tab) submit(step, sel string) int64 {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector(`+jsString(sel)+`).click()`))
	if err != nil {
		tb.fail(step, "%v", err)
	}
	tb.clean(step)
	return resp.Status
}

// path answers the path and query of the current page.
func (tb *tab) path() string {
	tb.t.Helper()
	loc := run(tb, "location", chromedp.Location())
	u, err := url.Parse(loc)
	if err != nil {
		tb.fail("location", "%v", err)
	}
	if u.RawQuery != "" {
		return u.Path + "?" + u.RawQuery
	}
	return u.Path
}

// text answers the trimmed text of the first element matching sel.
func (tb *tab) text(sel string) string {
	tb.t.Helper()
	return strings.TrimSpace(eval[string](tb, "text "+sel,
		`(() => { const e = document.querySelector(`+jsString(sel)+`); return e ? e.innerText : "<missing "+`+jsString(sel)+`+">"; })()`))
}

// has reports whether an element matches sel.
func (tb *tab) has(sel string) bool {
	tb.t.Helper()
	return eval[bool](tb, "has "+sel, `document.querySelector(`+jsString(sel)+`) !== null`)
}

// fill sets the value of the field matching sel and fires input and change, as
// typing would.
func (tb *tab) fill(sel, value string) {
	tb.t.Helper()
	tb.do("fill "+sel, chromedp.WaitVisible(chromedp.CSS(sel)), chromedp.Evaluate[chromedp.Void](`(() => {
		const e = document.querySelector(`+jsString(sel)+`);
		e.value = `+jsString(value)+`;
		e.dispatchEvent(new Event("input", {bubbles: true}));
		e.dispatchEvent(new Event("change", {bubbles: true}));
	})()`))
}

// click clicks sel without waiting for a page load.
func (tb *tab) click(sel string) {
	tb.t.Helper()
	tb.do("click "+sel, chromedp.WaitVisible(chromedp.CSS(sel)),
		chromedp.Evaluate[chromedp.Void](`document.querySelector(`+jsString(sel)+`).click()`))
}

// waitFor polls a JavaScript condition until it is true. It does not use
// chromedp.Poll, whose page-side helper calls new Function and so trips the CSP.
func (tb *tab) waitFor(step, cond string) {
	tb.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for {
		ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(`+cond+`)`))
		cancel()
		if err == nil && ok {
			tb.clean(step)
			return
		}
		if time.Now().After(deadline) {
			tb.fail(step, "timed out waiting for %s (last error: %v)", cond, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// clean fails the step when the page broke its CSP or logged an error.
func (tb *tab) clean(step string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	csp, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__gcCSP || []`))
	if err == nil && len(csp) > 0 {
		tb.errorf(step, "Content-Security-Policy violations:\n\t%s", strings.Join(csp, "\n\t"))
	}
	tb.mu.Lock()
	errs := tb.errors
	tb.errors = nil
	tb.mu.Unlock()
	if len(errs) > 0 {
		tb.errorf(step, "JavaScript errors:\n\t%s", strings.Join(errs, "\n\t"))
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// submitForm submits the form matching sel natively (form.submit(), which htmx
// does not intercept), waits for the page it loads and answers its status.
func (tb *tab) submitForm(step, sel string) int64 {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector(`+jsString(sel)+`).submit()`))
	if err != nil {
		tb.fail(step, "%v", err)
	}
	tb.clean(step)
	return resp.Status
}

// lastResponse answers the latest response whose URL ends with suffix.
func (tb *tab) lastResponse(suffix string) (response, bool) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for i := len(tb.responses) - 1; i >= 0; i-- {
		if strings.HasSuffix(tb.responses[i].URL, suffix) {
			return tb.responses[i], true
		}
	}
	return response{}, false
}

// count answers how many elements match sel.
func (tb *tab) count(sel string) int {
	tb.t.Helper()
	return eval[int](tb, "count "+sel, `document.querySelectorAll(`+jsString(sel)+`).length`)
}

// expectText fails the step unless the text of sel contains want.
func (tb *tab) expectText(step, sel, want string) {
	tb.t.Helper()
	if got := tb.text(sel); !strings.Contains(got, want) {
		tb.fail(step, "%s reads %q, want it to contain %q", sel, short(got), want)
	}
}

// contextFor bounds one step of tb.
func contextFor(tb *tab) (context.Context, context.CancelFunc) {
	return context.WithTimeout(tb.ctx, stepTimeout)
}

// upload chooses a file for the file input matching sel, as the file picker would.
func (tb *tab) upload(sel, path string) {
	tb.t.Helper()
	tb.do("upload "+filepath.Base(path), chromedp.SetUploadFiles(chromedp.CSS(sel), []string{path}))
}

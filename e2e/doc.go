// Package e2e holds growthcard's end-to-end tests: the real server on loopback,
// driven by the system's headless Chromium through chromedp. The tests live in the
// _test.go files; see harness_test.go for how a browser and a server are started.
//
// The browser is /usr/bin/chromium (or chromium, chromium-browser on the PATH, or
// GROWTHCARD_CHROMIUM); nothing downloads one. The tests skip when it is missing,
// except under CI=true, where they fail.
// A failing step leaves a screenshot and the page's HTML in e2e/artifacts/.
// GROWTHCARD_SCREENSHOTS=1 also writes a screenshot of every page at 390 px and
// 1280 px in both languages to e2e/artifacts/screens/.
package e2e

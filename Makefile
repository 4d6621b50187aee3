# Thin aliases; see README.md.
GO ?= go
export CGO_ENABLED = 1

.PHONY: run demo test check generate fmt vet unit e2e bench browser i18n screenshots

run:
	$(GO) run .

demo:
	$(GO) run . --demo --now 2025-11-26T10:00:00+08:00

generate:
	$(GO) tool templ generate

# i18n: add the Chinese messages missing from the English catalogue (empty, to fill)
# and list what is left; -prune also drops entries the code no longer uses.
i18n:
	$(GO) run ./views/i18n/cmd/catalogue -prune

fmt:
	gofmt -w $$(git ls-files '*.go')

# check: generated code and formatting are committed, vet is clean.
check:
	$(GO) tool templ generate
	git diff --exit-code -- '*_templ.go' || (echo "templ generate changed files: commit them" && exit 1)
	test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go') && exit 1)
	$(GO) vet ./...

# browser: install Chromium (and CJK fonts, so pages render as users see them)
# through apt-get when missing and we are root.
browser:
	@{ command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; } && \
	  { fc-list 2>/dev/null | grep -qi 'CJK' || [ "$$(id -u)" != "0" ] || \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null 2>&1 || true; } || \
	  { if [ "$$(id -u)" = "0" ]; then apt-get update -qq && \
	      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	    else echo "chromium is missing and we are not root: browser tests will skip (fail under CI=true)"; fi; }

unit:
	$(GO) test -race -count=1 ./...

test: check browser unit

# e2e: only the browser tests (headless Chromium; artifacts of failures in e2e/artifacts/).
e2e: browser
	$(GO) test -race -count=1 ./e2e/

# screenshots: every page at 390 and 1280 px in both languages, in e2e/artifacts/screens/.
screenshots: browser
	GROWTHCARD_SCREENSHOTS=1 $(GO) test -count=1 -run TestScreenshots ./e2e/

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

package i18n_test

import (
	"strings"
	"testing"

	"growthcard/views/i18n"
	"growthcard/views/i18n/catalogue"
)

// TestEnglishCatalogue fails when a Chinese message in the code has no English
// text, when en.json keeps an entry the code no longer uses, when a translation
// changes the fmt verbs, or when a template hard-codes Chinese in its HTML.
// `go run ./views/i18n/cmd/catalogue` adds the missing ids (empty) and lists the rest.
func TestEnglishCatalogue(t *testing.T) {
	root, err := catalogue.Root(".")
	if err != nil {
		t.Fatal(err)
	}
	src, err := catalogue.Scan(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(src.Messages) < 100 {
		t.Fatalf("found only %d messages: is the scan looking in the right place?", len(src.Messages))
	}
	cat, err := catalogue.Load(root + "/" + catalogue.Path)
	if err != nil {
		t.Fatal(err)
	}
	if r := catalogue.Compare(src, cat); !r.OK() {
		t.Errorf("the English catalogue and the code disagree.\n"+
			"Run `go run ./views/i18n/cmd/catalogue` (or `make i18n`) to add missing ids, then write their English.\n\n%s",
			r.String(src))
	}
}

// TestCatalogueLoads checks that the embedded catalogue is the one the tool edits,
// and that go-i18n reads every entry (an empty entry falls back to Chinese).
func TestCatalogueLoads(t *testing.T) {
	b, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Catalogue("en")
	if err != nil {
		t.Fatal(err)
	}
	en := b.For("en")
	for id, want := range cat {
		if want == "" {
			want = id
		}
		if got := en.T(id); got != want {
			t.Errorf("T(%q) = %q, want %q", id, got, want)
		}
	}
	if got := b.For("zh-CN").T("首页"); got != "首页" {
		t.Errorf("Chinese is the source language: got %q", got)
	}
	if got := en.T("不在目录里的句子"); got != "不在目录里的句子" {
		t.Errorf("unknown ids fall back to their Chinese text: got %q", got)
	}
}

// TestVerbs pins the fmt-verb extraction the catalogue check relies on.
func TestVerbs(t *testing.T) {
	for in, want := range map[string]string{
		"共 %d 条":                     "%d",
		"%s 至 %s(共 %d 天)":            "%s %s %d",
		"奖励基数 ¥200,000.00 × 1.5% = ": "",
		"100%% 完成 %.2f":              "%% %.2f",
	} {
		if got := strings.Join(catalogue.Verbs(in), " "); got != want {
			t.Errorf("Verbs(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMatch covers the language pick: cookie first, then Accept-Language, then Chinese.
func TestMatch(t *testing.T) {
	cases := []struct{ cookie, accept, want string }{
		{"", "", "zh-CN"},
		{"", "en", "en"},
		{"", "en-US,en;q=0.9", "en"},
		{"", "zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"},
		{"", "fr-FR,en;q=0.5", "en"},
		{"", "fr-FR", "zh-CN"},
		{"en", "zh-CN", "en"},
		{"zh-CN", "en", "zh-CN"},
		{"xx", "en", "en"},
	}
	for _, c := range cases {
		if got := i18n.Match(c.cookie, c.accept); got != c.want {
			t.Errorf("Match(%q, %q) = %q, want %q", c.cookie, c.accept, got, c.want)
		}
	}
}

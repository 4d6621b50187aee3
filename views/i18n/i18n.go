// Package i18n translates the product's strings. Simplified Chinese is the source
// language: a message's id is its Chinese text, so a missing translation still shows
// correct Chinese. Other languages live in embedded go-i18n JSON catalogues.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales/*.json
var locales embed.FS

// Languages the product speaks, the default first.
var Languages = []Language{{"zh-CN", "简体中文"}, {"en", "English"}} // i18n:ignore (each language in its own words)

// Language is a supported language: its BCP 47 tag and its own name.
type Language struct {
	Tag  string
	Name string
}

// Bundle holds every catalogue; build one at start-up and share it.
type Bundle struct {
	b *goi18n.Bundle
}

// New loads the embedded catalogues.
func New() (*Bundle, error) {
	b := goi18n.NewBundle(language.SimplifiedChinese)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	entries, err := locales.ReadDir("locales")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if _, err := b.LoadMessageFileFS(locales, "locales/"+e.Name()); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", e.Name(), err)
		}
	}
	return &Bundle{b: b}, nil
}

// Match picks the supported language for a cookie value and an Accept-Language header.
func Match(cookie, acceptLanguage string) string {
	for _, l := range Languages {
		if strings.EqualFold(cookie, l.Tag) {
			return l.Tag
		}
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err == nil {
		for _, t := range tags {
			base, _ := t.Base()
			if base.String() == "zh" {
				return "zh-CN"
			}
			if base.String() == "en" {
				return "en"
			}
		}
	}
	return "zh-CN"
}

// Localizer translates for one language.
type Localizer struct {
	lang string
	l    *goi18n.Localizer
}

// For returns a localizer for a supported language tag.
func (b *Bundle) For(lang string) *Localizer {
	return &Localizer{lang: lang, l: goi18n.NewLocalizer(b.b, lang)}
}

// Lang returns the localizer's language tag.
func (l *Localizer) Lang() string {
	if l == nil {
		return "zh-CN"
	}
	return l.lang
}

// T translates a Chinese source string.
func (l *Localizer) T(id string) string {
	if l == nil || l.lang == "zh-CN" {
		return id
	}
	msg, err := l.l.Localize(&goi18n.LocalizeConfig{
		DefaultMessage: &goi18n.Message{ID: id, Other: id},
	})
	if err != nil || msg == "" {
		return id
	}
	return msg
}

// Tf translates a Chinese source format string and fills it like fmt.Sprintf.
func (l *Localizer) Tf(id string, args ...any) string {
	return fmt.Sprintf(l.T(id), args...)
}

// Catalogue returns the ids present in a language's catalogue (for tests).
func Catalogue(lang string) (map[string]string, error) {
	raw, err := locales.ReadFile("locales/" + lang + ".json")
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	err = json.Unmarshal(raw, &out)
	return out, err
}

// Package catalogue keeps the English catalogue in step with the source code.
//
// Simplified Chinese is the source language: a message's id is its Chinese text.
// Every Go string literal that contains a Han character in the scanned folders is
// a message — whether it is passed to p.T / p.Tf in a template, returned by a
// label function, or carried as a FieldError, flash or error message that a
// template later translates. Templates are read through their generated
// *_templ.go files, where templ has already separated Go expressions (which may
// hold message ids) from static HTML (which must hold no Chinese at all: a
// hard-coded string could never be translated).
//
// A literal that is not a message (a date layout, a language's own name) is
// marked with a trailing `// i18n:ignore` comment on its line, or listed in
// ignore.txt beside this file when its line cannot carry a comment.
package catalogue

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Dirs are the folders, relative to the module root, whose Go files hold messages.
var Dirs = []string{"views", "handlers", "web", "models"}

// Path is the English catalogue, relative to the module root.
const Path = "views/i18n/locales/en.json"

// IgnoreMarker on a source line excludes that line's literals from the catalogue.
const IgnoreMarker = "i18n:ignore"

//go:embed ignore.txt
var ignoreList string

// Message is one message id and where it occurs.
type Message struct {
	ID    string
	Where []string
}

// HardCoded is Chinese text written straight into a template's HTML.
type HardCoded struct {
	Where string
	Text  string
}

// Source is what a scan of the code finds.
type Source struct {
	Messages  map[string]*Message
	HardCoded []HardCoded
}

// IDs returns the message ids in sorted order.
func (s Source) IDs() []string {
	ids := make([]string, 0, len(s.Messages))
	for id := range s.Messages {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// ignored returns the literals listed in ignore.txt.
func ignored() map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(ignoreList, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		s, err := strconv.Unquote(line)
		if err != nil {
			s = line
		}
		out[s] = true
	}
	return out
}

// Scan reads every Go file under Dirs below root (tests and .templ sources
// excluded; templates are read through their generated code).
func Scan(root string) (Source, error) {
	src := Source{Messages: map[string]*Message{}}
	skip := ignored()
	for _, dir := range Dirs {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			rel, _ := filepath.Rel(root, path)
			return scanFile(&src, path, filepath.ToSlash(rel), skip)
		})
		if err != nil {
			return src, err
		}
	}
	sort.Slice(src.HardCoded, func(i, j int) bool { return src.HardCoded[i].Where < src.HardCoded[j].Where })
	return src, nil
}

func scanFile(src *Source, path, rel string, skip map[string]bool) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, raw, parser.SkipObjectResolution)
	if err != nil {
		return err
	}
	lines := strings.Split(string(raw), "\n")
	generated := strings.HasSuffix(rel, "_templ.go")
	where := func(pos token.Pos) string {
		p := fset.Position(pos)
		if generated {
			return strings.TrimSuffix(rel, "_templ.go") + ".templ (" + filepath.Base(rel) + ":" + strconv.Itoa(p.Line) + ")"
		}
		return rel + ":" + strconv.Itoa(p.Line)
	}
	static := map[*ast.BasicLit]bool{}
	if generated {
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && isWriteString(call) {
				for _, a := range call.Args {
					if lit, ok := a.(*ast.BasicLit); ok {
						static[lit] = true
					}
				}
			}
			return true
		})
	}
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil || !hasHan(s) {
			return true
		}
		line := fset.Position(lit.Pos()).Line
		if line-1 < len(lines) && strings.Contains(lines[line-1], IgnoreMarker) || skip[s] {
			return true
		}
		if static[lit] {
			src.HardCoded = append(src.HardCoded, HardCoded{Where: where(lit.Pos()), Text: hanRuns(s)})
			return true
		}
		m := src.Messages[s]
		if m == nil {
			m = &Message{ID: s}
			src.Messages[s] = m
		}
		m.Where = append(m.Where, where(lit.Pos()))
		return true
	})
	return nil
}

// isWriteString matches templ's static-HTML writes: templruntime.WriteString(w, n, "…")
// and, in older templ versions, buffer.WriteString("…").
func isWriteString(call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "WriteString"
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

var tags = regexp.MustCompile(`<[^>]*>`)

// hanRuns shows the text of static HTML around its Chinese, without tags.
func hanRuns(s string) string {
	var out []string
	for _, part := range tags.Split(s, -1) {
		if hasHan(part) {
			out = append(out, strings.TrimSpace(part))
		}
	}
	if len(out) == 0 { // in an attribute
		return strings.TrimSpace(s)
	}
	return strings.Join(out, " … ")
}

// Load reads a catalogue file: a flat JSON object from Chinese id to translation.
func Load(path string) (map[string]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// Save writes a catalogue sorted by id, one entry per line, HTML left unescaped,
// so that diffs stay small and reviewable.
func Save(path string, cat map[string]string) error {
	ids := make([]string, 0, len(cat))
	for id := range cat {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	b.WriteString("{\n")
	for i, id := range ids {
		fmt.Fprintf(&b, "  %s: %s", quote(id), quote(cat[id]))
		if i < len(ids)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("}\n")
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// quote encodes s as a JSON string without escaping <, > and &.
func quote(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

var verb = regexp.MustCompile(`%[-+# 0]*(?:\[\d+\])?(?:\d+|\*)?(?:\.(?:\d+|\*))?[a-zA-Z%]`)

// Verbs lists the fmt verbs of a format string in order.
func Verbs(s string) []string { return verb.FindAllString(s, -1) }

// Report is the difference between the code and a catalogue.
type Report struct {
	Missing      []string // used in the code, absent from the catalogue
	Unused       []string // in the catalogue, no longer in the code
	Untranslated []string // present with an empty translation
	BadVerbs     []string // translation whose fmt verbs differ from the id's
	HardCoded    []HardCoded
}

// OK reports whether the catalogue and the code agree.
func (r Report) OK() bool {
	return len(r.Missing)+len(r.Unused)+len(r.Untranslated)+len(r.BadVerbs)+len(r.HardCoded) == 0
}

// Compare checks a catalogue against the scanned source.
func Compare(src Source, cat map[string]string) Report {
	var r Report
	for _, id := range src.IDs() {
		tr, ok := cat[id]
		switch {
		case !ok:
			r.Missing = append(r.Missing, id)
		case strings.TrimSpace(tr) == "":
			r.Untranslated = append(r.Untranslated, id)
		case strings.Join(Verbs(id), " ") != strings.Join(Verbs(tr), " "):
			r.BadVerbs = append(r.BadVerbs, fmt.Sprintf("%q → %q: verbs %v ≠ %v", id, tr, Verbs(id), Verbs(tr)))
		}
	}
	for id := range cat {
		if _, ok := src.Messages[id]; !ok {
			r.Unused = append(r.Unused, id)
		}
	}
	sort.Strings(r.Unused)
	r.HardCoded = src.HardCoded
	return r
}

// String describes the report for a person fixing it.
func (r Report) String(src Source) string {
	var b strings.Builder
	section := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(&b, "%s (%d):\n", title, len(items))
		for _, s := range items {
			fmt.Fprintf(&b, "  %s\n", s)
		}
	}
	var missing []string
	for _, id := range r.Missing {
		missing = append(missing, fmt.Sprintf("%q  (%s)", id, strings.Join(src.Messages[id].Where, ", ")))
	}
	section("missing from "+Path, missing)
	var untranslated []string
	for _, id := range r.Untranslated {
		untranslated = append(untranslated, fmt.Sprintf("%q  (%s)", id, strings.Join(src.Messages[id].Where, ", ")))
	}
	section("untranslated (empty) in "+Path, untranslated)
	section("unused entries in "+Path, quoteAll(r.Unused))
	section("translations whose format verbs differ", r.BadVerbs)
	var hard []string
	for _, h := range r.HardCoded {
		hard = append(hard, fmt.Sprintf("%s: %q — use { p.T(\"…\") }", h.Where, h.Text))
	}
	section("Chinese hard-coded in template HTML", hard)
	return b.String()
}

func quoteAll(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strconv.Quote(id)
	}
	return out
}

// Update adds every missing id with an empty translation (for a person to fill)
// and, when prune is set, drops the unused ones. It returns what it changed.
func Update(cat map[string]string, r Report, prune bool) (added, removed []string) {
	for _, id := range r.Missing {
		cat[id] = ""
		added = append(added, id)
	}
	if prune {
		for _, id := range r.Unused {
			delete(cat, id)
			removed = append(removed, id)
		}
	}
	return added, removed
}

// Root finds the module root: the nearest folder above dir holding go.mod.
func Root(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above %s", dir)
		}
		dir = parent
	}
}

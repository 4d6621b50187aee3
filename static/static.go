// Package static embeds the stylesheets, scripts, images and vendored libraries, and
// serves them with content-hash cache busting, long cache headers and gzip.
package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
)

//go:embed css js img vendor/htmx vendor/echarts
var files embed.FS

// asset is one embedded file, its hash and its gzipped form.
type asset struct {
	body  []byte
	gz    []byte
	hash  string
	ctype string
}

// Assets serves the embedded files; build it once with Load.
type Assets struct {
	byName map[string]*asset
}

// Load reads, hashes and compresses every embedded file.
func Load() (*Assets, error) {
	a := &Assets{byName: map[string]*asset{}}
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ct := mime.TypeByExtension(path.Ext(name))
		if ct == "" {
			ct = http.DetectContentType(body)
		}
		item := &asset{body: body, hash: hex.EncodeToString(sum[:])[:12], ctype: ct}
		if compressible(ct) && len(body) > 512 {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			_, _ = zw.Write(body)
			_ = zw.Close()
			item.gz = buf.Bytes()
		}
		a.byName[name] = item
		return nil
	})
	return a, err
}

func compressible(ct string) bool {
	return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "javascript") ||
		strings.Contains(ct, "svg") || strings.Contains(ct, "json")
}

// URL returns the cache-busted URL of a file, "/static/css/app.css?v=<hash>".
func (a *Assets) URL(name string) string {
	if item, ok := a.byName[name]; ok {
		return "/static/" + name + "?v=" + item.hash
	}
	return "/static/" + name
}

// ServeHTTP serves /static/<name>: immutable for a year when the hash matches, with
// gzip when the client accepts it.
func (a *Assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	item, ok := a.byName[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", item.ctype)
	h.Set("ETag", `"`+item.hash+`"`)
	h.Add("Vary", "Accept-Encoding")
	if r.URL.Query().Get("v") == item.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	if match := r.Header.Get("If-None-Match"); match == `"`+item.hash+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := item.body
	if item.gz != nil && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		body = item.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

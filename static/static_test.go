package static

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestAssetsAreCacheBustedAndCompressed: a hashed URL is cached for a year, an
// unhashed one briefly; gzip when accepted; 304 on a matching ETag; unknown → 404.
func TestAssetsAreCacheBustedAndCompressed(t *testing.T) {
	a, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	url := a.URL("css/app.css")
	if !strings.HasPrefix(url, "/static/css/app.css?v=") || len(url) < len("/static/css/app.css?v=")+8 {
		t.Fatalf("URL = %q; want a content hash", url)
	}
	get := func(path string, header ...string) *http.Response {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		a.ServeHTTP(rec, req)
		return rec.Result()
	}

	res := get(url, "Accept-Encoding", "gzip, br")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
		t.Fatalf("hashed: %d %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	if res.Header.Get("Content-Encoding") != "gzip" || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("encoding %q, type %q", res.Header.Get("Content-Encoding"), res.Header.Get("Content-Type"))
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	css, _ := io.ReadAll(zr)
	if !strings.Contains(string(css), "--font-sans") {
		t.Error("the gzipped body is not the stylesheet")
	}

	plain := get("/static/css/app.css")
	if plain.Header.Get("Content-Encoding") != "" || strings.Contains(plain.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("unhashed: encoding %q, cache %q", plain.Header.Get("Content-Encoding"), plain.Header.Get("Cache-Control"))
	}
	if body, _ := io.ReadAll(plain.Body); string(body) != string(css) {
		t.Error("plain and gzipped bodies differ")
	}
	if res := get(url, "If-None-Match", plain.Header.Get("ETag")); res.StatusCode != http.StatusNotModified {
		t.Errorf("matching ETag: %d; want 304", res.StatusCode)
	}
	if res := get("/static/vendor/axe-core/axe.min.js"); res.StatusCode != http.StatusNotFound {
		t.Errorf("the test-only axe-core is served: %d", res.StatusCode)
	}
	if res := get("/static/nope.js"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown file: %d", res.StatusCode)
	}
}

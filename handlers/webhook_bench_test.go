package handlers_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"growthcard/models"
)

// BenchmarkWebhook1000 posts signed webhook calls of 1,000 fresh events each over
// loopback, the whole stack included (HMAC, JSON, validation, ingestion), over 2,000
// channels of which 20 belong to approved creators.
func BenchmarkWebhook1000(b *testing.B) {
	e := newPtEnv(b)
	for a := range 20 {
		e.creator(fmt.Sprint("ch", a), models.EnrollApproved)
	}
	client := e.client()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		var sb strings.Builder
		sb.WriteString(`{"events":[`)
		for j := range 1000 {
			n := i*1000 + j
			if j > 0 {
				sb.WriteByte(',')
			}
			fmt.Fprintf(&sb, `{"event_id":"e%d","order_id":"o%d","channel_id":"ch%d","video_id":"v1","source":"short_video","amount":"%d.%02d","status":"settled","settled_at":"2025-12-01T10:00:00+08:00"}`,
				n, n, n%2000, 1+n%999, n%100)
		}
		sb.WriteString(`]}`)
		req := signedWebhook(b, e.srv.URL, ptSecret, sb.String(), time.Now())
		b.StartTimer()
		res := client.do(req)
		if res.StatusCode != http.StatusOK || !strings.Contains(res.body, `"applied":1000`) {
			b.Fatalf("%d %.200s", res.StatusCode, res.body)
		}
	}
	b.ReportMetric(float64(b.N*1000)/b.Elapsed().Seconds(), "events/s")
}

package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"growthcard/models"
)

// benchRows is the size of the generated orders file: SPEC's largest import.
var benchRows = envInt("GC_BENCH_ROWS", 1_000_000)

// benchChannels is how many channels the generated orders spread over; the first
// benchAccounts of them belong to approved creators, so recomputes happen too.
const (
	benchChannels = 20_000
	benchAccounts = 200
)

// writeBenchCSV writes n order rows in SPEC's format: mostly settled short-video
// orders over the baseline and campaign periods, some live, one in 20 a cancellation
// of an earlier order.
func writeBenchCSV(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("order_id,channel_id,video_id,source,amount,status,settled_at\n")
	base := time.Date(2025, 8, 1, 0, 0, 0, 0, models.Beijing)
	for i := range n {
		at := base.Add(time.Duration(i%(152*24*60)) * time.Minute).Format("2006-01-02 15:04:05")
		switch {
		case i%20 == 19:
			fmt.Fprintf(w, "o%d,ch%d,,short_video,,cancelled,%s\n", i-10, (i-10)%benchChannels, at)
		case i%10 == 3:
			fmt.Fprintf(w, "o%d,ch%d,v%d,live,%d.%02d,settled,%s\n", i, i%benchChannels, i%7, 10+i%5000, i%100, at)
		default:
			fmt.Fprintf(w, "o%d,ch%d,v%d,short_video,%d.%02d,settled,%s\n", i, i%benchChannels, i%7, 10+i%5000, i%100, at)
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
}

// peakHeap samples the heap every 5 ms until stop is closed and reports the peak.
func peakHeap(stop <-chan struct{}, peak *atomic.Uint64) {
	var ms runtime.MemStats
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for {
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > peak.Load() {
			peak.Store(ms.HeapInuse)
		}
		select {
		case <-stop:
			return
		case <-t.C:
		}
	}
}

// BenchmarkImportCSV1M imports a generated 1,000,000-row orders file as the web and
// command-line imports do (a validation pass, then the apply pass in batches) and,
// in the same run, the sqlite3 shell's .import of the same file into a plain table.
// Run it alone: go test -run '^$' -bench ImportCSV1M -benchtime 1x ./models/store/
// (GC_BENCH_ROWS=200000 makes a quicker, smaller run).
func BenchmarkImportCSV1M(b *testing.B) {
	dir := b.TempDir()
	csvPath := filepath.Join(dir, "orders.csv")
	writeBenchCSV(b, csvPath, benchRows)
	fi, _ := os.Stat(csvPath)
	b.Logf("file: %d rows, %.1f MB", benchRows, float64(fi.Size())/1e6)
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		s, c := ptOpen(b)
		for a := range benchAccounts {
			ptCreator(b, s, c, fmt.Sprintf("ch%d", a), models.EnrollApproved)
		}
		runtime.GC()
		var peak atomic.Uint64
		stop := make(chan struct{})
		go peakHeap(stop, &peak)
		b.StartTimer()

		cpu0 := cpuTime()
		start := time.Now()
		f, err := os.Open(csvPath)
		if err != nil {
			b.Fatal(err)
		}
		stats, err := models.ScanOrdersCSV(f, nil, func(e models.RowError) { b.Fatalf("bad row %v", e) })
		if err != nil || !stats.Valid() {
			b.Fatal(err, stats)
		}
		checked := time.Since(start)
		f.Seek(0, 0)
		job, err := s.StartImport(context.Background(), Actor{}, "orders.csv", stats.Rows)
		if err != nil {
			b.Fatal(err)
		}
		job, err = s.RunImport(context.Background(), job.ID, f)
		if err != nil {
			b.Fatal(err)
		}
		f.Close()
		took := time.Since(start)
		cpu := cpuTime() - cpu0

		b.StopTimer()
		close(stop)
		if job.DoneRows != int64(benchRows) || job.Applied != int64(benchRows) {
			b.Fatalf("job %+v", job)
		}
		if i == 0 {
			b.Logf("check pass %.1fs, apply pass %.1fs", checked.Seconds(), (took - checked).Seconds())
		}
		b.ReportMetric(float64(benchRows)/took.Seconds(), "rows/s")
		b.ReportMetric(cpu.Seconds(), "cpu-s") // user+system time of the process: less shaken by a busy machine
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(benchRows)/checked.Seconds(), "check-rows/s")
		if rate, ok := sqliteShellImport(b, csvPath, filepath.Join(dir, fmt.Sprintf("shell%d.db", i))); ok {
			b.ReportMetric(rate, "sqlite3-shell-rows/s")
		}
		b.StartTimer()
	}
}

// sqliteShellImport times the sqlite3 shell's .import of path into a plain table of a
// fresh database and returns rows per second; ok is false without the sqlite3 binary.
func sqliteShellImport(tb testing.TB, path, db string) (float64, bool) {
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		tb.Log("sqlite3 shell not found: skipping the comparison")
		return 0, false
	}
	script := strings.Join([]string{
		"PRAGMA journal_mode=WAL;", "PRAGMA synchronous=NORMAL;",
		"CREATE TABLE orders(order_id TEXT, channel_id TEXT, video_id TEXT, source TEXT, amount TEXT, status TEXT, settled_at TEXT);",
		".mode csv", ".import --skip 1 " + path + " orders", "SELECT count(*) FROM orders;"}, "\n")
	cmd := exec.Command(bin, db)
	cmd.Stdin = strings.NewReader(script)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	took := time.Since(start)
	if err != nil || !strings.Contains(string(out), fmt.Sprint(benchRows)) {
		tb.Fatalf("sqlite3 .import: %v: %s", err, out)
	}
	return float64(benchRows) / took.Seconds(), true
}

// BenchmarkIngestEvents1000 ingests batches of 1,000 fresh events (what one webhook
// call carries) straight into the store, over 2,000 channels of which 20 belong to
// approved creators.
func BenchmarkIngestEvents1000(b *testing.B) {
	s, c := ptOpen(b)
	for a := range 20 {
		ptCreator(b, s, c, fmt.Sprintf("ch%d", a), models.EnrollApproved)
	}
	batch := make([]models.OrderEvent, 1000)
	at := time.Date(2025, 12, 1, 10, 0, 0, 0, models.Beijing)
	b.ResetTimer()
	for i := range b.N {
		for j := range batch {
			n := i*len(batch) + j
			batch[j] = ptEvent(fmt.Sprint("e", n), fmt.Sprint("o", n), fmt.Sprint("ch", n%2000), models.Fen(100+n%9999), at)
		}
		if _, err := s.IngestEvents(context.Background(), batch, "bench"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(batch))/b.Elapsed().Seconds(), "events/s")
}

// envInt reads an integer from the environment, or def.
func envInt(name string, def int) int {
	var n int
	if _, err := fmt.Sscan(os.Getenv(name), &n); err != nil || n <= 0 {
		return def
	}
	return n
}

// cpuTime is the user and system CPU time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

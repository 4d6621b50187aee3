// Command growthcard serves the dashboard of WeChat Mini Shop's short-video selling
// incentive programme. main.go is wiring only: flags and environment → Config →
// store → handlers → web → serve.
package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/gorilla/sessions"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"growthcard/handlers"
	"growthcard/models"
	"growthcard/models/store"
	"growthcard/static"
	"growthcard/views/i18n"
	"growthcard/web"
)

// Config is everything the program reads from flags and the environment.
type Config struct {
	Addr          string
	DB            string
	Now           time.Time
	Demo          bool
	SessionKey    string
	WebhookSecret string
	SecureCookies bool
}

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "growthcard:", err)
		os.Exit(1)
	}
}

// run dispatches the subcommand; no arguments means serve.
func run(args []string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(args, stdout, stderr)
	case "create-manager":
		return createManager(args, stdout)
	case "backup":
		return backup(args, stdout)
	case "import-orders":
		return importOrders(args, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", cmd, usage)
}

const usage = `usage:
  growthcard [serve] [--addr :8080] [--db growthcard.db] [--now 2025-11-26T10:00:00+08:00] [--demo]
  growthcard create-manager --db FILE --email E --password P [--name N]
  growthcard import-orders --db FILE orders.csv
  growthcard backup --db FILE --out COPY.db`

// parseConfig reads serve's flags and the environment.
func parseConfig(args []string) (Config, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	cfg := Config{}
	fs.StringVar(&cfg.Addr, "addr", ":8080", "listen address")
	fs.StringVar(&cfg.DB, "db", "growthcard.db", "SQLite database file")
	now := fs.String("now", "", "start the clock at this RFC 3339 instant")
	fs.BoolVar(&cfg.Demo, "demo", false, "fill an empty database with demo data")
	fs.BoolVar(&cfg.SecureCookies, "secure-cookies", os.Getenv("GROWTHCARD_SECURE_COOKIES") == "1", "mark cookies Secure (behind TLS)")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if *now != "" {
		t, err := time.Parse(time.RFC3339, *now)
		if err != nil {
			return cfg, fmt.Errorf("--now: %w", err)
		}
		cfg.Now = t
	}
	cfg.SessionKey = os.Getenv("GROWTHCARD_SESSION_KEY")
	cfg.WebhookSecret = os.Getenv("GROWTHCARD_WEBHOOK_SECRET")
	return cfg, nil
}

// randomHex returns n random bytes as hex.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// cookieStore derives the signing and encryption keys from the session key.
func cookieStore(key string) sessions.Store {
	hashKey := sha256.Sum256([]byte("growthcard-hash:" + key))
	blockKey := sha256.Sum256([]byte("growthcard-block:" + key))
	return sessions.NewCookieStore(hashKey[:], blockKey[:])
}

func serve(args []string, stdout, stderr io.Writer) error {
	cfg, err := parseConfig(args)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if cfg.SessionKey == "" {
		cfg.SessionKey = randomHex(32)
		fmt.Fprintln(stdout, "GROWTHCARD_SESSION_KEY is not set: generated one for this run (sessions end at restart):")
		fmt.Fprintln(stdout, "  export GROWTHCARD_SESSION_KEY="+cfg.SessionKey)
	}
	if cfg.WebhookSecret == "" {
		cfg.WebhookSecret = randomHex(24)
		fmt.Fprintln(stdout, "GROWTHCARD_WEBHOOK_SECRET is not set: generated one for this run:")
		fmt.Fprintln(stdout, "  export GROWTHCARD_WEBHOOK_SECRET="+cfg.WebhookSecret)
	}
	clock := models.NewClock(cfg.Now, time.Now)
	st, err := store.Open(cfg.DB, clock.Now)
	if err != nil {
		return err
	}
	defer st.Close()
	if n, err := st.AbandonImports(context.Background()); err != nil {
		return err
	} else if n > 0 {
		log.Warn("order imports cut short by a restart were marked failed", "jobs", n)
	}
	bundle, err := i18n.New()
	if err != nil {
		return err
	}
	assets, err := static.Load()
	if err != nil {
		return err
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	h := handlers.New(handlers.Deps{Store: st, Sessions: cookieStore(cfg.SessionKey), Now: clock.Now, Log: log,
		I18n: bundle, Asset: assets.URL, SecureCookies: cfg.SecureCookies, WebhookSecret: []byte(cfg.WebhookSecret)})
	if cfg.Demo {
		if err := demo(context.Background(), st, clock, stdout); err != nil {
			return err
		}
	}
	e := web.New(h, web.Options{Log: log, Static: assets, Registry: reg})
	srv := &http.Server{Addr: cfg.Addr, Handler: e, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 5 * time.Minute, WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	fmt.Fprintf(stdout, "growthcard is serving on http://%s (database %s, clock %s)\n",
		displayAddr(cfg.Addr), cfg.DB, clock.Now().In(models.Beijing).Format(time.RFC3339))
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
		fmt.Fprintln(stdout, "shutting down: finishing requests in flight…")
		sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "waiting for order imports in progress…")
		h.WaitImports()
	}
	return nil
}

// displayAddr turns ":8080" into "localhost:8080" for the printed URL.
func displayAddr(addr string) string {
	if len(addr) > 0 && addr[0] == ':' {
		return "localhost" + addr
	}
	return addr
}

func createManager(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("create-manager", flag.ContinueOnError)
	db := fs.String("db", "growthcard.db", "SQLite database file")
	email := fs.String("email", "", "manager e-mail")
	password := fs.String("password", "", "manager password (8+ characters)")
	name := fs.String("name", "运营", "display name")
	if err := fs.Parse(args); err != nil {
		return err
	}
	e := models.NormalizeEmail(*email)
	if msg := models.ValidateEmail(e); msg != "" {
		return errors.New(msg)
	}
	if msg := models.ValidatePassword(*password); msg != "" {
		return errors.New(msg)
	}
	st, err := store.Open(*db, time.Now)
	if err != nil {
		return err
	}
	defer st.Close()
	hash, err := handlers.HashPassword(*password)
	if err != nil {
		return err
	}
	a, err := st.UpsertManager(context.Background(), e, *name, hash)
	if err != nil {
		return err
	}
	if err := st.Audit(context.Background(), store.Actor{Email: "cli"}, "manager.create", "account", a.ID, nil,
		map[string]string{"email": a.Email}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "manager %s is ready (account %d)\n", a.Email, a.ID)
	return nil
}

// importOrders checks and applies an orders CSV exactly as the web import does:
// every bad row is printed and nothing is applied (exit status 1), or the file is
// applied in batches and the counts are printed.
func importOrders(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import-orders", flag.ContinueOnError)
	db := fs.String("db", "growthcard.db", "SQLite database file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: growthcard import-orders --db FILE orders.csv")
	}
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	stats, err := models.ScanOrdersCSV(f, nil, func(e models.RowError) { fmt.Fprintln(stdout, e) })
	if err != nil {
		return err
	}
	if !stats.Valid() {
		return fmt.Errorf("%s:共 %d 行,发现 %d 处问题(%d 行有误),没有导入任何数据",
			path, stats.Rows, stats.Problems, stats.BadRows)
	}
	st, err := store.Open(*db, time.Now)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	job, err := st.StartImport(ctx, store.Actor{Email: "cli"}, filepath.Base(path), stats.Rows)
	if err != nil {
		return err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "校验通过:%d 行,正在导入(任务 %d)…\n", stats.Rows, job.ID)
	job, err = st.RunImport(ctx, job.ID, f)
	if err != nil {
		return fmt.Errorf("导入中断(任务 %d,已处理 %d 行;重新导入同一文件是安全的):%w", job.ID, job.DoneRows, err)
	}
	fmt.Fprintf(stdout, "导入完成:共 %d 行,新增 %d 条订单事件,%d 条重复已忽略\n", job.TotalRows, job.Applied, job.Duplicates)
	return nil
}

// backup writes a consistent copy of the database while a server may keep running.
func backup(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	db := fs.String("db", "growthcard.db", "SQLite database file")
	out := fs.String("out", "", "file to write the copy to (must not exist)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("backup needs --out FILE")
	}
	st, err := store.Open(*db, time.Now)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(context.Background(), *out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup of %s written to %s\n", *db, *out)
	return nil
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strconv"
	"time"

	"growthcard/handlers"
	"growthcard/models"
	"growthcard/models/store"
)

// Demo log-ins. The manager's account is also the marker that the demo data exists.
const (
	demoPassword = "growthcard-demo"
	demoManager  = "manager@demo.growthcard"
	demoReviewer = "reviewer@demo.growthcard"
	demoDomain   = "@demo.growthcard"
)

// demo fills the database with a campaign in full swing at the clock's instant: two
// managers, 36 creators and merchants across every tier and enrolment state, videos
// within their quotas, baseline and campaign orders with cancellations, all points
// through the ledger. It replays the campaign day by day, moving the clock, so every
// record carries a plausible time; then it puts the clock back. It prints the log-ins.
// Running it again adds nothing.
func demo(ctx context.Context, st *store.Store, clock *models.Clock, out io.Writer) error {
	_, err := st.AccountByEmail(ctx, demoManager)
	switch {
	case err == nil:
		fmt.Fprintln(out, "demo data is already in this database.")
	case errors.Is(err, models.ErrNotFound):
		if err := buildDemo(ctx, st, clock); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	default:
		return err
	}
	printDemoLogins(out)
	return nil
}

func printDemoLogins(out io.Writer) {
	fmt.Fprintln(out, "demo log-ins (password "+demoPassword+" for every account):")
	fmt.Fprintln(out, "  manager:   "+demoManager+"  (also "+demoReviewer+")")
	fmt.Fprintln(out, "  approved:  lin_xia"+demoDomain+" (top seller), mama_kitchen"+demoDomain+" (newcomer), xiaolu_haowu"+demoDomain+" (veteran)")
	fmt.Fprintln(out, "  pending:   snack_king"+demoDomain+", yuchuan_da"+demoDomain)
	fmt.Fprintln(out, "  rejected:  fake_fans"+demoDomain+"   withdrawn: travel_mei"+demoDomain)
}

// demoBuilder replays the demo campaign.
type demoBuilder struct {
	ctx      context.Context
	st       *store.Store
	clock    *models.Clock
	camp     models.Campaign
	now      time.Time
	rng      *rand.Rand
	hash     string
	managers []store.Actor
	accounts map[string]*models.Account
	enrolled map[string]int64   // persona key → latest enrolment id
	videos   map[string][]int64 // persona key → video ids
	orders   int
	cancels  map[string][]models.OrderEvent // day → cancellations due that day
}

func buildDemo(ctx context.Context, st *store.Store, clock *models.Clock) error {
	start, wall := clock.Now(), time.Now()
	defer func() { clock.Set(start.Add(time.Since(wall))) }()
	camp, err := st.RunningCampaign(ctx)
	if err != nil {
		return err
	}
	hash, err := handlers.HashPassword(demoPassword)
	if err != nil {
		return err
	}
	b := &demoBuilder{ctx: ctx, st: st, clock: clock, camp: camp, now: start, hash: hash,
		rng: rand.New(rand.NewPCG(2025, 1122)), accounts: map[string]*models.Account{},
		enrolled: map[string]int64{}, videos: map[string][]int64{}, cancels: map[string][]models.OrderEvent{}}
	clock.Set(minTime(camp.StartsAt, start).Add(-2 * time.Hour))
	for _, m := range []struct{ email, name string }{{demoManager, "王磊(运营)"}, {demoReviewer, "刘芳(审核)"}} {
		a, err := st.UpsertManager(ctx, m.email, m.name, hash)
		if err != nil {
			return err
		}
		b.managers = append(b.managers, store.Actor{ID: a.ID, Email: a.Email, IP: "10.0.8.21"})
		if err := st.Audit(ctx, store.Actor{Email: "cli"}, "manager.create", "account", a.ID, nil,
			map[string]string{"email": a.Email}); err != nil {
			return err
		}
	}
	if err := b.baselineOrders(); err != nil {
		return err
	}
	end := minTime(start, camp.EndsAt.Add(-time.Nanosecond))
	days := []string{}
	if !start.Before(camp.StartsAt) {
		days = models.DayRange(camp.StartsAt, end)
	}
	if len(days) == 0 {
		return b.beforeCampaign()
	}
	for d, day := range days {
		if err := b.replayDay(d, day); err != nil {
			return fmt.Errorf("day %s: %w", day, err)
		}
	}
	return nil
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// demoAction is one thing that happens at a moment of the replayed campaign.
type demoAction struct {
	at  time.Time
	run func() error
}

// beforeCampaign signs everyone up and files the applications when the clock stands
// before the campaign: a queue waiting for its first day.
func (b *demoBuilder) beforeCampaign() error {
	for _, p := range demoPersonas {
		if err := b.signup(p); err != nil {
			return err
		}
		if p.plan != planNone {
			if err := b.enrol(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// replayDay plays campaign day d in time order, up to the clock's instant: sign-ups
// and applications in the morning, reviews, videos through the day, withdrawals in
// the evening and the day's settlements at night.
func (b *demoBuilder) replayDay(d int, day string) error {
	midnight, _ := models.ParseDay(day)
	var acts []demoAction
	add := func(hh, mm int, run func() error) {
		acts = append(acts, demoAction{midnight.Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute), run})
	}
	mgr := b.managers[d%len(b.managers)]
	add(8, 50, func() error { return b.st.Audit(b.ctx, mgr, "login.success", "account", mgr.ID, nil, nil) })
	if d == 5 {
		for k := range 3 {
			add(2, 13+k, func() error {
				return b.st.Audit(b.ctx, store.Actor{IP: "203.0.113.7"}, "login.failed", "account", 0, nil,
					map[string]string{"email": "admin@demo.growthcard"})
			})
		}
	}
	for i, p := range demoPersonas {
		b.story(d, i, p, mgr, add)
		if b.approvedOn(p, d) {
			b.scheduleVideos(day, i, p, add)
		}
	}
	add(23, 40, func() error { return b.dayOrders(day) })
	sort.SliceStable(acts, func(i, j int) bool { return acts[i].at.Before(acts[j].at) })
	for _, a := range acts {
		if a.at.After(b.now) {
			break
		}
		b.clock.Set(a.at)
		if err := a.run(); err != nil {
			return err
		}
	}
	return nil
}

// story schedules what happens to persona p (the i-th) on day d.
func (b *demoBuilder) story(d, i int, p persona, mgr store.Actor, add func(hh, mm int, run func() error)) {
	if d == p.join {
		add(9, i, func() error {
			if err := b.signup(p); err != nil {
				return err
			}
			if p.plan == planNone {
				return nil
			}
			return b.enrol(p)
		})
	}
	switch {
	case p.plan == planApproved && d == p.join+1, p.plan == planReapplied && d == p.join+3:
		add(10, i, func() error { return b.decide(mgr, p, store.Decision{Approve: true}) })
	case (p.plan == planRejected || p.plan == planReapplied) && d == p.join+1:
		add(10, i, func() error { return b.decide(mgr, p, store.Decision{Reason: p.reason, Note: p.note}) })
		if p.plan == planReapplied {
			add(11, i, func() error {
				return b.st.CorrectFans(b.ctx, mgr, b.accounts[p.key].ID, 15200, "与视频号后台核对后更正")
			})
		}
	case p.plan == planReapplied && d == p.join+2, p.plan == planCycles && (d == p.join+2 || d == p.join+5):
		add(9, i, func() error { return b.enrol(p) })
	}
	if p.plan == planWithdrawn && d == p.join+1 || p.plan == planCycles && (d == p.join || d == p.join+2) {
		add(20, i, func() error { return b.withdraw(p) })
	}
}

// approvedOn reports whether p's application stands approved by the end of day d.
func (b *demoBuilder) approvedOn(p persona, d int) bool {
	switch p.plan {
	case planApproved:
		return d >= p.join+1
	case planReapplied:
		return d >= p.join+3
	}
	return false
}

func (b *demoBuilder) actor(p persona) store.Actor {
	a := b.accounts[p.key]
	return store.Actor{ID: a.ID, Email: a.Email, IP: "36.112." + strconv.Itoa(len(p.key)) + "." + strconv.Itoa(int(a.ID))}
}

func (b *demoBuilder) signup(p persona) error {
	ch := p.channel
	if ch == "" {
		ch = p.key
	}
	role := models.RoleCreator
	if p.merchant {
		role = models.RoleMerchant
	}
	a := &models.Account{Email: p.key + demoDomain, PasswordHash: b.hash, DisplayName: p.name, Role: role,
		ChannelID: &ch, ChannelName: p.channelName, Fans: p.fans, SelfOperated: p.selfOperated,
		ShortVideoEnabled: !p.disabled}
	if err := b.st.CreateAccount(b.ctx, a); err != nil {
		return err
	}
	b.accounts[p.key] = a
	who := b.actor(p)
	if err := b.st.Audit(b.ctx, who, "account.signup", "account", a.ID, nil,
		map[string]any{"email": a.Email, "role": a.Role, "channel_id": ch, "fans": a.Fans}); err != nil {
		return err
	}
	return b.st.Audit(b.ctx, who, "login.success", "account", a.ID, nil, nil)
}

func (b *demoBuilder) enrol(p persona) error {
	e, err := b.st.Enroll(b.ctx, b.actor(p), b.accounts[p.key].ID, b.camp.ID)
	b.enrolled[p.key] = e.ID
	return err
}

func (b *demoBuilder) withdraw(p persona) error {
	return b.st.Withdraw(b.ctx, b.actor(p), b.accounts[p.key].ID, b.camp.ID)
}

func (b *demoBuilder) decide(mgr store.Actor, p persona, d store.Decision) error {
	return b.st.Decide(b.ctx, mgr, []int64{b.enrolled[p.key]}, d)
}

// scheduleVideos posts up to the persona's daily limit (sometimes fewer) through the
// day, each through the store's quota check.
func (b *demoBuilder) scheduleVideos(day string, i int, p persona, add func(hh, mm int, run func() error)) {
	limit := b.camp.Tiers.Limit(p.fans)
	if p.plan == planReapplied {
		limit = b.camp.Tiers.Limit(15200)
	}
	n := max(limit-b.rng.IntN(min(limit, 3)), 1)
	products := demoProducts[p.category]
	for k := range n {
		product := products[(i+k+len(day))%len(products)]
		title := fmt.Sprintf(demoTitles[(i+k)%len(demoTitles)], product)
		add(7+(k*14)/n, (i+k*7)%60, func() error {
			a := b.accounts[p.key]
			v := models.Video{AccountID: a.ID, CampaignID: b.camp.ID, Day: day, ProductName: product, Title: title,
				VideoURL: fmt.Sprintf("https://channels.weixin.qq.com/demo/%s/%s-%d", p.key, day, k+1)}
			err := b.st.RegisterVideo(b.ctx, &v, b.camp.Tiers.Limit(a.Fans))
			if errors.Is(err, models.ErrQuotaExhausted) {
				return nil
			}
			if err == nil {
				b.videos[p.key] = append(b.videos[p.key], v.ID)
			}
			return err
		})
	}
}

// baselineOrders settles the veterans' baseline GMV, an order every other day of the
// baseline period.
func (b *demoBuilder) baselineOrders() error {
	var events []models.OrderEvent
	days := int(b.camp.BaselineDays())
	for _, p := range demoPersonas {
		if p.baseline == 0 {
			continue
		}
		for k := 0; k+1 < days; k += 2 {
			at := b.camp.BaselineStart.AddDate(0, 0, k).Add(time.Duration(9+b.rng.IntN(12)) * time.Hour)
			fen := models.Fen(p.baseline * 2 * (60 + b.rng.Int64N(81))) // 0.6–1.4 × two days, in fen
			events = append(events, b.settle(p, at, fen, models.SourceShortVideo, ""))
		}
	}
	return b.ingest(events)
}

// dayOrders settles the day's orders of every channel (signed up or not: orders may
// come before the account) and the cancellations due, in one batch.
func (b *demoBuilder) dayOrders(day string) error {
	d, _ := models.ParseDay(day)
	events := b.cancels[day]
	delete(b.cancels, day)
	for _, p := range demoPersonas {
		if p.daily == 0 {
			continue
		}
		target := p.daily * (70 + b.rng.Int64N(61)) // fen: 0.7–1.3 × the daily yuan
		n := min(max((target+p.ticket*50)/(p.ticket*100), 1), 40)
		for range n {
			at := d.Add(8*time.Hour + time.Duration(b.rng.IntN(14*60))*time.Minute)
			fen := models.Fen(target / n * (80 + b.rng.Int64N(41)) / 100)
			source := models.SourceShortVideo
			switch r := b.rng.IntN(100); {
			case r < 8:
				source = models.SourceLive
			case r < 12:
				source = models.SourceOther
			}
			video := ""
			if vs := b.videos[p.key]; len(vs) > 0 && source == models.SourceShortVideo {
				video = "V" + strconv.FormatInt(vs[b.rng.IntN(len(vs))], 10)
			}
			e := b.settle(p, at, fen, source, video)
			events = append(events, e)
			if source == models.SourceShortVideo && b.rng.IntN(100) < 4 {
				due := models.Day(d.AddDate(0, 0, 1+b.rng.IntN(2)))
				c := e
				c.EventID, c.Status, c.Amount = e.OrderID+"-c", models.StatusCancelled, 0
				c.SettledAt = d.AddDate(0, 0, 1).Add(time.Duration(10+b.rng.IntN(8)) * time.Hour)
				b.cancels[due] = append(b.cancels[due], c)
			}
		}
	}
	return b.ingest(events)
}

// ingest feeds the demo's order events through the same path as the webhook.
func (b *demoBuilder) ingest(events []models.OrderEvent) error {
	res, err := b.st.IngestEvents(b.ctx, events, "demo")
	if err != nil {
		return err
	}
	for _, r := range res {
		if r.Status == store.IngestRejected {
			return fmt.Errorf("demo order event %s rejected: %s", r.EventID, r.Reason)
		}
	}
	return nil
}

// settle makes one settlement event with the next demo order number.
func (b *demoBuilder) settle(p persona, at time.Time, amount models.Fen, source, video string) models.OrderEvent {
	b.orders++
	ch := p.channel
	if ch == "" {
		ch = p.key
	}
	id := fmt.Sprintf("WX%s%06d", at.In(models.Beijing).Format("20060102"), b.orders)
	return models.OrderEvent{EventID: id + "-s", OrderID: id, ChannelID: ch, VideoID: video, Source: source,
		Amount: max(amount, 100), Status: models.StatusSettled, SettledAt: at.In(models.Beijing)}
}

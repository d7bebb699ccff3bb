package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/wessex-network/directory/internal/directory"
	"github.com/wessex-network/directory/internal/oruk"
	"github.com/wessex-network/directory/internal/seed"
	"github.com/wessex-network/directory/internal/server"
)

// serve runs the web server until ctx ends, then lets requests in flight
// finish and closes the database.
// Its log and the access log both go to logs.
func serve(ctx context.Context, args []string, log *slog.Logger, logs io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fl.String("addr", env("ADDR", "127.0.0.1:8080"), "address to listen on")
	store, seedDir := addStoreFlags(fl), datasetFlag(fl)
	schemaDir := schemasFlag(fl)
	baseURL := fl.String("base-url", env("BASE_URL", ""), "public address absolute links start with, such as https://directory.example.org (default: http:// and the listening address)")
	pprofAddr := fl.String("pprof-addr", env("PPROF_ADDR", ""), "serve Go's profiler (net/http/pprof) on this separate address, such as 127.0.0.1:6060; off when empty")
	privateFeeds := fl.Bool("allow-private-feeds", false, "let registered feeds be fetched from private and loopback addresses, such as a test feed on 127.0.0.1; never set it on a public server")
	secure := fl.Bool("secure-cookies", env("SECURE_COOKIES", "") == "true", "mark session cookies Secure (set when served over TLS; env SECURE_COOKIES=true)")
	smtpURL := fl.String("smtp-url", env("SMTP_URL", ""), "send mail through this SMTP server, as smtp://user:password@host:port?tls=none|starttls|tls; without it mail waits in the outbox at /staff/outbox")
	mailFrom := fl.String("mail-from", env("MAIL_FROM", ""), "the address mail comes from, such as \"Wessex directory <directory@example.org>\" (needed with -smtp-url)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	// A schemas folder that is not one stops the server before it opens the
	// database, rather than leaving it to check feeds against something else.
	schemas, err := openSchemas(*schemaDir)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if *schemaDir != "" {
		log.Info("checking imported feeds against the Open Referral UK schemas in a folder, not the built-in copy", "folder", *schemaDir)
	}

	// Mail that cannot be sent stops the server before it opens the
	// database, as a bad schemas folder does.
	mailCfg, err := mailConfig(*smtpURL, *mailFrom)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}

	start := time.Now()
	db, err := store.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	empty, err := db.Empty(ctx)
	if err != nil {
		return err
	}
	if empty {
		fsys, name := openDataset(*seedDir)
		ds, err := seed.Parse(fsys)
		if err != nil {
			return fmt.Errorf("read dataset %s: %w", name, err)
		}
		res, err := db.Load(ctx, ds)
		if err != nil {
			return fmt.Errorf("seed new database: %w", err)
		}
		if res.Total() == 0 {
			// Another server on the same PostgreSQL database saw it empty
			// too, and seeded it first; Load found every record there.
			log.Info("another server seeded the new database first; nothing to add", "store", store.String(), "from", name)
		} else {
			log.Info("seeded a new database", "store", store.String(), "from", name, "added", res.String())
		}
	} else if err := refillGazetteer(ctx, db, *seedDir, log); err != nil {
		return err
	}

	if db.Synthetic() {
		log.Warn("this database holds synthetic test data, not real services; every page says so", "store", store.String())
	}
	if n, err := db.CountActiveUsers(ctx); err != nil {
		return err
	} else if n == 0 {
		log.Warn("no staff account exists yet; create the first admin with: " +
			"directory user add -email you@example.org -name \"Your Name\" -role admin " + store.flag())
	}

	opts := []server.Option{server.WithSecureCookies(*secure), server.WithORUKSchemas(schemas), server.WithAccessLog(logs),
		server.WithFeedGuard(oruk.GuardOptions{AllowPrivate: *privateFeeds})}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	if *baseURL == "" {
		*baseURL = "http://" + ln.Addr().String()
	}
	if err := checkBaseURL(*baseURL); err != nil {
		ln.Close()
		return err
	}
	opts = append(opts, server.WithBaseURL(*baseURL))
	queue, err := startJobs(ctx, db, mailCfg, *baseURL, schemas, oruk.GuardOptions{AllowPrivate: *privateFeeds}, log)
	if err != nil {
		ln.Close()
		return err
	}
	defer stopJobs(queue, log)
	if mailCfg != nil {
		log.Info("sending mail", "smtp", mailCfg.String(), "from", mailCfg.From)
	} else {
		log.Warn("no SMTP_URL: no mail is sent; messages wait in the outbox, which admins read at /staff/outbox")
	}
	opts = append(opts, server.WithMailer(queue), server.WithJobs(queue))
	app := server.New(db, log, opts...)
	srv := &http.Server{
		Handler:           app,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("serving the directory", "url", "http://"+ln.Addr().String(), "base_url", *baseURL, "store", store.String(), "startup", time.Since(start).Round(time.Millisecond))
	if f, ok := logs.(interface{ Flush() error }); ok {
		f.Flush() // the start-up lines go out at once; request lines are gathered
	}

	if *pprofAddr != "" {
		stopProfiler, err := serveProfiler(*pprofAddr, log)
		if err != nil {
			return err
		}
		defer stopProfiler()
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := app.Close(); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	log.Info("stopped")
	return nil
}

// stopJobs stops the job queue, letting the jobs in hand finish for a while.
// A job cut short is tried again when a server next starts.
func stopJobs(q jobQueue, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := q.Stop(ctx); err != nil {
		log.Warn("stop the job queue", "error", err)
	}
}

// refillGazetteer loads the dataset's gazetteer into a database that has
// areas but no places: one made before the gazetteer existed, or one whose
// unchecked first gazetteer migration 00050 removed. Without it no search
// for a place would succeed. It loads nothing, and warns, when the gazetteer
// names an area the database lacks.
func refillGazetteer(ctx context.Context, db directory.Store, seedDir string, log *slog.Logger) error {
	has, err := db.HasPlaces(ctx)
	if err != nil || has {
		return err
	}
	fsys, name := openDataset(seedDir)
	ds, err := seed.Parse(fsys)
	if err != nil {
		return fmt.Errorf("read dataset %s: %w", name, err)
	}
	areas, err := db.Areas(ctx)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, a := range areas {
		known[a.Slug] = true
	}
	for _, p := range ds.Places {
		if p.Area != "" && !known[p.Area] {
			log.Warn("the database has no gazetteer, and the dataset's names an area it lacks, so searches for a place will find nothing",
				"from", name, "place", p.Name, "area", p.Area)
			return nil
		}
	}
	// The dataset's areas that the places name come too, so that the load
	// can check the places against them; every one is already stored, so
	// none is added or changed.
	var named []directory.Area
	for _, a := range ds.Areas {
		if known[a.Slug] {
			named = append(named, a)
		}
	}
	res, err := db.Load(ctx, &directory.Dataset{Areas: named, Places: ds.Places})
	if err != nil {
		return fmt.Errorf("load the gazetteer: %w", err)
	}
	log.Info("loaded the gazetteer into a database that had none", "from", name, "places", res.Places)
	return nil
}

// checkBaseURL refuses a public address that is not an absolute http or
// https address without a query, since every absolute link starts with it.
func checkBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("-base-url %q: give an absolute http or https address, such as https://directory.example.org", raw)
	}
	return nil
}

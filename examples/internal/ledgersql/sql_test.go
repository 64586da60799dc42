//go:build sqlite && postgres

package ledgersql_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/heft-dev/heft/examples/internal/ledgersql"
	"github.com/heft-dev/heft/reputation"
	"github.com/heft-dev/heft/reputation/reputationtest"
)

// TestMain lets reputationtest.Spawn re-execute this test binary as a
// child appending to the store a spec names.
func TestMain(m *testing.M) {
	if code, ok := reputationtest.Child(func(spec string) (reputation.Store, error) {
		return ledgersql.Open(context.Background(), spec)
	}); ok {
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// postgresDSN returns the test server's DSN. Without one the PostgreSQL
// tests skip on a developer's machine but fail in CI, where .ci/run starts
// a server with .ci/postgres.sh: a skipped suite must not pass for a
// tested one.
func postgresDSN(t testing.TB) string {
	dsn := os.Getenv("HEFT_TEST_POSTGRES_DSN")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("HEFT_TEST_POSTGRES_DSN is not set in CI: start PostgreSQL with eval \"$(.ci/postgres.sh)\"")
		}
		t.Skip("HEFT_TEST_POSTGRES_DSN is not set; to run: eval \"$(.ci/postgres.sh)\"")
	}
	return dsn
}

var tables atomic.Int64

// freshTable returns a table name no other test uses, and drops it when
// the test ends.
func freshTable(t testing.TB, dsn string) string {
	name := fmt.Sprintf("heft_test_%d_%d", os.Getpid(), tables.Add(1))
	t.Cleanup(func() {
		db, err := sql.Open("pgx", dsn)
		if err == nil {
			db.Exec("DROP TABLE IF EXISTS " + name)
			db.Close()
		}
	})
	return name
}

func open(t testing.TB, spec string) reputation.Store {
	t.Helper()
	s, err := ledgersql.Open(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// backends returns the spec of a fresh, empty store in each database.
func backends(t *testing.T) map[string]func(t testing.TB) string {
	return map[string]func(t testing.TB) string{
		"sqlite": func(t testing.TB) string {
			return "sqlite:" + filepath.Join(t.TempDir(), "ledger.db")
		},
		"postgres": func(t testing.TB) string {
			dsn := postgresDSN(t)
			return dsn + "#table=" + freshTable(t, dsn)
		},
	}
}

func TestStore(t *testing.T) {
	for name, spec := range backends(t) {
		t.Run(name, func(t *testing.T) {
			reputationtest.Run(t, func(t *testing.T) (reputation.Store, reputationtest.Reopen) {
				sp := spec(t)
				return open(t, sp), func(t *testing.T) reputation.Store { return open(t, sp) }
			})
		})
	}
}

// TestProcesses has four processes and goroutines in this one append to
// one database at once; every acknowledged event is there once, and
// balances equal a serial replay.
func TestProcesses(t *testing.T) {
	for name, spec := range backends(t) {
		t.Run(name, func(t *testing.T) {
			sp := spec(t)
			s := open(t, sp)
			defer s.Close()
			done := make(chan []string)
			go func() {
				var acks []string
				for i := range 60 {
					e := reputationtest.Event("local", i, 0)
					if _, err := s.Append(context.Background(), e); err != nil {
						t.Error(err)
						break
					}
					acks = append(acks, e.Note)
				}
				done <- acks
			}()
			acks := reputationtest.Spawn(t, sp, 4, 60)
			acks = append(acks, <-done...)
			reputationtest.CheckAcked(t, s, acks)
			reputationtest.CheckReplay(t, s)
		})
	}
}

// TestBadRows puts rows in the table that no Append would write: each
// read fails with a *RowError naming the row and the reason.
func TestBadRows(t *testing.T) {
	for name, spec := range backends(t) {
		t.Run(name, func(t *testing.T) {
			sp := spec(t)
			driver, dsn, table := "sqlite", "", reputation.DefaultTable
			if name == "postgres" {
				driver = "pgx"
				dsn, table, _ = cut(sp)
			} else {
				dsn = "file:" + sp[len("sqlite:"):]
			}
			s := open(t, sp)
			defer s.Close()
			ph := "?, ?, ?"
			if name == "postgres" {
				ph = "$1, $2, $3"
			}
			db, err := sql.Open(driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			tests := []struct {
				name, login, event string
				want               error
			}{
				{"unknown kind", "k", `{"time":"2026-03-01T09:00:00Z","subject":{"forge":"github","login":"k"},"kind":"fork"}`, reputation.ErrUnknownKind},
				{"not json", "j", `{"time":`, reputation.ErrMalformed},
				{"subject disagrees", "d", `{"time":"2026-03-01T09:00:00Z","subject":{"forge":"github","login":"other"},"kind":"vouch"}`, reputation.ErrMalformed},
				{"oversized", "o", `{"time":"2026-03-01T09:00:00Z","subject":{"forge":"github","login":"o"},"kind":"vouch","note":"` + strings.Repeat("x", 70000) + `"}`, reputation.ErrTooLarge},
				{"invalid event", "v", `{"time":"2026-03-01T09:00:00Z","subject":{"forge":"github","login":"v"},"kind":"closed","pr":"o/r#1"}`, reputation.ErrInvalidEvent},
			}
			for _, tc := range tests {
				if _, err := db.Exec("INSERT INTO "+table+" (forge, login, event) VALUES ("+ph+")", "github", tc.login, tc.event); err != nil {
					t.Fatal(err)
				}
				_, err := s.Events(context.Background(), reputation.Subject{Forge: "github", Login: tc.login})
				var re *reputation.RowError
				if !errors.Is(err, tc.want) || !errors.As(err, &re) || re.Seq <= 0 {
					t.Errorf("%s: Events: %v, want a *RowError wrapping %v", tc.name, err, tc.want)
				}
			}
		})
	}
}

func cut(spec string) (dsn, table string, ok bool) {
	for i := len(spec) - 1; i >= 0; i-- {
		if spec[i] == '#' {
			return spec[:i], spec[i+len("#table="):], true
		}
	}
	return spec, reputation.DefaultTable, false
}

func TestOpenRejects(t *testing.T) {
	ctx := context.Background()
	if _, err := ledgersql.Open(ctx, "sqlite:"); err == nil {
		t.Error("opened an SQLite store without a path")
	}
	if _, err := ledgersql.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "x.db")+"#table=Bad-Name"); !errors.Is(err, reputation.ErrInvalidConfig) {
		t.Errorf("bad table name: %v, want ErrInvalidConfig", err)
	}
	if _, err := reputation.NewSQLStore(ctx, nil, reputation.SQLOptions{Dialect: reputation.SQLite}); !errors.Is(err, reputation.ErrInvalidConfig) {
		t.Errorf("nil db: %v", err)
	}
	db, _ := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "y.db"))
	defer db.Close()
	if _, err := reputation.NewSQLStore(ctx, db, reputation.SQLOptions{Dialect: "oracle"}); !errors.Is(err, reputation.ErrInvalidConfig) {
		t.Errorf("unknown dialect: %v", err)
	}
}

func BenchmarkAppend(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) {
		s := open(b, "sqlite:"+filepath.Join(b.TempDir(), "ledger.db"))
		defer s.Close()
		reputationtest.BenchAppend(b, s)
	})
	b.Run("postgres", func(b *testing.B) {
		dsn := postgresDSN(b)
		s := open(b, dsn+"#table="+freshTable(b, dsn))
		defer s.Close()
		reputationtest.BenchAppend(b, s)
	})
}

func BenchmarkBalance(b *testing.B) {
	b.Run("sqlite/3000", func(b *testing.B) {
		s := open(b, "sqlite:"+filepath.Join(b.TempDir(), "ledger.db"))
		defer s.Close()
		reputationtest.BenchBalance(b, s, 3000)
	})
	b.Run("postgres/3000", func(b *testing.B) {
		dsn := postgresDSN(b)
		s := open(b, dsn+"#table="+freshTable(b, dsn))
		defer s.Close()
		reputationtest.BenchBalance(b, s, 3000)
	})
}

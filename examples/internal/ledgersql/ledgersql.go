// Package ledgersql opens a reputation ledger store from one string, the
// way the heft command and the bots take it from a flag: a PostgreSQL URL,
// an SQLite database, or a ledger file. It is where the database drivers
// live, so that the library itself imports none.
//
// The drivers are large (modernc.org/sqlite alone takes minutes to
// compile on a small machine) and scoring a pull request never needs
// them, so each is compiled in only with its build tag: -tags sqlite for
// modernc.org/sqlite, -tags postgres for pgx. Release binaries carry
// both. Without the tag, Open returns an error wrapping ErrNoDriver for
// that kind of spec; ledger files work in every build.
package ledgersql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/heft-dev/heft/reputation"
)

// ErrNoDriver is wrapped by Open's error for a database spec whose driver
// this program was built without.
var ErrNoDriver = errors.New("this program was built without the driver")

// drivers lists the database/sql drivers compiled in, by the files
// behind the sqlite and postgres build tags.
var drivers []string

// Drivers returns the database/sql drivers this program was built with:
// "pgx" (tag postgres) and "sqlite" (tag sqlite).
func Drivers() []string { return slices.Sorted(slices.Values(drivers)) }

func need(driver, tag, spec string) error {
	if slices.Contains(drivers, driver) {
		return nil
	}
	return fmt.Errorf("ledgersql: %s: %w %q: rebuild with -tags %s, or use heft-full (or githubbot) from a release archive, which have it", redact(spec), ErrNoDriver, driver, tag)
}

// redact drops a URL's password, for error messages.
func redact(spec string) string {
	if i, j := strings.Index(spec, "://"), strings.LastIndex(spec, "@"); i >= 0 && j > i {
		if k := strings.Index(spec[i+3:j], ":"); k >= 0 {
			return spec[:i+3+k] + ":xxxxx" + spec[j:]
		}
	}
	return spec
}

// SQLiteBusyTimeout is the busy timeout, in milliseconds, Open sets on
// SQLite databases so that writers from several processes wait for each
// other.
const SQLiteBusyTimeout = 30000

// Open opens the store spec names:
//
//   - "postgres://..." or "postgresql://...": an SQLStore in PostgreSQL
//     through pgx;
//   - "sqlite:PATH": an SQLStore in the SQLite database at PATH through
//     modernc.org/sqlite, in WAL mode with a busy timeout;
//   - anything else: a FileStore at that path.
//
// A database spec may end in "#table=NAME" to use a table other than
// reputation.DefaultTable. The store's Close also closes the database it
// opened.
func Open(ctx context.Context, spec string) (reputation.Store, error) {
	table := ""
	if i := strings.LastIndex(spec, "#table="); i >= 0 && !isFile(spec) {
		spec, table = spec[:i], spec[i+len("#table="):]
	}
	switch {
	case strings.HasPrefix(spec, "postgres://"), strings.HasPrefix(spec, "postgresql://"):
		if err := need("pgx", "postgres", spec); err != nil {
			return nil, err
		}
		db, err := sql.Open("pgx", spec)
		if err != nil {
			return nil, err
		}
		return newSQL(ctx, db, reputation.Postgres, table)
	case strings.HasPrefix(spec, "sqlite:"):
		path := strings.TrimPrefix(spec, "sqlite:")
		if path == "" {
			return nil, fmt.Errorf("ledgersql: %q names no SQLite file", spec)
		}
		if err := need("sqlite", "sqlite", spec); err != nil {
			return nil, err
		}
		db, err := sql.Open("sqlite", "file:"+path+fmt.Sprintf("?_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)&_txlock=immediate", SQLiteBusyTimeout))
		if err != nil {
			return nil, err
		}
		return newSQL(ctx, db, reputation.SQLite, table)
	default:
		return reputation.OpenFile(spec, nil)
	}
}

func isFile(spec string) bool {
	return !strings.HasPrefix(spec, "postgres://") && !strings.HasPrefix(spec, "postgresql://") && !strings.HasPrefix(spec, "sqlite:")
}

func newSQL(ctx context.Context, db *sql.DB, d reputation.Dialect, table string) (reputation.Store, error) {
	s, err := reputation.NewSQLStore(ctx, db, reputation.SQLOptions{Dialect: d, Table: table})
	if err != nil {
		db.Close()
		return nil, oneLine{err}
	}
	return &closer{SQLStore: s, db: db}, nil
}

// closer closes the database with the store.
type closer struct {
	*reputation.SQLStore
	db *sql.DB
}

func (c *closer) Close() error {
	c.SQLStore.Close()
	return c.db.Close()
}

// oneLine is an error whose message is err's on one line: pgx lists each
// address it tried to connect to on a line of its own, and a command
// reports a failed start-up in one line.
type oneLine struct{ err error }

func (e oneLine) Error() string {
	var b strings.Builder
	for part := range strings.Lines(e.err.Error()) {
		part = strings.TrimSpace(part)
		switch {
		case part == "":
			continue
		case b.Len() == 0:
		case strings.HasSuffix(b.String(), ":"):
			b.WriteByte(' ')
		default:
			b.WriteString("; ")
		}
		b.WriteString(part)
	}
	return b.String()
}

func (e oneLine) Unwrap() error { return e.err }

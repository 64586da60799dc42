// Package ledgersql opens a reputation ledger store from one string, the
// way the heft command and the bots take it from a flag: a PostgreSQL URL,
// an SQLite database, or a ledger file. It is where the database drivers
// live, so that the library itself imports none.
package ledgersql

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/heft-dev/heft/reputation"
	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

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
		return nil, err
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

package reputation

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync/atomic"

	"github.com/heft-dev/heft/internal/lazyre"
)

// Dialect is the SQL flavour an SQLStore speaks.
type Dialect string

// The dialects SQLStore supports.
const (
	// PostgreSQL, for example through github.com/jackc/pgx/v5/stdlib.
	Postgres Dialect = "postgres"
	// SQLite 3.35 or newer, for example through modernc.org/sqlite. Open
	// the database with a busy timeout (modernc: "?_pragma=busy_timeout(10000)")
	// so that writers from several processes wait for each other instead
	// of failing with SQLITE_BUSY.
	SQLite Dialect = "sqlite"
)

// DefaultTable is the table an SQLStore uses unless told otherwise.
const DefaultTable = "heft_ledger"

var tableRE = lazyre.New(`^[a-z_][a-z0-9_]{0,62}$`)

// SQLOptions configure an SQLStore.
type SQLOptions struct {
	// Dialect is required: Postgres or SQLite.
	Dialect Dialect `json:"dialect"`

	// Table is the table's name: lower-case letters, digits and
	// underscores. Default DefaultTable ("heft_ledger").
	Table string `json:"table,omitempty"`
}

// RowError is a stored row that cannot be read; it wraps the reason like
// LineError does.
type RowError struct {
	Table string
	Seq   int64
	Err   error
}

// Error returns "reputation: TABLE: seq N: reason".
func (e *RowError) Error() string {
	return fmt.Sprintf("reputation: %s: seq %d: %s", e.Table, e.Seq, inner(e.Err))
}

// Unwrap returns the reason.
func (e *RowError) Unwrap() error { return e.Err }

// SQLStore is a Store in a SQL database through database/sql, for bots
// that run as several replicas. It imports no driver: the caller opens
// the *sql.DB with the driver of its choice, so library users who do not
// use it compile no driver.
//
// Events live in one table: seq (assigned by the database), forge, login
// and the event as JSON. Append is one INSERT, acknowledged when the
// database commits it.
type SQLStore struct {
	db      *sql.DB
	dialect Dialect
	table   string
	insert  string
	query   string
	closed  atomic.Bool
}

// NewSQLStore returns a store over db, creating its table and index if
// they do not exist. Close does not close db.
func NewSQLStore(ctx context.Context, db *sql.DB, opts SQLOptions) (*SQLStore, error) {
	if db == nil {
		return nil, fmt.Errorf("%w: nil *sql.DB", ErrInvalidConfig)
	}
	table := opts.Table
	if table == "" {
		table = DefaultTable
	}
	if !tableRE.MatchString(table) {
		return nil, fmt.Errorf("%w: table name %q", ErrInvalidConfig, table)
	}
	s := &SQLStore{db: db, dialect: opts.Dialect, table: table}
	var schema []string
	switch opts.Dialect {
	case Postgres:
		schema = []string{
			// Several replicas may start at once; CREATE ... IF NOT EXISTS
			// races in PostgreSQL, so serialize them.
			`SELECT pg_advisory_xact_lock(7283921)`,
			`CREATE TABLE IF NOT EXISTS ` + table + ` (seq BIGSERIAL PRIMARY KEY, forge TEXT NOT NULL, login TEXT NOT NULL, event TEXT NOT NULL)`,
			`CREATE INDEX IF NOT EXISTS ` + table + `_subject ON ` + table + ` (forge, login, seq)`,
		}
		s.insert = `INSERT INTO ` + table + ` (forge, login, event) VALUES ($1, $2, $3) RETURNING seq`
		s.query = `SELECT seq, event FROM ` + table + ` WHERE forge = $1 AND login = $2 ORDER BY seq`
	case SQLite:
		schema = []string{
			`CREATE TABLE IF NOT EXISTS ` + table + ` (seq INTEGER PRIMARY KEY AUTOINCREMENT, forge TEXT NOT NULL, login TEXT NOT NULL, event TEXT NOT NULL)`,
			`CREATE INDEX IF NOT EXISTS ` + table + `_subject ON ` + table + ` (forge, login, seq)`,
		}
		s.insert = `INSERT INTO ` + table + ` (forge, login, event) VALUES (?, ?, ?) RETURNING seq`
		s.query = `SELECT seq, event FROM ` + table + ` WHERE forge = ? AND login = ? ORDER BY seq`
	default:
		return nil, fmt.Errorf("%w: unknown SQL dialect %q", ErrInvalidConfig, opts.Dialect)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("reputation: create %s: %w", table, err)
	}
	defer tx.Rollback()
	for _, q := range schema {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("reputation: create %s: %w", table, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("reputation: create %s: %w", table, err)
	}
	return s, nil
}

// Append implements Store.
func (s *SQLStore) Append(ctx context.Context, e Event) (Event, error) {
	if s.closed.Load() {
		return Event{}, ErrClosed
	}
	if err := e.Validate(); err != nil {
		return Event{}, err
	}
	e.Seq = 0
	data, err := json.Marshal(e)
	if err != nil {
		return Event{}, fmt.Errorf("%w: %v", ErrInvalidEvent, err)
	}
	var seq int64
	if err := s.db.QueryRowContext(ctx, s.insert, e.Subject.Forge, e.Subject.Login, string(data)).Scan(&seq); err != nil {
		return Event{}, s.wrap("append", err)
	}
	e.Seq = seq
	return e, nil
}

// Events implements Store. A row that does not decode fails the call
// with a *RowError.
func (s *SQLStore) Events(ctx context.Context, subj Subject) ([]Event, error) {
	if s.closed.Load() {
		return nil, ErrClosed
	}
	subj = subj.Normalize()
	rows, err := s.db.QueryContext(ctx, s.query, subj.Forge, subj.Login)
	if err != nil {
		return nil, s.wrap("query", err)
	}
	defer rows.Close()
	var evs []Event
	for rows.Next() {
		var (
			seq  int64
			data string
		)
		if err := rows.Scan(&seq, &data); err != nil {
			return nil, s.wrap("scan", err)
		}
		if len(data) > DefaultMaxLineBytes {
			return nil, &RowError{Table: s.table, Seq: seq, Err: fmt.Errorf("%w: event of %d bytes", ErrTooLarge, len(data))}
		}
		e, err := decodeEvent([]byte(data))
		if err == nil && (e.Seq != 0 || e.Subject != subj) {
			err = fmt.Errorf("%w: row disagrees with its columns", ErrMalformed)
		}
		if err != nil {
			return nil, &RowError{Table: s.table, Seq: seq, Err: err}
		}
		e.Seq = seq
		evs = append(evs, e)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("query", err)
	}
	return evs, nil
}

func (s *SQLStore) wrap(op string, err error) error {
	return fmt.Errorf("reputation: %s %s: %w", op, s.table, err)
}

// Close implements Store. It does not close the *sql.DB, which belongs
// to the caller.
func (s *SQLStore) Close() error {
	s.closed.Store(true)
	return nil
}

//go:build postgres

package ledgersql

import _ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"

func init() { drivers = append(drivers, "pgx") }

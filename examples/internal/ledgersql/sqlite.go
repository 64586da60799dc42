//go:build sqlite

package ledgersql

import _ "modernc.org/sqlite" // registers "sqlite"

func init() { drivers = append(drivers, "sqlite") }

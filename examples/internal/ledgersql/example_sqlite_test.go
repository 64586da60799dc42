//go:build sqlite

package ledgersql_test

import "path/filepath"

// Open an SQLite ledger the way heft ledger --ledger sqlite:PATH does,
// record a pull request and read the balance back.
func ExampleOpen_sqlite() {
	stakeAndShow(func(dir string) string { return "sqlite:" + filepath.Join(dir, "ledger.db") })
	// Output:
	// grant 30, held 8.50 for 1 open PR, 21.50 left to stake
}

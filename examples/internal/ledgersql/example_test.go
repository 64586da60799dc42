package ledgersql_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/heft-dev/heft/examples/internal/ledgersql"
	"github.com/heft-dev/heft/reputation"
)

// Open a ledger file, record a pull request and read the balance back; a
// sqlite:PATH or postgres:// spec opens a database the same way in a
// program built with -tags sqlite or postgres.
func ExampleOpen() {
	stakeAndShow(func(dir string) string { return filepath.Join(dir, "ledger.jsonl") })
	// Output:
	// grant 30, held 8.50 for 1 open PR, 21.50 left to stake
}

// stakeAndShow opens the ledger spec(dir) names in a temporary folder dir,
// records a pull request and prints the balance: the body of the
// examples, whatever the store.
func stakeAndShow(spec func(dir string) string) {
	dir, err := os.MkdirTemp("", "ledger")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	ctx := context.Background()
	store, err := ledgersql.Open(ctx, spec(dir))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer store.Close()
	ledger, err := reputation.New(store, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	ada := reputation.Subject{Forge: "github", Login: "ada"}
	opened := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	if _, err := ledger.Record(ctx, reputation.Event{Time: opened, Subject: ada, Kind: reputation.KindOpened, PR: "acme/api#7", Size: 100}); err != nil {
		fmt.Println(err)
		return
	}
	b, err := ledger.Balance(ctx, ada, opened.Add(time.Hour))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("grant %.0f, held %.2f for %d open PR, %.2f left to stake\n", b.Grant, b.Held, b.Open, b.Points)
}

package reputation_test

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/heft-dev/heft/reputation"
)

// The worked example of the package documentation: a newcomer's first
// month under the default rules.
func Example() {
	ctx := context.Background()
	ledger, _ := reputation.New(reputation.NewMemoryStore(), nil)
	ada := reputation.Subject{Forge: "github", Login: "ada"}
	day := func(d int) time.Time { return time.Date(2026, 5, 1+d, 12, 0, 0, 0, time.UTC) }

	for _, e := range []reputation.Event{
		{Time: day(0), Subject: ada, Kind: reputation.KindOpened, PR: "acme/app#101", Size: 120},
		{Time: day(2), Subject: ada, Kind: reputation.KindMerged, PR: "acme/app#101"},
		{Time: day(3), Subject: ada, Kind: reputation.KindOpened, PR: "acme/app#107", Size: 3200},
		{Time: day(9), Subject: ada, Kind: reputation.KindClosed, PR: "acme/app#107", Reason: reputation.ReasonSuperseded},
		{Time: day(9), Subject: ada, Kind: reputation.KindOpened, PR: "acme/app#112", Size: 400},
	} {
		if _, err := ledger.Record(ctx, e); err != nil {
			fmt.Println(err)
		}
	}
	x, _ := ledger.Explain(ctx, ada, day(30))
	for _, en := range x.Entries {
		fmt.Printf("%s %-13s %6.2f held %5.2f  %s\n", en.Event.Time.Format("Jan 2"), en.Event.PR, en.Effect, en.Held, en.Note)
	}
	b := x.Balance
	fmt.Printf("grant %.2f + settled %.2f − held %.2f = %.2f points\n", b.Grant, b.Settled, b.Held, b.Points)
	fmt.Printf("a 3,200-line PR would stake %.2f\n", ledger.Stake(3200))
	// Output:
	// May 1 acme/app#101    0.00 held  0.00  opened: 120 lines stake 9.31; replaced by the merge (event 2)
	// May 3 acme/app#101    1.80 held  0.00  merged: stake 9.31 returned, reward 2.00, decayed to 1.80
	// May 4 acme/app#107    0.00 held  0.00  opened: 3200 lines stake 48.08; replaced by the close (event 4)
	// May 10 acme/app#107   -4.44 held  0.00  closed as superseded: 90% of stake 48.08 returned, 4.81 lost, decayed to -4.44
	// May 10 acme/app#112    0.00 held 17.00  opened: 400 lines stake 17.00
	// grant 30.00 + settled -2.64 − held 17.00 = 10.36 points
	// a 3,200-line PR would stake 48.08
}

// Two projects federate: one signs an attestation of a contributor's
// record, the other, which trusts it at half weight, imports it.
func ExampleLedger_Import() {
	ctx := context.Background()
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	grace := reputation.Subject{Login: "grace"}

	// A deterministic key for the example; use ed25519.GenerateKey.
	seed := sha256.Sum256([]byte("example issuer key"))
	key := ed25519.NewKeyFromSeed(seed[:])

	upstream, _ := reputation.New(reputation.NewMemoryStore(), nil)
	for i := range 6 {
		pr := fmt.Sprintf("up/lib#%d", i)
		t := now.AddDate(0, 0, -10+i)
		upstream.Record(ctx, reputation.Event{Time: t, Subject: grace, Kind: reputation.KindOpened, PR: pr, Size: 200})
		upstream.Record(ctx, reputation.Event{Time: t.Add(time.Hour), Subject: grace, Kind: reputation.KindMerged, PR: pr})
	}
	signed, _ := upstream.Attest(ctx, grace, "github.com/up/lib", key, now, 30*24*time.Hour)

	downstream, _ := reputation.New(reputation.NewMemoryStore(), &reputation.Options{Trust: reputation.Trust{
		Issuers: []reputation.TrustedIssuer{{Name: "github.com/up/lib", PublicKey: key.Public().(ed25519.PublicKey), Weight: 0.5}},
	}})
	a, err := downstream.Import(ctx, signed, now)
	fmt.Println(a.Issuer, a.Merged, "merged", err)
	_, err = downstream.Import(ctx, signed, now)
	fmt.Println(err)
	b, _ := downstream.Balance(ctx, grace, now)
	fmt.Printf("grant %.2f + foreign %.2f = %.2f\n", b.Grant, b.Foreign, b.Points)
	// Output:
	// github.com/up/lib 6 merged <nil>
	// reputation: attestation from github.com/up/lib about github/grace: attestation already imported or superseded: imported as event 1
	// grant 30.00 + foreign 5.83 = 35.83
}

// A ledger file survives a crash in the middle of an append: the
// unfinished line is set aside and reported, and every acknowledged
// event is still there.
func ExampleOpenFile() {
	dir, _ := os.MkdirTemp("", "ledger")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "heft-ledger.jsonl")

	s, _ := reputation.OpenFile(path, nil)
	ledger, _ := reputation.New(s, nil)
	lin := reputation.Subject{Login: "lin"}
	t := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	ledger.Record(context.Background(), reputation.Event{Time: t, Subject: lin, Kind: reputation.KindOpened, PR: "acme/app#9", Size: 64})
	ledger.Record(context.Background(), reputation.Event{Time: t.Add(time.Hour), Subject: lin, Kind: reputation.KindMerged, PR: "acme/app#9"})
	s.Close()

	// A process dies halfway through writing a line.
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"v":1,"event":{"seq":3,"time":"2026-04-0`)
	f.Close()

	s, err := reputation.OpenFile(path, nil)
	fmt.Println("open:", err)
	for _, tt := range s.Torn() {
		fmt.Printf("torn tail: line %d, %d bytes, %s\n", tt.Line, tt.Bytes, tt.Reason)
	}
	ledger, _ = reputation.New(s, nil)
	b, _ := ledger.Balance(context.Background(), lin, t.Add(2*time.Hour))
	fmt.Printf("%d events, %d merged, %.2f points\n", b.Events, b.Merged, b.Points)
	s.Close()
	// Output:
	// open: <nil>
	// torn tail: line 3, 41 bytes, no newline
	// 2 events, 1 merged, 32.00 points
}

package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/heft-dev/heft/reputation"
)

// ReputationLedger records the bot's ledger events in a heft stake ledger
// (package reputation), so that opening a pull request stakes its
// author's standing and a merge returns it. Open the store with
// reputation.OpenFile (one machine) or reputation.NewSQLStore (replicas).
//
// Events keep the bot's IDs, so a redelivered webhook is recorded once.
// The bot cannot tell why a pull request was closed: it records every
// close as not planned (half the stake back). A maintainer who closes one
// as spam or as a duplicate says so with "heft ledger record" before the
// bot sees the close; the bot's close is then ignored, as the pull request
// is already closed.
type ReputationLedger struct {
	Ledger *reputation.Ledger

	// Forge is the forge the logins are on. Default "github".
	Forge string
}

// Record implements Ledger.
func (r *ReputationLedger) Record(ctx context.Context, e LedgerEvent) error {
	ev := reputation.Event{
		ID:      e.ID,
		Time:    e.Time,
		Subject: reputation.Subject{Forge: r.Forge, Login: e.Author},
		PR:      fmt.Sprintf("%s#%d", e.Repo, e.Number),
	}
	switch e.Kind {
	case LedgerOpened:
		ev.Kind, ev.Size = reputation.KindOpened, e.Reviewable
	case LedgerMerged:
		ev.Kind = reputation.KindMerged
	case LedgerClosed:
		ev.Kind, ev.Reason = reputation.KindClosed, reputation.ReasonNotPlanned
	default:
		return fmt.Errorf("reputation ledger: %s: unknown event kind %q", e.ID, e.Kind)
	}
	_, err := r.Ledger.Record(ctx, ev)
	if errors.Is(err, reputation.ErrDuplicate) {
		return nil // a redelivery: recorded before
	}
	return err
}

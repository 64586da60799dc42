// Package standard assembles heft's default scorers: it lists them, the
// way cmd/vet lists its analysis passes, and holds the combined Config a
// bot or the heft command loads from a JSON file.
//
// The default set is size, verbosity, disclosure, engagement, workaround,
// account (which is not applicable until a caller fills Author.Account),
// template (not applicable until a caller fills Contribution.Template)
// and hygiene (whose rules that would hold up an honest newcomer are off
// or shown without counting by default). The reputation scorer is not in it, because it needs a
// reputation ledger from outside: append it to DefaultScorers' slice and
// build the Set with heuristics.NewSet.
package standard

import (
	"fmt"
	"strings"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/account"
	"github.com/heft-dev/heft/heuristics/disclosure"
	"github.com/heft-dev/heft/heuristics/engagement"
	"github.com/heft-dev/heft/heuristics/hygiene"
	"github.com/heft-dev/heft/heuristics/size"
	"github.com/heft-dev/heft/heuristics/template"
	"github.com/heft-dev/heft/heuristics/verbosity"
	"github.com/heft-dev/heft/heuristics/workaround"
)

// Config configures the default set of scorers and its policy, as a bot
// or the heft command loads it from a JSON file. The zero value is the
// default configuration: every section's zero value is its scorer's
// defaults.
type Config struct {
	// Policy weighs the scorers and sets the verdict thresholds; each
	// other field configures the scorer of the same name.
	Policy     heuristics.Policy `json:"policy"`
	Size       size.Config       `json:"size"`
	Verbosity  verbosity.Config  `json:"verbosity"`
	Disclosure disclosure.Config `json:"disclosure"`
	Engagement engagement.Config `json:"engagement"`
	Workaround workaround.Config `json:"workaround"`
	Account    account.Config    `json:"account"`
	Template   template.Config   `json:"template"`
	Hygiene    hygiene.Config    `json:"hygiene"`
}

// ConfigError is what New and DefaultScorers return for a configuration
// they cannot use: Section is the Config key at fault ("policy", "size",
// ...), so a program can point at the right part of its configuration
// file.
type ConfigError struct {
	Section string
	Err     error
}

// Error names the configuration section and its error, once: a
// scorer's own error already begins with its name ("size: invalid
// configuration: ...").
func (e *ConfigError) Error() string {
	if msg := e.Err.Error(); strings.HasPrefix(msg, e.Section+": ") {
		return msg
	}
	return fmt.Sprintf("%s: %v", e.Section, e.Err)
}

// Unwrap returns the constructor's error, which wraps
// heuristics.ErrInvalidConfig or heuristics.ErrInvalidPolicy.
func (e *ConfigError) Unwrap() error { return e.Err }

// DefaultScorers returns heft's standard scorers configured by cfg, in
// the order a Report lists them. cfg.Policy is not used. A bad section is
// a *ConfigError naming it.
func DefaultScorers(cfg Config) ([]heuristics.Scorer, error) {
	var b builder
	add(&b, "size", size.New, cfg.Size)
	add(&b, "verbosity", verbosity.New, cfg.Verbosity)
	add(&b, "disclosure", disclosure.New, cfg.Disclosure)
	add(&b, "engagement", engagement.New, cfg.Engagement)
	add(&b, "workaround", workaround.New, cfg.Workaround)
	add(&b, "account", account.New, cfg.Account)
	add(&b, "template", template.New, cfg.Template)
	add(&b, "hygiene", hygiene.New, cfg.Hygiene)
	if b.err != nil {
		return nil, b.err
	}
	return b.scorers, nil
}

// builder collects the scorers DefaultScorers builds, stopping at the
// first configuration error.
type builder struct {
	scorers []heuristics.Scorer
	err     error
}

// add builds one scorer with its package's New from its section of the
// Config, named section, unless an earlier one failed.
func add[C any, S heuristics.Scorer](b *builder, section string, newScorer func(C) (S, error), cfg C) {
	if b.err != nil {
		return
	}
	s, err := newScorer(cfg)
	if err != nil {
		b.err = &ConfigError{Section: section, Err: err}
		return
	}
	b.scorers = append(b.scorers, s)
}

// New returns a Set of DefaultScorers under cfg.Policy. Scorers that need
// something from outside (a reputation ledger) are not in it; append them
// to DefaultScorers' slice and call heuristics.NewSet. A bad configuration
// is a *ConfigError naming its section.
func New(cfg Config) (*heuristics.Set, error) {
	scorers, err := DefaultScorers(cfg)
	if err != nil {
		return nil, err
	}
	set, err := heuristics.NewSet(cfg.Policy, scorers...)
	if err != nil {
		return nil, &ConfigError{Section: "policy", Err: err}
	}
	return set, nil
}

package main

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/heft-dev/heft/examples/internal/jsonconfig"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/standard"
)

// ConfigPath is where the bot reads a repository's configuration, on its
// default branch (never from the pull request's branch, which its author
// controls).
const ConfigPath = ".github/heft.json"

// maxConfig bounds the configuration file.
const maxConfig = 64 << 10

// RepoConfig is a repository's .github/heft.json. The zero value (and a
// missing file) is the default: every scorer of standard.New,
// the default policy, labels on (size and the review and flag verdicts;
// none for a pass), and no other action.
//
//	{
//	  "policy": {"weights": {"size": 0.5}, "review": 0.5, "flag": 0.8},
//	  "engagement": {"pending_days": 7, "close_days": 14},
//	  "scorers": ["size", "engagement"],
//	  "labels": {"verdict_prefix": "heft/", "pass": "heft/pass"},
//	  "actions": {"message": "...", "close_at": "flag"}
//	}
//
// The standard.Config keys (policy, size, engagement, and each scorer's
// own, such as a disclosure policy once that scorer is in the default
// set) sit at the top level.
type RepoConfig struct {
	standard.Config

	// Scorers names the scorers to run; empty means all of the default
	// set.
	Scorers []string `json:"scorers,omitempty"`

	// Labels configures the labels the bot applies.
	Labels LabelConfig `json:"labels"`

	// Actions configures what the bot does beyond its comment and
	// labels: a message, closing, locking. The zero value does none.
	Actions ActionConfig `json:"actions"`
}

// ActionConfig says what the bot does at a verdict, besides its comment.
// Every action is opt-in; none is taken on an exempt pull request
// (Policy.Exempt), and each is explained in the comment, which is posted
// before the pull request is closed or locked.
//
//	"actions": {
//	  "message": "Thanks for the pull request! Please read CONTRIBUTING.md ...",
//	  "message_at": "review",
//	  "close_at": "flag",
//	  "lock_at": "flag", "lock_reason": "spam"
//	}
type ActionConfig struct {
	// Message is Markdown added to the comment when the verdict reaches
	// MessageAt. Default none.
	Message string `json:"message,omitempty"`

	// MessageAt is the verdict, "review" or "flag", from which Message
	// is shown. Default "review".
	MessageAt string `json:"message_at,omitempty"`

	// CloseAt closes the pull request when the verdict reaches it:
	// "review" or "flag". Default never. A pull request someone reopened
	// is not closed again.
	CloseAt string `json:"close_at,omitempty"`

	// LockAt locks the conversation when the verdict reaches it:
	// "review" or "flag". Default never.
	LockAt string `json:"lock_at,omitempty"`

	// LockReason is GitHub's lock reason: "off-topic", "too heated",
	// "resolved" or "spam". Default none.
	LockReason string `json:"lock_reason,omitempty"`
}

// LockReasons are the lock reasons GitHub accepts.
var LockReasons = []string{"off-topic", "too heated", "resolved", "spam"}

// reaches reports whether v reaches the action level at (unknown: never).
func reaches(v, at heuristics.Verdict) bool {
	return at != heuristics.VerdictUnknown && v >= at
}

// level parses an action's verdict: "" is never (unknown).
func level(s string) heuristics.Verdict {
	switch s {
	case "review":
		return heuristics.VerdictReview
	case "flag":
		return heuristics.VerdictFlag
	}
	return heuristics.VerdictUnknown
}

func (a ActionConfig) messageAt() heuristics.Verdict {
	if a.MessageAt == "" {
		return heuristics.VerdictReview
	}
	return level(a.MessageAt)
}

func (a ActionConfig) validate() error {
	for _, f := range []struct{ key, v string }{
		{"actions.message_at", a.MessageAt}, {"actions.close_at", a.CloseAt}, {"actions.lock_at", a.LockAt},
	} {
		if f.v != "" && level(f.v) == heuristics.VerdictUnknown {
			return &ConfigError{Path: ConfigPath, Key: f.key, Err: fmt.Errorf("must be review or flag, not %q", f.v)}
		}
	}
	if a.LockReason != "" && !slices.Contains(LockReasons, a.LockReason) {
		return &ConfigError{Path: ConfigPath, Key: "actions.lock_reason",
			Err: fmt.Errorf("%q is not one of GitHub's lock reasons: %s", a.LockReason, strings.Join(LockReasons, ", "))}
	}
	return nil
}

// LabelConfig says which labels the bot applies. The zero value applies
// them all.
type LabelConfig struct {
	// Off turns labels off: the bot only comments.
	Off bool `json:"off,omitempty"`

	// VerdictPrefix starts the verdict labels, prefix+"review" and
	// prefix+"flag" (a pass gets none). Default "heft/".
	VerdictPrefix string `json:"verdict_prefix,omitempty"`

	// NoVerdict leaves out the verdict labels, keeping the scorers' own
	// (size/…, awaiting author).
	NoVerdict bool `json:"no_verdict,omitempty"`

	// Pass, Review and Flag name the label for each verdict. Default:
	// none for a pass, VerdictPrefix+"review" and VerdictPrefix+"flag".
	Pass   string `json:"pass,omitempty"`
	Review string `json:"review,omitempty"`
	Flag   string `json:"flag,omitempty"`
}

func (l LabelConfig) prefix() string {
	if l.VerdictPrefix == "" {
		return "heft/"
	}
	return l.VerdictPrefix
}

// verdictLabels returns the label for each verdict that has one.
func (l LabelConfig) verdictLabels() map[heuristics.Verdict]string {
	m := map[heuristics.Verdict]string{
		heuristics.VerdictReview: cmp.Or(l.Review, l.prefix()+"review"),
		heuristics.VerdictFlag:   cmp.Or(l.Flag, l.prefix()+"flag"),
	}
	if l.Pass != "" {
		m[heuristics.VerdictPass] = l.Pass
	}
	return m
}

// ConfigError is a configuration the bot cannot use; Key names the bad
// key ("policy.review"), when known.
type ConfigError struct {
	Path string // the file, ConfigPath
	Line int    // for syntax errors
	Key  string
	Err  error
}

func (e *ConfigError) Error() string {
	loc := e.Path
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, e.Line)
	}
	if e.Key != "" {
		return fmt.Sprintf("%s: %s: %v", loc, e.Key, e.Err)
	}
	return fmt.Sprintf("%s: %v", loc, e.Err)
}

// Unwrap returns the underlying error.
func (e *ConfigError) Unwrap() error { return e.Err }

// ParseConfig reads a RepoConfig and builds its Set, rejecting unknown
// keys, keys in the wrong case, duplicate keys, trailing data, wrong
// types, invalid values and unknown scorer names, each by the key's name
// (heft score --config decodes the same way, package jsonconfig).
func ParseConfig(data []byte) (RepoConfig, *heuristics.Set, error) {
	var cfg RepoConfig
	if len(data) > maxConfig {
		return cfg, nil, &ConfigError{Path: ConfigPath, Err: fmt.Errorf("over %d bytes", maxConfig)}
	}
	if err := jsonconfig.Decode(data, &cfg); err != nil {
		return cfg, nil, configError(err)
	}
	if err := cfg.Actions.validate(); err != nil {
		return cfg, nil, err
	}
	set, err := buildSet(cfg)
	return cfg, set, err
}

func buildSet(cfg RepoConfig) (*heuristics.Set, error) {
	if err := cfg.Policy.Validate(); err != nil {
		return nil, &ConfigError{Path: ConfigPath, Key: "policy", Err: err}
	}
	// The policy is applied last, so that a weight for a scorer left out
	// by "scorers" is reported under its own key.
	scorers, err := standard.DefaultScorers(cfg.Config)
	if err != nil {
		var ce *standard.ConfigError
		if errors.As(err, &ce) {
			return nil, &ConfigError{Path: ConfigPath, Key: ce.Section, Err: ce.Err}
		}
		return nil, &ConfigError{Path: ConfigPath, Err: err}
	}
	names := scorerNames(scorers)
	if len(cfg.Scorers) > 0 {
		var chosen []heuristics.Scorer
		for i, n := range cfg.Scorers {
			k := slices.Index(names, n)
			if k < 0 {
				return nil, &ConfigError{Path: ConfigPath, Key: fmt.Sprintf("scorers[%d]", i),
					Err: fmt.Errorf("unknown scorer %q (the default set has %s)", n, strings.Join(names, ", "))}
			}
			chosen = append(chosen, scorers[k])
		}
		scorers = chosen
	}
	for name := range cfg.Policy.Weights {
		if !slices.ContainsFunc(scorers, func(s heuristics.Scorer) bool { return s.Name() == name }) {
			return nil, &ConfigError{Path: ConfigPath, Key: "policy.weights." + name,
				Err: fmt.Errorf("names no scorer that runs (running: %s)", strings.Join(scorerNames(scorers), ", "))}
		}
	}
	set, err := heuristics.NewSet(cfg.Policy, scorers...)
	if err != nil {
		return nil, &ConfigError{Path: ConfigPath, Key: "scorers", Err: err}
	}
	return set, nil
}

func scorerNames(ss []heuristics.Scorer) []string {
	var names []string
	for _, s := range ss {
		names = append(names, s.Name())
	}
	return names
}

// configError turns a jsonconfig error into a ConfigError naming the
// file, the line and the key.
func configError(err error) error {
	var je *jsonconfig.Error
	if errors.As(err, &je) {
		return &ConfigError{Path: ConfigPath, Line: je.Line, Key: je.Key, Err: je.Err}
	}
	return &ConfigError{Path: ConfigPath, Err: err}
}

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

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
// the default policy, and labels on.
//
//	{
//	  "policy": {"weights": {"size": 0.5}, "review": 0.5, "flag": 0.8},
//	  "engagement": {"pending_days": 7, "close_days": 14},
//	  "scorers": ["size", "engagement"],
//	  "labels": {"verdict_prefix": "heft/"}
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
}

func (l LabelConfig) prefix() string {
	if l.VerdictPrefix == "" {
		return "heft/"
	}
	return l.VerdictPrefix
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
// keys, wrong types, invalid values and unknown scorer names, each by the
// key's name.
func ParseConfig(data []byte) (RepoConfig, *heuristics.Set, error) {
	var cfg RepoConfig
	if len(data) > maxConfig {
		return cfg, nil, &ConfigError{Path: ConfigPath, Err: fmt.Errorf("over %d bytes", maxConfig)}
	}
	if len(bytes.TrimSpace(data)) > 0 {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&cfg); err != nil {
			return cfg, nil, jsonError(data, err)
		}
		if dec.More() {
			return cfg, nil, &ConfigError{Path: ConfigPath, Err: errors.New("more than one JSON value")}
		}
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

// jsonError names the key or line of a JSON decoding error.
func jsonError(data []byte, err error) error {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &syn):
		line := 1 + bytes.Count(data[:min(int(syn.Offset), len(data))], []byte("\n"))
		return &ConfigError{Path: ConfigPath, Line: line, Err: err}
	case errors.As(err, &typ):
		// The embedded standard.Config shows in the path; its keys are
		// at the top level of the file.
		key := strings.TrimPrefix(typ.Field, "Config.")
		return &ConfigError{Path: ConfigPath, Key: key, Err: fmt.Errorf("want %s, got %s", typ.Type, typ.Value)}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		key := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &ConfigError{Path: ConfigPath, Key: key, Err: errors.New("unknown key")}
	}
	return &ConfigError{Path: ConfigPath, Err: err}
}

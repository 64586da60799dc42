package heuristics

import "fmt"

// Config configures the default set of scorers and its policy, as a bot
// or the heft command loads it from a JSON file. The zero value is the
// default configuration: every section's zero value is its scorer's
// defaults.
type Config struct {
	Policy     Policy           `json:"policy"`
	Size       SizeConfig       `json:"size"`
	Verbosity  VerbosityConfig  `json:"verbosity"`
	Disclosure DisclosurePolicy `json:"disclosure"`
	Engagement EngagementConfig `json:"engagement"`
	Workaround WorkaroundConfig `json:"workaround"`
}

// ConfigError is what NewDefaultSet returns for a configuration it cannot
// use: Section is the Config key at fault ("policy", "size", ...), so a
// program can point at the right part of its configuration file.
type ConfigError struct {
	Section string
	Err     error
}

func (e *ConfigError) Error() string { return fmt.Sprintf("%s: %v", e.Section, e.Err) }

// Unwrap returns the constructor's error, which wraps ErrInvalidConfig or
// ErrInvalidPolicy.
func (e *ConfigError) Unwrap() error { return e.Err }

// NewDefaultSet returns heft's standard scorers under cfg.Policy. Scorers
// that need something from outside (a reputation ledger) are not in it;
// build a Set with them added by NewSet. A bad configuration is a
// *ConfigError naming its section.
func NewDefaultSet(cfg Config) (*Set, error) {
	section := func(name string, err error) error { return &ConfigError{Section: name, Err: err} }
	size, err := NewSize(cfg.Size)
	if err != nil {
		return nil, section("size", err)
	}
	verb, err := NewVerbosity(cfg.Verbosity)
	if err != nil {
		return nil, section("verbosity", err)
	}
	disc, err := NewDisclosure(cfg.Disclosure)
	if err != nil {
		return nil, section("disclosure", err)
	}
	engagement, err := NewEngagement(cfg.Engagement)
	if err != nil {
		return nil, section("engagement", err)
	}
	workaround, err := NewWorkaround(cfg.Workaround)
	if err != nil {
		return nil, section("workaround", err)
	}
	set, err := NewSet(cfg.Policy,
		size,
		verb,
		disc,
		engagement,
		workaround,
	)
	if err != nil {
		return nil, section("policy", err)
	}
	return set, nil
}

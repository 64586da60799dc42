package heuristics

// Config configures the default set of scorers and its policy, as a bot
// or the heft command loads it from a JSON file. The zero value is the
// default configuration.
type Config struct {
	Policy     Policy           `json:"policy"`
	Size       SizeConfig       `json:"size"`
	Disclosure DisclosurePolicy `json:"disclosure"`
	Verbosity  VerbosityConfig  `json:"verbosity"`

	// Engagement configures the engagement scorer.
	Engagement EngagementConfig `json:"engagement"`

	// Workaround configures the workaround scorer.
	Workaround WorkaroundConfig `json:"workaround"`
}

// NewDefaultSet returns heft's standard scorers under cfg.Policy. Scorers
// that need something from outside (a reputation ledger) are not in it;
// build a Set with them added by NewSet.
func NewDefaultSet(cfg Config) (*Set, error) {
	size, err := NewSize(cfg.Size)
	if err != nil {
		return nil, err
	}
	disc, err := NewDisclosure(cfg.Disclosure)
	if err != nil {
		return nil, err
	}
	verb, err := NewVerbosity(cfg.Verbosity)
	if err != nil {
		return nil, err
	}
	engagement, err := NewEngagement(cfg.Engagement)
	if err != nil {
		return nil, err
	}
	workaround, err := NewWorkaround(cfg.Workaround)
	if err != nil {
		return nil, err
	}
	return NewSet(cfg.Policy,
		size,
		verb,
		disc,
		engagement,
		workaround,
	)
}

package template

// The rule IDs the template scorer emits; see the package documentation.
const (
	RuleUntouched      = "template-untouched"
	RuleMissingSection = "template-missing-section"
	RuleEmptySection   = "template-empty-section"
	RuleCheckboxes     = "template-checkboxes"
	RuleStrict         = "template-strict"
	RuleExtraSections  = "template-extra-sections"
	RulePlaceholder    = "template-placeholder"
)

package hygiene

import (
	_ "embed"
	"sync"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/scoring"
)

// The rule IDs the hygiene scorer emits; see the package documentation.
const (
	RuleBlockedPath        = "hygiene-blocked-path"
	RuleAllowedPath        = "hygiene-allowed-path"
	RuleExtension          = "hygiene-extension"
	RuleBaseBranch         = "hygiene-base-branch"
	RuleHeadBranch         = "hygiene-head-branch"
	RuleMaintainerEdits    = "hygiene-maintainer-edits"
	RuleConventionalTitle  = "hygiene-conventional-title"
	RuleConventionalCommit = "hygiene-conventional-commit"
	RuleCommitLength       = "hygiene-commit-length"
	RuleCommitAuthor       = "hygiene-commit-author"
	RuleFinalNewline       = "hygiene-final-newline"
	RuleComments           = "hygiene-comments"
	RuleEmoji              = "hygiene-emoji"
	RuleCodeReferences     = "hygiene-code-references"
	RuleLinkedIssue        = "hygiene-linked-issue"
	RuleBlockedIssue       = "hygiene-blocked-issue"
	RuleBlockedTerm        = "hygiene-blocked-term"
	RuleReactions          = "hygiene-reactions"
	RuleDescription        = "hygiene-description"
)

// rules is the one table of the hygiene scorer's rules, declared in
// rules.json; doc.go lists them and a test keeps the two in step.
var rules = scoring.Table[heuristics.Rule](rulesJSON)

//go:embed rules.json
var rulesJSON []byte

// Rules returns the rules the hygiene scorer's evidence cites.
func (s *Scorer) Rules() []heuristics.Rule { return rules.Clone() }

// defaultSeverity is the score a rule adds when it fires, however many
// findings it has. The tips a first-timer most often needs (a branch of
// their own, maintainer edits, a final newline) are shown with their
// advice but count 0 until a project raises them: with the account
// scorer's newcomer cap of 0.4, any count at all would send an honest
// first pull request from a fresh account to review.
var defaultSeverity = sync.OnceValue(func() map[string]float64 {
	return map[string]float64{
		RuleBlockedPath:        0.2,
		RuleAllowedPath:        0.5,
		RuleExtension:          0.5,
		RuleBaseBranch:         0.5,
		RuleHeadBranch:         0,
		RuleMaintainerEdits:    0,
		RuleConventionalTitle:  0.3,
		RuleConventionalCommit: 0.3,
		RuleCommitLength:       0.2,
		RuleCommitAuthor:       0.5,
		RuleFinalNewline:       0,
		RuleComments:           0.25,
		RuleEmoji:              0.2,
		RuleCodeReferences:     0.15,
		RuleLinkedIssue:        0.3,
		RuleBlockedIssue:       0.5,
		RuleBlockedTerm:        0.5,
		RuleReactions:          0.3,
		RuleDescription:        0.3,
	}
})

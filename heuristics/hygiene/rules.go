package hygiene

import (
	"slices"
	"sync"

	"github.com/heft-dev/heft/heuristics"
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

// rules is the one table of the hygiene scorer's rules; doc.go lists
// them and a test keeps the two in step.
var rules = []heuristics.Rule{
	{ID: RuleBlockedPath, Finds: "a changed file matching Config.BlockedPaths (by default LICENSE, COPYING, CODE_OF_CONDUCT and SECURITY files at the root).", FalsePositives: "a welcome fix to one of them, such as a licence year or a broken link."},
	{ID: RuleAllowedPath, Finds: "a changed file outside Config.AllowedPaths (off by default).", FalsePositives: "a change that rightly needs a file elsewhere, such as a test fixture."},
	{ID: RuleExtension, Finds: "a changed file whose extension is not in Config.AllowedExtensions or is in Config.BlockedExtensions (off by default).", FalsePositives: "a new kind of file the project has not listed yet."},
	{ID: RuleBaseBranch, Finds: "a base branch not in Config.AllowedBaseBranches or in Config.BlockedBaseBranches (off by default).", FalsePositives: "a backport a maintainer asked for."},
	{ID: RuleHeadBranch, Finds: "a head branch in Config.BlockedHeadBranches (by default main and master) or not in Config.AllowedHeadBranches.", FalsePositives: "many first-time contributors open their first pull request from their fork's main; it works, it is only awkward to update."},
	{ID: RuleMaintainerEdits, Finds: "a pull request that does not allow maintainers to push to its branch.", FalsePositives: "a pull request from an organisation's fork, where GitHub does not offer the setting."},
	{ID: RuleConventionalTitle, Finds: "a title that is not a Conventional Commits subject (off by default).", FalsePositives: "none in a project that asks for them."},
	{ID: RuleConventionalCommit, Finds: "a commit subject that is not a Conventional Commits subject, merge, fixup and squash commits aside (off by default).", FalsePositives: "commits that will be squashed under a conventional title."},
	{ID: RuleCommitLength, Finds: "a commit message longer than Config.MaxCommitMessage characters (off by default).", FalsePositives: "a careful message explaining a subtle change, as the Linux kernel and git ask for."},
	{ID: RuleCommitAuthor, Finds: "a commit whose author name or email is in Config.BlockedCommitAuthors.", FalsePositives: "a shared or reused name."},
	{ID: RuleFinalNewline, Finds: "a changed text file left without a newline at its end.", FalsePositives: "files that must not end with one (some fixtures and templates)."},
	{ID: RuleComments, Finds: "more added comment lines than Config.MaxAddedComments that are also more than Config.MaxCommentShare of the added lines.", FalsePositives: "a documentation pass, or a new file with thorough doc comments."},
	{ID: RuleEmoji, Finds: "more emoji in the title and description than Config.MaxEmoji.", FalsePositives: "a project whose culture uses gitmoji."},
	{ID: RuleCodeReferences, Finds: "more code references (paths, function and method calls) in the description's prose than Config.MaxCodeReferences.", FalsePositives: "a refactoring whose description rightly names what moved."},
	{ID: RuleLinkedIssue, Finds: "no linked or referenced issue, when Config.RequireLinkedIssue is set.", FalsePositives: "a typo fix that needs no issue."},
	{ID: RuleBlockedIssue, Finds: "a reference to an issue in Config.BlockedIssues, such as a bounty or a \"good first issue\" mass-targeted by bots.", FalsePositives: "a maintainer's own follow-up."},
	{ID: RuleBlockedTerm, Finds: "a term from Config.BlockedTerms in the visible description.", FalsePositives: "the term quoted in a different sense."},
	{ID: RuleReactions, Finds: "more negative reactions (thumbs down, confused) than Config.MaxNegativeReactions (off by default).", FalsePositives: "reactions to a controversial but welcome change."},
	{ID: RuleDescription, Finds: "an empty description, when Config.RequireDescription is set.", FalsePositives: "a change whose title says everything."},
}

// Rules returns the rules the hygiene scorer's evidence cites.
func (s *Scorer) Rules() []heuristics.Rule { return slices.Clone(rules) }

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

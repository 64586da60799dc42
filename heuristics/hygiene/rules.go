package hygiene

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

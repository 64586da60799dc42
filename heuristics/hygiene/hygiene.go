package hygiene

import (
	"context"
	_ "embed"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/scoring"
	"github.com/heft-dev/heft/internal/wording"
)

// Defaults of Config.
var (
	// DefaultBlockedPaths are the files a drive-by change has no business
	// editing: the licence, the code of conduct and the security policy
	// at the root. README.md is not among them, unlike anti-slop's
	// default: a fixed typo in it is a classic, welcome first pull
	// request.
	DefaultBlockedPaths = []string{"LICENSE*", "LICENCE*", "COPYING*", "CODE_OF_CONDUCT*", "SECURITY*"}

	// DefaultBlockedHeadBranches are the head branches a pull request
	// should not come from.
	DefaultBlockedHeadBranches = []string{"main", "master"}
)

// Default thresholds of Config.
const (
	DefaultMaxAddedComments  = 10
	DefaultMaxCommentShare   = 0.35
	DefaultMaxEmoji          = 5
	DefaultMaxCodeReferences = 15
)

// ConfigError is the error New returns for a configuration it cannot use.
// It wraps heuristics.ErrInvalidConfig and, for a bad pattern, the
// *PatternError.
type ConfigError struct {
	Field string // the JSON key at fault, such as "blocked_paths[2]"
	Msg   string // what is wrong with it
	Err   error  // the underlying error, if any
}

// Error names the invalid field and what is wrong with it.
func (e *ConfigError) Error() string {
	return fmt.Sprintf("hygiene: %v: %s: %s", heuristics.ErrInvalidConfig, e.Field, e.Msg)
}

// Unwrap returns heuristics.ErrInvalidConfig and the underlying error.
func (e *ConfigError) Unwrap() []error {
	if e.Err != nil {
		return []error{heuristics.ErrInvalidConfig, e.Err}
	}
	return []error{heuristics.ErrInvalidConfig}
}

// Config configures the hygiene scorer. The zero value uses the defaults
// given on each field; every rule is off, lenient or low-scored by
// default where anti-slop's default would hold up a newcomer's honest
// pull request. Disable switches off any rule by its ID and Severity
// raises or lowers one.
//
// Patterns (paths and branches) are globs: "*" within a path segment,
// "**" across segments, "?" one character, "{a,b}" alternatives, and a
// trailing "/" for everything under a directory; a pattern without "/"
// other than a trailing one matches at the root only ("**/README.md" for
// any depth). Paths match without regard to case, branches with.
type Config struct {
	// BlockedPaths are files a pull request should not change. Nil means
	// DefaultBlockedPaths; an empty list blocks none.
	BlockedPaths []string `json:"blocked_paths,omitempty"`

	// AllowedPaths, when set, are the only files a pull request may
	// change. Default: any.
	AllowedPaths []string `json:"allowed_paths,omitempty"`

	// AllowedExtensions, when set, are the only file extensions (".go" or
	// "go") a pull request may change; BlockedExtensions those it may
	// not. Files without an extension and dotfiles are never judged.
	AllowedExtensions []string `json:"allowed_extensions,omitempty"`
	BlockedExtensions []string `json:"blocked_extensions,omitempty"`

	// AllowedBaseBranches and BlockedBaseBranches judge the branch the
	// pull request targets. Default: any.
	AllowedBaseBranches []string `json:"allowed_base_branches,omitempty"`
	BlockedBaseBranches []string `json:"blocked_base_branches,omitempty"`

	// AllowedHeadBranches and BlockedHeadBranches judge the branch the
	// pull request comes from. BlockedHeadBranches nil means
	// DefaultBlockedHeadBranches (main, master); an empty list blocks
	// none.
	AllowedHeadBranches []string `json:"allowed_head_branches,omitempty"`
	BlockedHeadBranches []string `json:"blocked_head_branches,omitempty"`

	// ConventionalTitle and ConventionalCommits ask for Conventional
	// Commits subjects ("fix(parser): ..."); ConventionalTypes, when set,
	// are the only types allowed. Default off.
	ConventionalTitle   bool     `json:"conventional_title,omitempty"`
	ConventionalCommits bool     `json:"conventional_commits,omitempty"`
	ConventionalTypes   []string `json:"conventional_types,omitempty"`

	// MaxCommitMessage is the longest commit message, in characters.
	// Default 0: off.
	MaxCommitMessage int `json:"max_commit_message,omitempty"`

	// BlockedCommitAuthors are commit author names or emails (compared
	// without regard to case) whose commits are not accepted.
	BlockedCommitAuthors []string `json:"blocked_commit_authors,omitempty"`

	// MaxAddedComments and MaxCommentShare bound the added comment lines:
	// the rule fires when there are more than MaxAddedComments and they
	// are more than MaxCommentShare of the added lines in files whose
	// comment syntax is known. Defaults DefaultMaxAddedComments (10) and
	// DefaultMaxCommentShare (0.35); a share of 0 counts comments alone,
	// as anti-slop does.
	MaxAddedComments int      `json:"max_added_comments,omitempty"`
	MaxCommentShare  *float64 `json:"max_comment_share,omitempty"`

	// MaxEmoji is the number of emoji the title and description may hold.
	// Default DefaultMaxEmoji (5).
	MaxEmoji int `json:"max_emoji,omitempty"`

	// MaxCodeReferences is the number of code references (paths, calls)
	// the description's prose may hold. Default DefaultMaxCodeReferences
	// (15).
	MaxCodeReferences int `json:"max_code_references,omitempty"`

	// RequireLinkedIssue asks for a linked issue or an issue reference in
	// the title or description. Default off.
	RequireLinkedIssue bool `json:"require_linked_issue,omitempty"`

	// BlockedIssues are issue numbers a pull request should not refer to.
	BlockedIssues []int `json:"blocked_issues,omitempty"`

	// BlockedTerms are terms the visible description should not contain
	// (compared without regard to case).
	BlockedTerms []string `json:"blocked_terms,omitempty"`

	// MaxNegativeReactions is the number of thumbs-down and confused
	// reactions a pull request may have. Default 0: off.
	MaxNegativeReactions int `json:"max_negative_reactions,omitempty"`

	// RequireDescription asks for a non-empty description. Default off.
	RequireDescription bool `json:"require_description,omitempty"`

	// Severity sets the score a rule adds when it fires, by rule ID, each
	// in [0, 1]; 0 shows a rule's findings without counting them.
	Severity map[string]float64 `json:"severity,omitempty"`

	// Disable lists rule IDs to switch off.
	Disable []string `json:"disable,omitempty"`
}

// Scorer checks a contribution's hygiene: what it touches, where it comes
// from, how its title, commits and description are written. Its Name is
// "hygiene".
type Scorer struct {
	cfg                                    Config
	blocked, allowed                       []*glob
	allowedBase, blockedBase               []*glob
	allowedHead, blockedHead               []*glob
	allowedExt, blockedExt, types, authors []string
	commentShare                           float64
}

// New returns the hygiene scorer, or a *ConfigError naming the field it
// cannot use.
func New(cfg Config) (*Scorer, error) {
	bad := func(field, format string, args ...any) error {
		return &ConfigError{Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	share := float64(DefaultMaxCommentShare)
	if cfg.MaxCommentShare != nil {
		share = *cfg.MaxCommentShare
	}
	if field, msg := scoring.CheckLimits(
		scoring.NonNegative("max_commit_message", cfg.MaxCommitMessage),
		scoring.NonNegative("max_added_comments", cfg.MaxAddedComments),
		scoring.InRange("max_comment_share", share, 0, 1),
		scoring.NonNegative("max_emoji", cfg.MaxEmoji),
		scoring.NonNegative("max_code_references", cfg.MaxCodeReferences),
		scoring.NonNegative("max_negative_reactions", cfg.MaxNegativeReactions),
	); field != "" {
		return nil, &ConfigError{Field: field, Msg: msg}
	}
	if field, msg := scoring.CheckRuleSettings(rules.Common(rule.common), cfg.Severity, cfg.Disable); field != "" {
		return nil, &ConfigError{Field: field, Msg: msg}
	}
	for i, n := range cfg.BlockedIssues {
		if n <= 0 {
			return nil, bad(fmt.Sprintf("blocked_issues[%d]", i), "%d is not an issue number", n)
		}
	}
	s := &Scorer{cfg: cfg, commentShare: share}
	if cfg.BlockedPaths == nil {
		cfg.BlockedPaths = DefaultBlockedPaths
	}
	if cfg.BlockedHeadBranches == nil {
		cfg.BlockedHeadBranches = DefaultBlockedHeadBranches
	}
	if s.cfg.MaxAddedComments == 0 {
		s.cfg.MaxAddedComments = DefaultMaxAddedComments
	}
	if s.cfg.MaxEmoji == 0 {
		s.cfg.MaxEmoji = DefaultMaxEmoji
	}
	if s.cfg.MaxCodeReferences == 0 {
		s.cfg.MaxCodeReferences = DefaultMaxCodeReferences
	}
	var err error
	for _, g := range []struct {
		field    string
		patterns []string
		fold     bool
		out      *[]*glob
	}{
		{"blocked_paths", cfg.BlockedPaths, true, &s.blocked},
		{"allowed_paths", cfg.AllowedPaths, true, &s.allowed},
		{"allowed_base_branches", cfg.AllowedBaseBranches, false, &s.allowedBase},
		{"blocked_base_branches", cfg.BlockedBaseBranches, false, &s.blockedBase},
		{"allowed_head_branches", cfg.AllowedHeadBranches, false, &s.allowedHead},
		{"blocked_head_branches", cfg.BlockedHeadBranches, false, &s.blockedHead},
	} {
		if *g.out, err = globs(g.field, g.patterns, g.fold); err != nil {
			return nil, err
		}
	}
	for _, l := range []struct {
		field string
		in    []string
		out   *[]string
		norm  func(string) string
	}{
		{"allowed_extensions", cfg.AllowedExtensions, &s.allowedExt, dotted},
		{"blocked_extensions", cfg.BlockedExtensions, &s.blockedExt, dotted},
		{"conventional_types", cfg.ConventionalTypes, &s.types, strings.ToLower},
		{"blocked_commit_authors", cfg.BlockedCommitAuthors, &s.authors, strings.ToLower},
		{"blocked_terms", cfg.BlockedTerms, new([]string), strings.ToLower},
	} {
		for i, v := range l.in {
			v = strings.TrimSpace(v)
			if v == "" || v == "." {
				return nil, bad(fmt.Sprintf("%s[%d]", l.field, i), "empty")
			}
			*l.out = append(*l.out, l.norm(v))
		}
	}
	return s, nil
}

func dotted(e string) string {
	e = strings.ToLower(e)
	if !strings.HasPrefix(e, ".") {
		e = "." + e
	}
	return e
}

// Name returns "hygiene".
func (s *Scorer) Name() string { return "hygiene" }

// rule is one entry of rules.json: a rule and the score it adds when it
// fires, however many findings it has, unless Config.Severity sets
// another. The tips a first-timer most often needs (a branch of their
// own, maintainer edits, a final newline) are shown with their advice but
// have severity 0 until a project raises them: with the account scorer's
// newcomer cap of 0.4, any count at all would send an honest first pull
// request from a fresh account to review.
type rule struct {
	heuristics.Rule
	Severity float64 `json:"severity"`
}

func (r rule) common() heuristics.Rule { return r.Rule }

// rules is the one table of the hygiene scorer's rules, declared in
// rules.json; doc.go lists them and a test keeps the two in step.
var rules = scoring.Table[rule](rulesJSON)

//go:embed rules.json
var rulesJSON []byte

// Rules returns the rules the hygiene scorer's evidence cites.
func (s *Scorer) Rules() []heuristics.Rule { return rules.Common(rule.common) }

// finding is one thing a rule found.
// maxAdvice is how many points the advice makes before it counts the
// rest ("and 2 more").
const maxAdvice = 6

type finding struct {
	ev     heuristics.Evidence
	advice string
	// many is advice for several subjects, and subject what this
	// finding's advice is about, when advice has a %s for it: findings
	// with the same advice join their subjects in one phrase.
	many, subject string
}

// Score checks c. It returns ErrNotApplicable only for a contribution
// with nothing to check: no title, description, commits, diff or
// branches.
func (s *Scorer) Score(ctx context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
	if c.Title == "" && c.Body == "" && len(c.Commits) == 0 && c.Diff == nil && c.BaseBranch == "" && c.HeadBranch == "" &&
		c.MaintainerCanModify == nil && c.Reactions == nil {
		return heuristics.Result{}, heuristics.ErrNotApplicable
	}
	m := map[string]float64{}
	var found []finding
	for _, check := range []func(*heuristics.Contribution, map[string]float64) []finding{
		s.paths, s.branches, s.maintainerEdits, s.titleAndCommits, s.diffLines, s.description, s.reactions,
	} {
		if err := ctx.Err(); err != nil {
			return heuristics.Result{}, err
		}
		found = append(found, check(c, m)...)
	}
	found = slices.DeleteFunc(found, func(f finding) bool { return slices.Contains(s.cfg.Disable, f.ev.Rule) })
	return s.result(found, m), nil
}

func (s *Scorer) severity(id string) float64 {
	if v, ok := s.cfg.Severity[id]; ok {
		return v
	}
	for _, r := range rules() {
		if r.ID == id {
			return r.Severity
		}
	}
	return 0
}

var summaries = sync.OnceValue(func() map[string]string {
	return map[string]string{
		RuleBlockedPath:        "files the project keeps to its maintainers",
		RuleAllowedPath:        "files outside the allowed paths",
		RuleExtension:          "files of a kind the project does not take",
		RuleBaseBranch:         "a target branch the project does not take pull requests to",
		RuleHeadBranch:         "the branch it comes from",
		RuleMaintainerEdits:    "no edits by maintainers allowed",
		RuleConventionalTitle:  "a title that is not a Conventional Commits subject",
		RuleConventionalCommit: "commit subjects that are not Conventional Commits",
		RuleCommitLength:       "very long commit messages",
		RuleCommitAuthor:       "commits by a blocked author",
		RuleFinalNewline:       "files without a final newline",
		RuleComments:           "many added comments",
		RuleEmoji:              "many emoji",
		RuleCodeReferences:     "a description dense with code references",
		RuleLinkedIssue:        "no linked issue",
		RuleBlockedIssue:       "a reference to an issue the project has closed to pull requests",
		RuleBlockedTerm:        "blocked terms in the description",
		RuleReactions:          "negative reactions",
		RuleDescription:        "an empty description",
	}
})

// symlinkMode is git's mode of a symbolic link, whose "content" is its
// target, never newline-terminated.
const symlinkMode = "120000"

func (s *Scorer) result(found []finding, m map[string]float64) heuristics.Result {
	res := heuristics.Result{Scorer: s.Name(), Metrics: m}
	if len(found) == 0 {
		res.Summary = "No points to check."
		return res
	}
	// Most concerning rules first, in the order they were found.
	slices.SortStableFunc(found, func(a, b finding) int {
		sa, sb := s.severity(a.ev.Rule), s.severity(b.ev.Rule)
		switch {
		case sa > sb:
			return -1
		case sa < sb:
			return 1
		}
		return 0
	})
	keep := 1.0
	var what []string
	var advice wording.Points
	seen := map[string]bool{}
	for _, f := range found {
		res.Evidence = append(res.Evidence, f.ev)
		if !seen[f.ev.Rule] {
			seen[f.ev.Rule] = true
			keep *= 1 - s.severity(f.ev.Rule)
			what = append(what, summaries()[f.ev.Rule])
		}
		advice.Add(f.advice, f.many, f.subject)
	}
	res.Score = math.Round((1-keep)*1000) / 1000
	res.Summary = "Points to check: " + strings.Join(what, "; ") + "."
	res.Advice = "This project asks a few things of every pull request. Please " + advice.Join(maxAdvice) + "."
	return res
}

// paths checks every changed file against the path and extension rules.
func (s *Scorer) paths(c *heuristics.Contribution, m map[string]float64) []finding {
	if c.Diff == nil {
		return nil
	}
	var out []finding
	for _, f := range c.Diff.Files {
		if f == nil {
			continue
		}
		names := []string{f.Path()}
		if f.OldPath != "" && f.OldPath != f.Path() {
			names = append(names, f.OldPath)
		}
		for _, p := range names {
			if g := firstMatch(s.blocked, p); g != nil {
				out = append(out, finding{
					ev: heuristics.Evidence{Rule: RuleBlockedPath, Field: heuristics.FieldDiff, Path: p, Subject: g.pattern,
						Message: fmt.Sprintf("%s is a file this project keeps to its maintainers (it matches %s).", p, wording.Quote(g.pattern))},
					advice: "leave %s out of this pull request, or open an issue about it first", many: "leave %s out of this pull request, or open an issue about them first", subject: p,
				})
				break
			}
		}
		p := f.Path()
		if len(s.allowed) > 0 && firstMatch(s.allowed, p) == nil {
			out = append(out, finding{
				ev: heuristics.Evidence{Rule: RuleAllowedPath, Field: heuristics.FieldDiff, Path: p,
					Message: fmt.Sprintf("%s is outside the paths this project takes pull requests for.", p)},
				advice: "keep the change to the paths the contributing guide names",
			})
		}
		if e := ext(p); e != "" && ((len(s.allowedExt) > 0 && !slices.Contains(s.allowedExt, e)) || slices.Contains(s.blockedExt, e)) {
			out = append(out, finding{
				ev: heuristics.Evidence{Rule: RuleExtension, Field: heuristics.FieldDiff, Path: p, Subject: e,
					Message: fmt.Sprintf("%s is a %s file, a kind this project does not take in pull requests.", p, e)},
				advice: "leave the %s files out", many: "leave the %s files out", subject: e,
			})
		}
	}
	return out
}

// branches checks the base and head branches.
func (s *Scorer) branches(c *heuristics.Contribution, m map[string]float64) []finding {
	var out []finding
	if b := c.BaseBranch; b != "" {
		if len(s.allowedBase) > 0 && firstMatch(s.allowedBase, b) == nil || firstMatch(s.blockedBase, b) != nil {
			out = append(out, finding{
				ev: heuristics.Evidence{Rule: RuleBaseBranch, Field: heuristics.FieldBranch, Snippet: b,
					Message: fmt.Sprintf("The pull request targets %s, a branch this project does not take pull requests to.", b)},
				advice: "retarget the pull request to the development branch the contributing guide names",
			})
		}
	}
	if h := c.HeadBranch; h != "" {
		if g := firstMatch(s.blockedHead, h); g != nil || len(s.allowedHead) > 0 && firstMatch(s.allowedHead, h) == nil {
			msg := fmt.Sprintf("The pull request comes from the branch %s, not from a branch of its own.", h)
			if g == nil {
				msg = fmt.Sprintf("The pull request comes from the branch %s, which does not match the branch names this project asks for.", h)
			}
			out = append(out, finding{
				ev:     heuristics.Evidence{Rule: RuleHeadBranch, Field: heuristics.FieldBranch, Snippet: h, Message: msg},
				advice: "make a branch for each change next time (git switch -c fix-something), so your " + h + " stays in step with upstream",
			})
		}
	}
	return out
}

func (s *Scorer) maintainerEdits(c *heuristics.Contribution, m map[string]float64) []finding {
	if c.MaintainerCanModify == nil || *c.MaintainerCanModify {
		return nil
	}
	return []finding{{
		ev: heuristics.Evidence{Rule: RuleMaintainerEdits, Field: heuristics.FieldMetadata,
			Message: "The pull request does not allow edits by maintainers, so they cannot push a small fix to it themselves."},
		advice: `tick "Allow edits by maintainers" on the pull request`,
	}}
}

// titleAndCommits checks the title's and the commits' form.
func (s *Scorer) titleAndCommits(c *heuristics.Contribution, m map[string]float64) []finding {
	var out []finding
	typeOK := func(t string) bool { return len(s.types) == 0 || slices.Contains(s.types, t) }
	if s.cfg.ConventionalTitle && c.Title != "" {
		if t, ok := conventional(c.Title); !ok || !typeOK(t) {
			out = append(out, finding{
				ev: heuristics.Evidence{Rule: RuleConventionalTitle, Field: heuristics.FieldTitle, Snippet: wording.Snippet(c.Title, 120),
					Message: "The title is not in the Conventional Commits form this project uses" + s.typesNote(t, ok) + "."},
				advice: `write the title as "type(scope): summary", for example "fix(parser): handle empty input"`,
			})
		}
	}
	for i, cm := range c.Commits {
		id := cm.SHA
		if id == "" {
			id = fmt.Sprint(i)
		}
		subject, _, _ := strings.Cut(strings.TrimSpace(cm.Message), "\n")
		subject = strings.TrimSpace(subject)
		if s.cfg.ConventionalCommits && subject != "" && !exemptSubject(subject) {
			if t, ok := conventional(subject); !ok || !typeOK(t) {
				out = append(out, finding{
					ev: heuristics.Evidence{Rule: RuleConventionalCommit, Field: heuristics.FieldCommit, Commit: id, Snippet: wording.Snippet(subject, 120),
						Message: "This commit's subject is not in the Conventional Commits form this project uses" + s.typesNote(t, ok) + "."},
					advice: `reword the commit subjects as "type(scope): summary" (git rebase -i, then reword)`,
				})
			}
		}
		n := utf8.RuneCountInString(strings.TrimSpace(cm.Message))
		if s.cfg.MaxCommitMessage > 0 && n > s.cfg.MaxCommitMessage {
			out = append(out, finding{
				ev: heuristics.Evidence{Rule: RuleCommitLength, Field: heuristics.FieldCommit, Commit: id, Snippet: wording.Snippet(subject, 120),
					Message: fmt.Sprintf("This commit's message is %s long; this project keeps them under %s.", wording.Plural(n, "character"), wording.Commas(s.cfg.MaxCommitMessage))},
				advice: "shorten the commit messages to what a reader of git log needs",
			})
		}
		for _, who := range []string{cm.AuthorName, cm.AuthorEmail} {
			if who != "" && slices.Contains(s.authors, strings.ToLower(who)) {
				out = append(out, finding{
					ev: heuristics.Evidence{Rule: RuleCommitAuthor, Field: heuristics.FieldCommit, Commit: id, Snippet: who,
						Message: fmt.Sprintf("This commit's author, %s, is on this project's list of blocked commit authors.", who)},
					advice: "author the commits yourself",
				})
				break
			}
		}
	}
	return out
}

func (s *Scorer) typesNote(t string, ok bool) string {
	if ok && len(s.types) > 0 {
		return fmt.Sprintf(" (type %s is not one of %s)", wording.Quote(t), strings.Join(s.types, ", "))
	}
	return ""
}

// exemptSubject reports a subject that conventional-commit checks skip:
// merges, GitHub's squash titles ending "(#123)", fixups and squashes,
// reverts.
func exemptSubject(s string) bool {
	if strings.HasPrefix(s, "Merge ") || strings.HasPrefix(s, "fixup! ") || strings.HasPrefix(s, "squash! ") ||
		strings.HasPrefix(s, "amend! ") || strings.HasPrefix(s, `Revert "`) {
		return true
	}
	if i := strings.LastIndex(s, "(#"); i >= 0 && strings.HasSuffix(s, ")") {
		return strings.Trim(s[i+2:len(s)-1], "0123456789") == "" && len(s)-1 > i+2
	}
	return false
}

// diffLines reads the added lines: final newlines and comments.
func (s *Scorer) diffLines(c *heuristics.Contribution, m map[string]float64) []finding {
	if c.Diff == nil {
		return nil
	}
	var out []finding
	type fileComments struct {
		path    string
		n, line int
		first   string
	}
	var per []fileComments
	comments, added := 0, 0
	for _, f := range c.Diff.Files {
		if f == nil || f.Op == diffstat.OpDeleted || f.Binary || !f.Reviewable() || f.Added == 0 {
			continue
		}
		hunks, err := f.Hunks()
		if err != nil {
			continue // no hunks kept, or a hunk go-diff cannot read: nothing to say
		}
		prefixes := commentSyntax(f.Path())
		fc := fileComments{path: f.Path()}
		for _, h := range hunks {
			for _, l := range h.Lines {
				if l.Op != diffstat.LineAdded {
					continue
				}
				if l.NoNewline && f.NewMode != symlinkMode {
					out = append(out, finding{
						ev: heuristics.Evidence{Rule: RuleFinalNewline, Field: heuristics.FieldDiff, Path: f.Path(), Line: l.New, Side: heuristics.SideNew, Snippet: wording.Snippet(l.Text, 80),
							Message: fmt.Sprintf("%s does not end with a newline.", f.Path())},
						advice: "end each file with a newline (most editors have a setting for it)",
					})
				}
				if prefixes == nil || strings.TrimSpace(l.Text) == "" {
					continue
				}
				added++
				if isComment(l.Text, prefixes) {
					comments++
					if fc.n == 0 {
						fc.line, fc.first = l.New, l.Text
					}
					fc.n++
				}
			}
		}
		if fc.n > 0 {
			per = append(per, fc)
		}
	}
	m["added_comments"] = float64(comments)
	if added > 0 {
		m["comment_share"] = math.Round(1000*float64(comments)/float64(added)) / 1000
	}
	if comments > s.cfg.MaxAddedComments && float64(comments) > s.commentShare*float64(added) {
		slices.SortStableFunc(per, func(a, b fileComments) int { return b.n - a.n })
		for i, fc := range per {
			if i == 3 {
				break
			}
			out = append(out, finding{
				ev: heuristics.Evidence{Rule: RuleComments, Field: heuristics.FieldDiff, Path: fc.path, Line: fc.line, Side: heuristics.SideNew, Snippet: wording.Snippet(fc.first, 80),
					Message: fmt.Sprintf("%s adds %s; in all, %s of the %s added code lines are comments (more than %s and %.0f%% of them).",
						fc.path, wording.Plural(fc.n, "comment line"), wording.Commas(comments), wording.Commas(added), wording.Plural(s.cfg.MaxAddedComments, "line"), 100*s.commentShare)},
				advice: "keep the comments that say why, and drop those that repeat what the code says",
			})
		}
	}
	return out
}

// description checks the title and description's text.
func (s *Scorer) description(c *heuristics.Contribution, m map[string]float64) []finding {
	var out []finding
	if s.cfg.RequireDescription && strings.TrimSpace(c.Body) == "" && (c.Title != "" || c.Diff != nil) {
		out = append(out, finding{
			ev:     heuristics.Evidence{Rule: RuleDescription, Field: heuristics.FieldBody, Message: "The pull request has no description."},
			advice: "say in the description what the change does and why",
		})
	}
	visible := prose(c.Body)

	// Emoji, in the title and the visible description.
	type hit struct {
		field heuristics.Field
		line  int
		what  []string
	}
	var hits []hit
	count := 0
	if e := emoji(c.Title); len(e) > 0 {
		hits = append(hits, hit{heuristics.FieldTitle, 0, e})
		count += len(e)
	}
	for _, l := range visible {
		if e := emoji(l.text); len(e) > 0 {
			hits = append(hits, hit{heuristics.FieldBody, l.n, e})
			count += len(e)
		}
	}
	m["emoji"] = float64(count)
	if count > s.cfg.MaxEmoji {
		var where, lines, shown []string
		for _, h := range hits {
			if h.field == heuristics.FieldTitle {
				where = append(where, "in the title")
			} else {
				lines = append(lines, fmt.Sprint(h.line))
			}
			shown = append(shown, h.what...)
		}
		switch len(lines) {
		case 0:
		case 1:
			where = append(where, "on line "+lines[0])
		default:
			where = append(where, "on lines "+wording.ListMax(lines, 10))
		}
		first := hits[0]
		out = append(out, finding{
			ev: heuristics.Evidence{Rule: RuleEmoji, Field: first.field, Line: first.line, Snippet: wording.Snippet(strings.Join(shown, " "), 80),
				Message: fmt.Sprintf("The title and description hold %d emoji, more than %d: %s.", count, s.cfg.MaxEmoji, wording.List(where))},
			advice: "write the description in plain words, with fewer emoji",
		})
	}

	// Code references in the prose.
	refs := 0
	var firstRef numbered
	for _, l := range visible {
		found := codeRefs(l.text)
		if len(found) > 0 && refs == 0 {
			firstRef = numbered{l.n, found[0]}
		}
		refs += len(found)
	}
	m["code_references"] = float64(refs)
	if refs > s.cfg.MaxCodeReferences {
		out = append(out, finding{
			ev: heuristics.Evidence{Rule: RuleCodeReferences, Field: heuristics.FieldBody, Line: firstRef.n, Snippet: firstRef.text,
				Message: fmt.Sprintf("The description names %d files and functions, more than %d: it reads like a list of what the diff already shows.", refs, s.cfg.MaxCodeReferences)},
			advice: "say what the change does and why, rather than which files and functions it touches (the diff shows those)",
		})
	}

	// Issues.
	nums, quotes := issueRefs(c.Title + "\n" + c.Body)
	m["issue_references"] = float64(len(nums))
	if s.cfg.RequireLinkedIssue && len(c.LinkedIssues) == 0 && len(nums) == 0 && (c.Title != "" || c.Body != "") {
		out = append(out, finding{
			ev:     heuristics.Evidence{Rule: RuleLinkedIssue, Field: heuristics.FieldBody, Message: "The pull request neither links nor mentions an issue; this project asks for one."},
			advice: `link the issue this fixes ("Fixes #123"), or open one first so the change can be discussed`,
		})
	}
	for i, n := range nums {
		if slices.Contains(s.cfg.BlockedIssues, n) {
			out = append(out, finding{
				ev: heuristics.Evidence{Rule: RuleBlockedIssue, Field: heuristics.FieldBody, Snippet: wording.Snippet(quotes[i], 80), Subject: fmt.Sprintf("#%d", n),
					Message: fmt.Sprintf("The pull request refers to issue #%d, which the maintainers do not take pull requests for.", n)},
				advice: "read the maintainers' note on issue %s before opening a pull request for it", many: "read the maintainers' notes on issues %s before opening a pull request for them", subject: fmt.Sprintf("#%d", n),
			})
		}
	}
	for i, term := range s.cfg.BlockedTerms {
		lower := strings.ToLower(strings.TrimSpace(term))
		for _, l := range visible {
			if strings.Contains(strings.ToLower(l.text), lower) {
				out = append(out, finding{
					ev: heuristics.Evidence{Rule: RuleBlockedTerm, Field: heuristics.FieldBody, Line: l.n, Snippet: wording.Snippet(l.text, 80), Subject: s.cfg.BlockedTerms[i],
						Message: fmt.Sprintf("The description contains %s, a term this project has blocked.", wording.Quote(strings.TrimSpace(term)))},
					advice: "remove %s from the description", many: "remove %s from the description", subject: wording.Quote(strings.TrimSpace(term)),
				})
				break
			}
		}
	}
	return out
}

func (s *Scorer) reactions(c *heuristics.Contribution, m map[string]float64) []finding {
	if c.Reactions == nil {
		return nil
	}
	n := c.Reactions["-1"] + c.Reactions["confused"]
	m["negative_reactions"] = float64(n)
	if s.cfg.MaxNegativeReactions == 0 || n <= s.cfg.MaxNegativeReactions {
		return nil
	}
	return []finding{{
		ev: heuristics.Evidence{Rule: RuleReactions, Field: heuristics.FieldMetadata,
			Message: fmt.Sprintf("The pull request has %s, more than %d.", wording.Count(n, "thumbs-down or confused reaction", "thumbs-down and confused reactions"), s.cfg.MaxNegativeReactions)},
		advice: "read the comments: people reacting may have said what worries them",
	}}
}

package heuristics

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/heft-dev/heft/diffstat"
)

// ErrNotApplicable is returned by a Scorer that has nothing to say about a
// contribution, for example a size scorer given no diff. A Set records it
// in the Report and leaves the scorer out of the overall score; it is not
// a failure.
var ErrNotApplicable = errors.New("heuristics: not applicable")

// ErrInvalidConfig is wrapped by the errors scorer constructors return for a
// configuration they cannot use.
var ErrInvalidConfig = errors.New("invalid configuration")

// Association is the author's relationship to the repository, as GitHub
// reports it in author_association.
type Association string

// The associations GitHub reports. The empty Association means unknown.
const (
	AssociationOwner                Association = "OWNER"
	AssociationMember               Association = "MEMBER"
	AssociationCollaborator         Association = "COLLABORATOR"
	AssociationContributor          Association = "CONTRIBUTOR"
	AssociationFirstTimeContributor Association = "FIRST_TIME_CONTRIBUTOR"
	AssociationFirstTimer           Association = "FIRST_TIMER"
	AssociationMannequin            Association = "MANNEQUIN"
	AssociationNone                 Association = "NONE"
)

// Maintainer reports whether the association gives write access to the
// repository: owner, member or collaborator.
func (a Association) Maintainer() bool {
	return a == AssociationOwner || a == AssociationMember || a == AssociationCollaborator
}

// Known reports whether a is one of the associations GitHub reports.
func (a Association) Known() bool { return slices.Contains(associations[:], a) }

// KnownAssociations returns the associations GitHub reports, in the order
// of its documentation: for listing the values a flag or a setting takes.
func KnownAssociations() []Association { return slices.Clone(associations[:]) }

var associations = [...]Association{
	AssociationOwner, AssociationMember, AssociationCollaborator, AssociationContributor,
	AssociationFirstTimeContributor, AssociationFirstTimer, AssociationNone, AssociationMannequin,
}

// FirstTime reports whether the author has no merged contribution to the
// repository yet.
func (a Association) FirstTime() bool {
	return a == AssociationFirstTimeContributor || a == AssociationFirstTimer || a == AssociationNone
}

// Author is who proposed the contribution.
type Author struct {
	Login       string      `json:"login"`                 // the forge account name, such as "octocat"
	Association Association `json:"association,omitempty"` // the author's relation to the repository
	Bot         bool        `json:"bot,omitempty"`         // the account is a bot (GitHub's type "Bot", or a "[bot]" login)

	// Account describes the author's GitHub account; nil when unknown.
	// Scorers that need it return ErrNotApplicable without it.
	Account *Account `json:"account,omitempty"`
}

// Account is what a forge says of an author's account. A nil *Account
// means nothing is known; within an Account, a nil pointer or a nil slice
// means that one thing is unknown, so a count of 0 is a real 0.
type Account struct {
	// CreatedAt is when the account was created; zero when unknown.
	CreatedAt time.Time `json:"created_at,omitzero"`

	// Profile lists the public profile fields the account has filled,
	// by GitHub's names: "name", "company", "blog", "location", "email",
	// "hireable", "bio", "twitter_username". Nil when unknown; empty when
	// none is filled.
	Profile []string `json:"profile,omitempty"`

	// PublicRepos, Followers and Following are the account's public counts.
	PublicRepos *int `json:"public_repos,omitempty"`
	Followers   *int `json:"followers,omitempty"`
	Following   *int `json:"following,omitempty"`

	// Repo counts the author's pull requests to this repository; Global
	// their pull requests anywhere on the forge (excluding this one).
	Repo   *PullRequestCounts `json:"repo,omitempty"`
	Global *PullRequestCounts `json:"global,omitempty"`

	// ForksPerDay is the largest number of repositories the account
	// forked within any 24 hours, over its recent forks.
	ForksPerDay *int `json:"forks_per_day,omitempty"`
}

// PullRequestCounts counts an author's concluded pull requests.
type PullRequestCounts struct {
	Merged int `json:"merged"` // merged
	Closed int `json:"closed"` // closed without merging
}

// Commit is one commit of the contribution.
type Commit struct {
	SHA         string    `json:"sha,omitempty"`          // the commit id, when known
	Message     string    `json:"message"`                // the whole message; trailers are in its last paragraph
	AuthorName  string    `json:"author_name,omitempty"`  // the git author name
	AuthorEmail string    `json:"author_email,omitempty"` // the git author email
	Time        time.Time `json:"time,omitzero"`          // the author date; zero when unknown
}

// EventKind is what happened in a contribution's timeline.
type EventKind string

// The kinds of timeline event scorers understand.
const (
	EventComment         EventKind = "comment"          // a conversation comment
	EventReview          EventKind = "review"           // a review; State says which
	EventReviewComment   EventKind = "review_comment"   // a comment on a line of the diff
	EventCommit          EventKind = "commit"           // commits pushed
	EventLabeled         EventKind = "labeled"          // a label added
	EventUnlabeled       EventKind = "unlabeled"        // a label removed
	EventClosed          EventKind = "closed"           // closed without merging
	EventReopened        EventKind = "reopened"         // reopened
	EventMerged          EventKind = "merged"           // merged
	EventReadyForReview  EventKind = "ready_for_review" // draft marked ready
	EventReviewRequested EventKind = "review_requested" // a review was requested
)

// Event is one entry of a contribution's timeline.
type Event struct {
	Kind  EventKind `json:"kind"`            // what happened
	Actor Author    `json:"actor"`           // who did it
	Time  time.Time `json:"time"`            // when
	Body  string    `json:"body,omitempty"`  // comment or review text
	State string    `json:"state,omitempty"` // for reviews: "approved", "changes_requested", "commented"
	Label string    `json:"label,omitempty"` // for label events
}

// Contribution is a proposed change as a maintainer sees it: what the
// author wrote, who they are, and what the change does. Fields a caller
// does not know stay zero; scorers that need them return ErrNotApplicable.
//
// Scorers read a Contribution and never modify it, so one Contribution can
// be scored by many scorers at once.
type Contribution struct {
	Title    string         // the pull request's title
	Body     string         // its description, Markdown
	Template string         // the repository's pull request template, if known
	Author   Author         // who opened it
	Commits  []Commit       // its commits, oldest first
	Diff     *diffstat.Diff // the parsed diff, shared by every scorer
	Timeline []Event        // comments, reviews and pushes, oldest first
	Labels   []string       // labels already on the pull request
	Now      time.Time      // the time to score at; scorers never read the clock

	// BaseBranch is the branch the pull request wants to merge into and
	// HeadBranch the branch it comes from; empty when unknown.
	// HeadRepository is the head branch's repository as "owner/name",
	// which differs from the base repository for a pull request from a
	// fork.
	BaseBranch, HeadBranch, HeadRepository string

	// Draft says whether the pull request is a draft; nil when unknown.
	Draft *bool

	// MaintainerCanModify says whether the author allows maintainers to
	// push to the head branch; nil when unknown.
	MaintainerCanModify *bool

	// LinkedIssues are the issues the pull request is linked to (closing
	// references GitHub knows of), as "#123" or "owner/name#123"; nil when
	// unknown. References written in the body are read from Body.
	LinkedIssues []string

	// Milestone is the title of the pull request's milestone, if any.
	Milestone string

	// Reactions counts the reactions on the pull request by GitHub's names
	// ("+1", "-1", "laugh", "confused", "heart", "hooray", "rocket",
	// "eyes"); nil when unknown.
	Reactions map[string]int
}

// Scorer looks at one aspect of a contribution.
//
// Score returns a Result whose Score is in [0, 1]: 0 means no concern, 1
// the strongest concern the scorer can raise. A non-zero score comes with
// Evidence. A scorer with nothing to say returns ErrNotApplicable. Score
// must be safe to call from several goroutines at once, must not modify
// the Contribution, and must return the same Result for the same input: no
// clock, no randomness, no network beyond what its constructor was given.
type Scorer interface {
	// Name is the scorer's stable identifier, such as "size": lower-case,
	// kebab-case, unique within a Set.
	Name() string
	Score(ctx context.Context, c *Contribution) (Result, error)
}

// Ptr returns a pointer to v, for the configuration fields where nil
// means "the default" and the zero value is a setting of its own:
// size.Config{ComfortableLines: heuristics.Ptr(0)} scores from the first
// line.
func Ptr[T any](v T) *T { return &v }

// Func adapts a function to the Scorer interface.
func Func(name string, f func(ctx context.Context, c *Contribution) (Result, error)) Scorer {
	return funcScorer{name: name, f: f}
}

type funcScorer struct {
	name string
	f    func(context.Context, *Contribution) (Result, error)
}

func (s funcScorer) Name() string { return s.name }

func (s funcScorer) Score(ctx context.Context, c *Contribution) (Result, error) {
	return s.f(ctx, c)
}

// Result is what one scorer found.
type Result struct {
	// Scorer is the scorer's Name; a Set fills it in when it is empty.
	Scorer string `json:"scorer"`

	// Score is in [0, 1]: 0 no concern, 1 the strongest concern.
	Score float64 `json:"score"`

	// Summary is the one line a maintainer reads first.
	Summary string `json:"summary"`

	// Advice says, in plain words a maintainer could paste to the author,
	// what the author could do. Empty when there is nothing to ask.
	Advice string `json:"advice,omitempty"`

	// Metrics are the raw numbers behind the score, keyed by stable
	// snake_case names.
	Metrics map[string]float64 `json:"metrics,omitempty"`

	// Evidence points at what raised the score, most important first.
	Evidence []Evidence `json:"evidence,omitempty"`

	// Labels are suggested labels, such as "size/XL".
	Labels []string `json:"labels,omitempty"`
}

// Field names where in the contribution a piece of evidence is.
type Field string

// The fields evidence can point into.
const (
	FieldTitle    Field = "title"
	FieldBody     Field = "body"
	FieldDiff     Field = "diff"
	FieldCommit   Field = "commit"
	FieldTimeline Field = "timeline"
	FieldAuthor   Field = "author"
	FieldBranch   Field = "branch"   // the base or head branch
	FieldMetadata Field = "metadata" // draft, milestone, reactions, linked issues, maintainer edits
)

// Side says which side of the diff a line number refers to.
type Side string

// The sides of a diff. Added and context lines are on the new side;
// deleted lines on the old side.
const (
	SideNew Side = "new"
	SideOld Side = "old"
)

// Evidence is one thing a scorer points at, shaped like a compiler
// diagnostic: a stable rule, a message, a location and a quote.
type Evidence struct {
	// Rule is a stable kebab-case identifier, listed in the scorer's
	// package documentation, such as "size-largest-file". Programs may
	// depend on it.
	Rule string `json:"rule"`

	// Message explains the finding in a sentence. Programs should not
	// depend on its wording.
	Message string `json:"message"`

	// Field, Path, Line and Side locate the evidence. Path and Line refer
	// to the diff (Line on Side); for the body or title, Line is a line of
	// that text; for a commit, Commit is its SHA or index.
	Field  Field  `json:"field"`
	Path   string `json:"path,omitempty"`
	Line   int    `json:"line,omitempty"`
	Side   Side   `json:"side,omitempty"`
	Commit string `json:"commit,omitempty"`

	// Snippet is a short verbatim quote of what was found.
	Snippet string `json:"snippet,omitempty"`

	// Subject names what the evidence concerns, when that is not its
	// location: the dependency a workaround works around, for example.
	// Programs may depend on it; its form is the scorer's (a Go module
	// path, a package name, a repository).
	Subject string `json:"subject,omitempty"`
}

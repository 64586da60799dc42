package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/heft-dev/heft/examples/internal/ghpr"
	"github.com/heft-dev/heft/heuristics"
)

// prFields are the pull request's metadata beyond its text and author:
// branches, draft, "maintainer can modify", linked issues, milestone,
// reactions, and the author's account. They come from the JSON input
// (these keys, and author.account), then from --github-event, then from
// the flags, each overriding the one before.
type prFields struct {
	BaseBranch          string              `json:"base_branch"`
	HeadBranch          string              `json:"head_branch"`
	HeadRepository      string              `json:"head_repository"`
	Draft               *bool               `json:"draft"`
	MaintainerCanModify *bool               `json:"maintainer_can_modify"`
	LinkedIssues        []string            `json:"linked_issues"`
	Milestone           string              `json:"milestone"`
	Reactions           map[string]int      `json:"reactions"`
	Account             *heuristics.Account `json:"-"` // author.account in JSON; --account-file on the command line
}

// apply sets on c every field f knows.
func (f *prFields) apply(c *heuristics.Contribution) {
	if f.BaseBranch != "" {
		c.BaseBranch = f.BaseBranch
	}
	if f.HeadBranch != "" {
		c.HeadBranch = f.HeadBranch
	}
	if f.HeadRepository != "" {
		c.HeadRepository = f.HeadRepository
	}
	if f.Draft != nil {
		c.Draft = heuristics.Ptr(*f.Draft)
	}
	if f.MaintainerCanModify != nil {
		c.MaintainerCanModify = heuristics.Ptr(*f.MaintainerCanModify)
	}
	if f.LinkedIssues != nil {
		c.LinkedIssues = slices.Clone(f.LinkedIssues)
	}
	if f.Milestone != "" {
		c.Milestone = f.Milestone
	}
	if f.Reactions != nil {
		c.Reactions = maps.Clone(f.Reactions)
	}
	if f.Account != nil {
		c.Author.Account = f.Account
	}
}

// check reports a field the scorers could not use, naming it by its JSON
// key (prefix is "" for the JSON input, "--" for the flags).
func (f *prFields) check(flags bool) error {
	name := func(json, flag string) string {
		if flags {
			return "--" + flag
		}
		return json
	}
	for k, n := range f.Reactions {
		if !slices.Contains(ghpr.ReactionNames, k) {
			return fmt.Errorf("%s: unknown reaction %q (GitHub's are %s)", name("reactions", "reaction"), k, strings.Join(ghpr.ReactionNames, ", "))
		}
		if n < 0 {
			return fmt.Errorf("%s: %s: negative count %d", name("reactions", "reaction"), k, n)
		}
	}
	for i, l := range f.LinkedIssues {
		if !isIssueRef(l) {
			return fmt.Errorf("%s: %q is not an issue reference such as #123 or owner/name#123", name(fmt.Sprintf("linked_issues[%d]", i), "linked-issue"), l)
		}
	}
	if a := f.Account; a != nil {
		for _, c := range []struct {
			key string
			v   *int
		}{{"public_repos", a.PublicRepos}, {"followers", a.Followers}, {"following", a.Following}, {"forks_per_day", a.ForksPerDay}} {
			if c.v != nil && *c.v < 0 {
				return fmt.Errorf("%saccount.%s: negative count %d", map[bool]string{true: "--account-file: ", false: "author."}[flags], c.key, *c.v)
			}
		}
	}
	return nil
}

// register adds the flags that set f.
func (f *prFields) register(fs *flag.FlagSet) {
	fs.StringVar(&f.BaseBranch, "base-branch", "", "the `branch` the pull request targets")
	fs.StringVar(&f.HeadBranch, "head-branch", "", "the `branch` the pull request comes from")
	fs.StringVar(&f.HeadRepository, "head-repo", "", "the head branch's repository, `owner/name`")
	fs.Var(triBool{&f.Draft}, "draft", "the pull request is a draft (--draft=false: it is not; unknown unless given)")
	fs.Var(triBool{&f.MaintainerCanModify}, "maintainer-can-modify", "the pull request allows edits by maintainers (--maintainer-can-modify=false: it does not; unknown unless given)")
	fs.Var(linkedFlag{&f.LinkedIssues}, "linked-issue", "an `issue` the pull request is linked to, #123 or owner/name#123 (repeatable)")
	fs.StringVar(&f.Milestone, "milestone", "", "the pull request's milestone `title`")
	fs.Var(reactionFlag{&f.Reactions}, "reaction", "reactions on the pull request, `name=count` with GitHub's names (+1, -1, laugh, confused, heart, hooray, rocket, eyes; repeatable)")
	fs.Var(accountFlag{&f.Account}, "account-file", "`file` holding the author's account as JSON: created_at, profile, public_repos, followers, following, repo and global {merged, closed}, forks_per_day")
	fs.Var(createdFlag{&f.Account}, "account-created", "when the author's account was created, `YYYY-MM-DD` or RFC 3339 (after --account-file)")
}

// isIssueRef reports whether s is "#123" or "owner/name#123".
func isIssueRef(s string) bool {
	repo, num, ok := strings.Cut(strings.TrimSpace(s), "#")
	if !ok || num == "" {
		return false
	}
	if _, err := strconv.ParseUint(num, 10, 32); err != nil {
		return false
	}
	if repo == "" {
		return true
	}
	owner, name, ok := strings.Cut(repo, "/")
	return ok && owner != "" && name != "" && !strings.ContainsAny(repo, " \t")
}

// triBool is a boolean flag whose absence means unknown (nil).
type triBool struct{ p **bool }

func (t triBool) String() string {
	if t.p == nil || *t.p == nil {
		return ""
	}
	return strconv.FormatBool(**t.p)
}

func (t triBool) Set(v string) error {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return errors.New("want true or false")
	}
	*t.p = &b
	return nil
}

func (t triBool) IsBoolFlag() bool { return true }

type linkedFlag struct{ p *[]string }

func (l linkedFlag) String() string {
	if l.p == nil {
		return ""
	}
	return strings.Join(*l.p, ",")
}

func (l linkedFlag) Set(v string) error {
	v = strings.TrimSpace(v)
	if !isIssueRef(v) {
		return fmt.Errorf("%q is not an issue reference such as #123 or owner/name#123", v)
	}
	*l.p = append(*l.p, v)
	return nil
}

type reactionFlag struct{ p *map[string]int }

func (r reactionFlag) String() string { return "" }

func (r reactionFlag) Set(v string) error {
	name, count, ok := strings.Cut(v, "=")
	n, err := strconv.Atoi(count)
	switch {
	case !ok || err != nil:
		return fmt.Errorf("%q: want name=count, such as -1=3", v)
	case !slices.Contains(ghpr.ReactionNames, name):
		return fmt.Errorf("%q: unknown reaction (GitHub's are %s)", name, strings.Join(ghpr.ReactionNames, ", "))
	case n < 0:
		return fmt.Errorf("%q: negative count", v)
	}
	if *r.p == nil {
		*r.p = map[string]int{}
	}
	(*r.p)[name] = n
	return nil
}

type accountFlag struct{ p **heuristics.Account }

func (a accountFlag) String() string { return "" }

func (a accountFlag) Set(file string) error {
	b, err := readText("", file)
	if err != nil {
		return err
	}
	var acc heuristics.Account
	dec := json.NewDecoder(strings.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&acc); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if *a.p != nil && !(*a.p).CreatedAt.IsZero() && acc.CreatedAt.IsZero() {
		acc.CreatedAt = (*a.p).CreatedAt
	}
	*a.p = &acc
	return nil
}

type createdFlag struct{ p **heuristics.Account }

func (c createdFlag) String() string { return "" }

func (c createdFlag) Set(v string) error {
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		if t, err = time.Parse(time.RFC3339, v); err != nil {
			return fmt.Errorf("%q: want YYYY-MM-DD or an RFC 3339 time", v)
		}
	}
	if *c.p == nil {
		*c.p = &heuristics.Account{}
	}
	(*c.p).CreatedAt = t.UTC()
	return nil
}

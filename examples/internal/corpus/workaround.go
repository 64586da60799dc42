package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/workaround"
)

// WorkaroundColumns are the columns of a workaround facts file:
//
//   - repo: "owner/name"
//   - commit: the commit SHA (abbreviated is fine)
//   - label: "workaround" or "contrast"
//   - class: a short kebab-case name for the shape of the change
//   - upstream: the expected Evidence.Subject of a workaround (a module
//     or package name, "runtime:pypy", "repo:owner/name"); empty for
//     contrasts
//   - split: "dev" (for tuning), "test" (for reporting), or "test"
//     followed by a number, "test2", "test3" and so on (held-out sets
//     from repositories in no other split, each labelled and committed
//     before the scorer was first run on it)
var WorkaroundColumns = []string{"repo", "commit", "label", "class", "upstream", "split"}

// WorkaroundOptions says where the commits are and which ones to
// evaluate.
type WorkaroundOptions struct {
	Clones string // the folder holding the clones (see FindRepo)
	Split  string // "dev", "test", "test2", "test3" and so on, or "" or "all" for every row
	// Config configures the scorer; its zero value is the default.
	Config workaround.Config
}

// workaroundSplit reports whether s names a split a workaround facts
// file may use: "dev", "test", or "test" and a number from 2 on, so a
// new held-out split needs no change here.
func workaroundSplit(s string) bool {
	if s == "dev" || s == "test" {
		return true
	}
	n, ok := strings.CutPrefix(s, "test")
	if !ok || n == "" || n[0] == '0' {
		return false
	}
	i, err := strconv.Atoi(n)
	return err == nil && i >= 2 && strconv.Itoa(i) == n
}

// ReadWorkaroundFacts reads and validates a workaround facts file.
func ReadWorkaroundFacts(path string) ([]Fact, error) {
	facts, err := ReadFacts(path, "repo", "commit", "label", "class", "split")
	if err != nil {
		return nil, err
	}
	for _, f := range facts {
		if err := checkWorkaroundFact(f); err != nil {
			return nil, err
		}
	}
	return facts, nil
}

func checkWorkaroundFact(f Fact) error {
	switch l := f.Get("label"); l {
	case "workaround":
	case "contrast":
		if f.Get("upstream") != "" {
			return f.Errorf("upstream %q on a contrast", f.Get("upstream"))
		}
	default:
		return f.Errorf("label %q: want workaround or contrast", l)
	}
	if s := f.Get("split"); !workaroundSplit(s) {
		return f.Errorf("split %q: want dev, test, or test and a number (test2, test3, ...)", s)
	}
	return nil
}

// EvalWorkaround scores each commit of facts (in the split asked for)
// with the workaround scorer and tallies per class: a workaround is
// detected when the score is above 0, a contrast is falsely flagged when
// it is. The check "upstream" says, for detected workarounds that name an
// expected upstream, whether some evidence's Subject is that upstream
// (case-insensitive); "linked" and "unlinked" count, per class, the
// detected workarounds whose findings link an upstream report or not.
// Commits that cannot be read are listed in Missing, not fatal.
func EvalWorkaround(ctx context.Context, facts []Fact, opts WorkaroundOptions) (*Report, error) {
	split := opts.Split
	if split == "all" {
		split = ""
	}
	if split != "" && !workaroundSplit(split) {
		return nil, fmt.Errorf("corpus: split %q: want dev, test, test and a number (test2, test3, ...) or all", opts.Split)
	}
	if _, err := workaround.New(opts.Config); err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	// One scorer per repository, told which repository is the project's
	// own (as a bot would be), so its own issue links are not upstream.
	scorers := map[string]*workaround.Scorer{}
	rep := &Report{}
	repos := map[string]*Repo{}
	for _, f := range facts {
		if err := checkWorkaroundFact(f); err != nil {
			return nil, err
		}
		if split != "" && f.Get("split") != split {
			continue
		}
		name, sha, class := f.Get("repo"), f.Get("commit"), f.Get("class")
		want := f.Get("label") == "workaround"
		r, ok := repos[name]
		if !ok {
			var err error
			r, err = FindRepo(opts.Clones, name)
			if err != nil && !errors.Is(err, ErrNoRepo) {
				return nil, err
			}
			repos[name] = r
		}
		if r == nil {
			rep.AddMissing(class, name, sha, fmt.Errorf("%w under %s", ErrNoRepo, opts.Clones))
			continue
		}
		c, err := r.contribution(ctx, sha)
		if err != nil {
			rep.AddMissing(class, name, sha, err)
			continue
		}
		sc := scorers[name]
		if sc == nil {
			var err error
			cfg := opts.Config
			if cfg.Repository == "" {
				cfg.Repository = "github.com/" + name
			}
			if cfg.Submodules == nil {
				cfg.Submodules = r.submodules(ctx)
			}
			if sc, err = workaround.New(cfg); err != nil {
				return nil, fmt.Errorf("corpus: %w", err)
			}
			scorers[name] = sc
		}
		res, err := sc.Score(ctx, c)
		if err != nil && !errors.Is(err, heuristics.ErrNotApplicable) {
			rep.AddMissing(class, name, sha, err)
			continue
		}
		got := res.Score > 0
		var checks []Check
		if want && got {
			exp := f.Get("upstream")
			named := exp != "" && hasSubject(res.Evidence, exp)
			checks = append(checks, Check{Name: "upstream", OK: named, Applies: exp != ""})
			linked := res.Metrics["linked_dependencies"] > 0
			checks = append(checks, Check{Name: "linked", OK: linked, Applies: true})
			if exp != "" && !named {
				rep.AddWrong(class, name, sha, fmt.Sprintf("upstream: want %s, got %s", exp, subjects(res.Evidence)))
			}
		}
		if got != want {
			reason := "missed"
			if got {
				reason = fmt.Sprintf("flagged %.3f: %s", res.Score, subjects(res.Evidence))
			}
			rep.AddWrong(class, name, sha, reason)
		}
		rep.Add(class, want, got, checks...)
	}
	return rep, nil
}

// hasSubject reports whether some evidence names want. Names compare
// by their last element, ignoring case and the kind prefix, so
// "repo:pallets/click", "click" and "github.com/pallets/click" are the
// same upstream, as are "toolchain:rust" and "github.com/rust-lang/rust".
func hasSubject(ev []heuristics.Evidence, want string) bool {
	for _, e := range ev {
		if strings.EqualFold(e.Subject, want) || e.Subject != "" && lastName(e.Subject) == lastName(want) {
			return true
		}
	}
	return false
}

func lastName(s string) string {
	s = strings.ToLower(s)
	if _, rest, ok := strings.Cut(s, ":"); ok && !strings.Contains(s[:strings.Index(s, ":")], ".") {
		s = rest
	}
	s = strings.TrimSuffix(s, "/")
	if i := strings.LastIndexAny(s, "/:"); i >= 0 {
		s = s[i+1:]
	}
	return s
}

func subjects(ev []heuristics.Evidence) string {
	var parts []string
	for _, e := range ev {
		s := e.Subject
		if s == "" {
			s = "(none)"
		}
		parts = append(parts, e.Rule+"→"+s)
	}
	if len(parts) == 0 {
		return "no evidence"
	}
	return strings.Join(parts, ", ")
}

// contribution reads a commit's message and full diff with git and
// builds the Contribution a pull request of that one commit would be.
func (r *Repo) contribution(ctx context.Context, sha string) (*heuristics.Contribution, error) {
	cm, err := r.Commit(ctx, sha)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, "git", "--git-dir="+r.GitDir, "-c", "core.quotePath=false",
		"show", "--no-color", "--no-ext-diff", "--format=", "--patch", cm.SHA, "--")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("corpus: %s: git show %s: %s", r.Name, sha, strings.TrimSpace(stderr.String()))
	}
	d, err := diffstat.Parse(bytes.NewReader(out), nil)
	if err != nil {
		return nil, fmt.Errorf("corpus: %s: %s: %w", r.Name, sha, err)
	}
	title, body, _ := strings.Cut(cm.Message, "\n")
	return &heuristics.Contribution{
		Title:   title,
		Body:    strings.TrimSpace(body),
		Commits: []heuristics.Commit{{SHA: cm.SHA, Message: cm.Message, AuthorName: cm.AuthorName, AuthorEmail: cm.AuthorEmail}},
		Diff:    d,
	}, nil
}

// submodules reads the paths and URLs of the clone's git submodules
// from .gitmodules at HEAD, for the scorer to name a submodule's patch
// by its repository; nil when there are none or git cannot read them.
func (r *Repo) submodules(ctx context.Context) map[string]string {
	out, err := exec.CommandContext(ctx, "git", "--git-dir="+r.GitDir, "config", "--blob", "HEAD:.gitmodules",
		"--get-regexp", `^submodule\..*\.(path|url)$`).Output()
	if err != nil {
		return nil
	}
	paths, urls := map[string]string{}, map[string]string{}
	for line := range strings.Lines(string(out)) {
		key, val, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok {
			continue
		}
		name, field, _ := strings.Cut(strings.TrimPrefix(key, "submodule."), ".")
		if i := strings.LastIndex(key, "."); i > 0 {
			name, field = strings.TrimPrefix(key[:i], "submodule."), key[i+1:]
		}
		if field == "path" {
			paths[name] = val
		} else {
			urls[name] = val
		}
	}
	m := map[string]string{}
	for name, p := range paths {
		if u, ok := urls[name]; ok {
			m[p] = u
		}
	}
	return m
}

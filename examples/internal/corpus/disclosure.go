package corpus

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/heft-dev/heft/disclosure"
)

// DisclosureColumns are the columns of a disclosure facts file:
//
//   - source: "git" (a commit in a clone) or "aidev" (a pull request in
//     the AIDev sample)
//   - repo: "owner/name"
//   - ref: the full commit SHA, or the pull request number
//   - kind: "commit" or "description"
//   - class: a short kebab-case name for the shape of the text
//   - ai: "yes" when the text or the commit's identities disclose AI use
//   - stance: the expected disclosure.Stance name
//   - tools: the expected tool names, ";"-separated and sorted; "unknown"
//     for an AI tool the text does not name; empty for none
//   - split: "dev" (for tuning) or "test" (for reporting)
var DisclosureColumns = []string{"source", "repo", "ref", "kind", "class", "ai", "stance", "tools", "split"}

// DisclosureOptions says where the texts are and which ones to evaluate.
type DisclosureOptions struct {
	Clones string // the folder holding the clones (see FindRepo)
	AIDev  string // the AIDev sample folder: one folder per agent, each with prs.csv
	Split  string // "dev", "test", or "" or "all" for both
	// Parser is the parser to evaluate; nil means disclosure.DefaultParser.
	Parser *disclosure.Parser
}

// disclosureFact is a validated row of a disclosure facts file.
type disclosureFact struct {
	Fact
	source, repo, ref, kind, class string
	ai                             bool
	stance                         disclosure.Stance
	tools                          []string
	split                          string
}

func parseDisclosureFact(f Fact) (disclosureFact, error) {
	d := disclosureFact{Fact: f, source: f.Get("source"), repo: f.Get("repo"), ref: f.Get("ref"),
		kind: f.Get("kind"), class: f.Get("class"), split: f.Get("split")}
	switch {
	case d.source != "git" && d.source != "aidev":
		return d, f.Errorf("source %q: want git or aidev", d.source)
	case d.kind != "commit" && d.kind != "description":
		return d, f.Errorf("kind %q: want commit or description", d.kind)
	case d.split != "dev" && d.split != "test":
		return d, f.Errorf("split %q: want dev or test", d.split)
	}
	switch f.Get("ai") {
	case "yes":
		d.ai = true
	case "no":
	default:
		return d, f.Errorf("ai %q: want yes or no", f.Get("ai"))
	}
	if err := d.stance.UnmarshalText([]byte(f.Get("stance"))); err != nil {
		return d, f.Errorf("%v", err)
	}
	if d.stance.AI() != d.ai {
		return d, f.Errorf("stance %s contradicts ai=%s", d.stance, f.Get("ai"))
	}
	if t := f.Get("tools"); t != "" {
		d.tools = strings.Split(t, ";")
		slices.Sort(d.tools)
	}
	if !d.ai && len(d.tools) > 0 {
		return d, f.Errorf("tools %q on a text with ai=no", f.Get("tools"))
	}
	return d, nil
}

// ReadDisclosureFacts reads and validates a disclosure facts file.
func ReadDisclosureFacts(path string) ([]Fact, error) {
	facts, err := ReadFacts(path, "source", "repo", "ref", "kind", "class", "ai", "stance", "split")
	if err != nil {
		return nil, err
	}
	for _, f := range facts {
		if _, ok := f.cols["tools"]; !ok {
			return nil, &FactError{File: path, Line: 1, Err: errors.New("missing column \"tools\"")}
		}
		if _, err := parseDisclosureFact(f); err != nil {
			return nil, err
		}
	}
	return facts, nil
}

// EvalDisclosure reads each text the facts name, parses it and tallies per
// class: AI-use precision and recall, tool accuracy on the AI-positive
// texts (the tools named equal the expected ones; "unknown" matches a
// tool the parser reports as "unknown") and stance accuracy on all.
// Texts that cannot be read are listed in Report.Missing, not fatal;
// wrong answers are listed in Report.Wrong.
func EvalDisclosure(ctx context.Context, facts []Fact, opt DisclosureOptions) (*Report, error) {
	switch opt.Split {
	case "", "all", "dev", "test":
	default:
		return nil, fmt.Errorf("corpus: split %q: want dev, test or all", opt.Split)
	}
	p := opt.Parser
	if p == nil {
		p = disclosure.DefaultParser()
	}
	var rows []disclosureFact
	want := map[string]bool{} // aidev keys
	for _, f := range facts {
		d, err := parseDisclosureFact(f)
		if err != nil {
			return nil, err
		}
		if opt.Split != "" && opt.Split != "all" && d.split != opt.Split {
			continue
		}
		rows = append(rows, d)
		if d.source == "aidev" {
			want[d.repo+"#"+d.ref] = true
		}
	}
	var texts map[string]aidevText
	var aidevErr error
	if len(want) > 0 {
		if opt.AIDev == "" {
			aidevErr = errors.New("no --aidev folder given")
		} else {
			texts, aidevErr = readAIDevTexts(opt.AIDev, want)
		}
	}
	repos := map[string]*Repo{}
	repoErr := map[string]error{}
	r := &Report{}
	for _, d := range rows {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var got *disclosure.Disclosure
		switch d.source {
		case "aidev":
			if aidevErr != nil {
				r.AddMissing(d.class, d.repo, d.ref, aidevErr)
				continue
			}
			text, ok := texts[d.repo+"#"+d.ref]
			if !ok {
				r.AddMissing(d.class, d.repo, d.ref, fmt.Errorf("aidev: %w", ErrNoText))
				continue
			}
			got = parseDescription(p, text)
		case "git":
			if opt.Clones == "" {
				r.AddMissing(d.class, d.repo, d.ref, errors.New("no --clones folder given"))
				continue
			}
			repo, ok := repos[d.repo]
			if !ok && repoErr[d.repo] == nil {
				var err error
				repo, err = FindRepo(opt.Clones, d.repo)
				if err != nil {
					repoErr[d.repo] = err
				} else {
					repos[d.repo] = repo
				}
			}
			if err := repoErr[d.repo]; err != nil {
				r.AddMissing(d.class, d.repo, d.ref, err)
				continue
			}
			c, err := repo.Commit(ctx, d.ref)
			if err != nil {
				r.AddMissing(d.class, d.repo, d.ref, err)
				continue
			}
			got = parseCommit(p, c)
		}
		gotAI := got.Stance.AI()
		names := toolNames(got)
		toolsOK := slices.Equal(names, d.tools)
		stanceOK := got.Stance == d.stance
		r.Add(d.class, d.ai, gotAI,
			Check{Name: "tools", OK: toolsOK, Applies: d.ai},
			Check{Name: "stance", OK: stanceOK, Applies: true})
		if gotAI != d.ai || (d.ai && !toolsOK) || !stanceOK {
			r.AddWrong(d.class, d.repo, d.ref, fmt.Sprintf("want ai=%t stance=%s tools=%s; got ai=%t stance=%s tools=%s",
				d.ai, d.stance, strings.Join(d.tools, ";"), gotAI, got.Stance, strings.Join(names, ";")))
		}
	}
	return r, nil
}

// parseCommit is the one place a commit meets the parser: its message,
// author and committer, each identity read on its own.
func parseCommit(p *disclosure.Parser, c *Commit) *disclosure.Disclosure {
	return p.ParseInput(disclosure.Input{Commits: []disclosure.Commit{{Message: c.Message, Author: c.Author(), Committer: c.Committer()}}})
}

// parseDescription is the one place a pull request meets the parser: its
// title and body.
func parseDescription(p *disclosure.Parser, pr aidevText) *disclosure.Disclosure {
	return p.ParseInput(disclosure.Input{Title: pr.title, Body: pr.body})
}

// toolNames returns the sorted, distinct tool names a disclosure reports.
func toolNames(d *disclosure.Disclosure) []string {
	var names []string
	for _, t := range d.Tools {
		names = append(names, t.Name)
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// readAIDevTexts reads the title and body of the wanted pull requests
// ("owner/name#number") from every DIR/*/prs.csv.
func readAIDevTexts(dir string, want map[string]bool) (map[string]aidevText, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "prs.csv"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("aidev: no */prs.csv under %s", dir)
	}
	out := map[string]aidevText{}
	for _, name := range files {
		if err := readAIDevFile(name, want, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// aidevText is a pull request's title and description.
type aidevText struct{ title, body string }

func readAIDevFile(name string, want map[string]bool, out map[string]aidevText) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("aidev: %w", err)
	}
	defer f.Close()
	rd := csv.NewReader(f)
	rd.FieldsPerRecord = -1
	header, err := rd.Read()
	if err != nil {
		return csvError(name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	for _, c := range []string{"number", "title", "body", "repo_url"} {
		if _, ok := col[c]; !ok {
			return &FactError{File: name, Line: 1, Err: fmt.Errorf("missing column %q", c)}
		}
	}
	get := func(rec []string, c string) string {
		if i := col[c]; i < len(rec) {
			return rec[i]
		}
		return ""
	}
	for {
		rec, err := rd.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvError(name, err)
		}
		key := repoFromURL(get(rec, "repo_url")) + "#" + get(rec, "number")
		if want[key] {
			out[key] = aidevText{title: get(rec, "title"), body: get(rec, "body")}
		}
	}
}

// repoFromURL returns "owner/name" from a GitHub API or web repository URL.
func repoFromURL(u string) string {
	for _, pre := range []string{"https://api.github.com/repos/", "https://github.com/"} {
		if rest, ok := strings.CutPrefix(u, pre); ok {
			parts := strings.SplitN(rest, "/", 3)
			if len(parts) >= 2 {
				return parts[0] + "/" + parts[1]
			}
		}
	}
	return u
}

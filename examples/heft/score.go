package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/examples/internal/cliflag"
	"github.com/heft-dev/heft/examples/internal/ghpr"
	"github.com/heft-dev/heft/examples/internal/jsonconfig"
	"github.com/heft-dev/heft/examples/internal/ledgersql"
	"github.com/heft-dev/heft/examples/internal/render"
	"github.com/heft-dev/heft/heuristics"
	repscore "github.com/heft-dev/heft/heuristics/reputation"
	"github.com/heft-dev/heft/heuristics/standard"
	"github.com/heft-dev/heft/internal/wording"
	"github.com/heft-dev/heft/reputation"
)

// maxDescription bounds the files flags name: --body, --template,
// --config, --account-file.
const maxDescription = 4 << 20

func runScore(e *env, args []string) int {
	fs := cliflag.New("heft score", "Usage: heft score [flags] [DIFF|-]\n\n"+
		"Score a diff and its description and print a report. DIFF may be a plain\n"+
		"diff, git format-patch output, whose mails give the title, the body and\n"+
		"the commit messages, or git show or git log -p output, whose commits give\n"+
		"them. Reads standard input when DIFF is - or absent.\n\n"+
		"\tgit diff main | heft score -\n\tgit format-patch main --stdout | heft score --fail-at flag\n\n", e.stderr)
	title := fs.String("title", "", "the pull request's title")
	bodyFile := fs.String("body", "", "`file` holding the pull request's description (Markdown)")
	fs.StringVar(bodyFile, "body-file", "", "the same as --body")
	var sub subject
	fs.StringVar(&sub.author, "author", "", "the pull request author's `login` (unknown unless given: a commit's author name is not a login)")
	fs.StringVar(&sub.association, "association", "", "the author's `association` with the repository, as GitHub's author_association: OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, FIRST_TIME_CONTRIBUTOR, FIRST_TIMER, NONE or MANNEQUIN")
	fs.Var((*labelsFlag)(&sub.labels), "label", "a `label` already on the pull request (repeatable)")
	fs.StringVar(&sub.eventFile, "github-event", "", "read the title, body, author, association and labels from a pull_request event payload `file` ($GITHUB_EVENT_PATH)")
	ledgerSpec := fs.String("ledger", "", "add the reputation scorer over this stake `ledger`: a file (sqlite:PATH or a postgres:// URL when built with those tags)")
	templateFile := fs.String("template", "", "`file` holding the repository's pull request template")
	configFile := fs.String("config", "", "`file` holding a JSON standard.Config (weights, thresholds, scorer settings)")
	format := fs.String("format", "text", "print the report as `text`, json, markdown (the bot's comment, for a step summary) or github (workflow commands: annotations)")
	asJSON := fs.Bool("json", false, "print the report as JSON (same as --format json)")
	failAt := fs.String("fail-at", "", "exit 1 when the verdict reaches `level`: review or flag")
	maxBytes := fs.Int64("max-bytes", diffstat.DefaultMaxBytes, "largest diff accepted, in bytes")
	var fields prFields
	fields.register(fs)
	if code, ok := cliflag.Parse(fs, args, e.stderr); !ok {
		return code
	}
	if *asJSON {
		*format = "json"
	}
	switch *format {
	case "text", "json", "markdown", "github":
	default:
		return fail(e, "score", fmt.Errorf("--format must be text, json, markdown or github, not %q", *format))
	}
	if _, err := ghpr.ParseAssociation(sub.association); err != nil {
		return fail(e, "score", fmt.Errorf("--association: %w", err))
	}
	var failVerdict heuristics.Verdict
	switch *failAt {
	case "":
	case "review", "flag":
		_ = failVerdict.UnmarshalText([]byte(*failAt))
	default:
		return fail(e, "score", fmt.Errorf("--fail-at must be review or flag, not %q", *failAt))
	}

	if *maxBytes <= 0 {
		return fail(e, "score", fmt.Errorf("--max-bytes must be a positive number of bytes, not %d", *maxBytes))
	}

	_, set, err := defaultSet(*configFile)
	if err != nil {
		return fail(e, "score", err)
	}

	raw, name, err := readInput(e, fs.Args(), *maxBytes)
	if err != nil {
		return fail(e, "score", err)
	}
	// Nothing to score is an error, not a pass: "git diff bad-ref |
	// heft score --fail-at review -" must not turn a failed git into a
	// green check.
	if len(bytes.TrimSpace(raw)) == 0 {
		return fail(e, "score", fmt.Errorf("%s: %w", name, errEmptyInput))
	}

	sub.title, sub.bodyFile, sub.templateFile = *title, *bodyFile, *templateFile
	sub.bodyFlag = "--body"
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "body-file" {
			sub.bodyFlag = "--body-file"
		}
	})
	c, raw, err := sub.contribution(raw, name)
	if err != nil {
		return fail(e, "score", err)
	}
	if sub.notice != "" {
		fmt.Fprintf(e.stderr, "heft score: %s: %s\n", name, sub.notice)
	}
	if err := fields.check(true); err != nil {
		return fail(e, "score", err)
	}
	fields.apply(c)
	if *ledgerSpec != "" {
		if set, err = withReputation(set, *ledgerSpec); err != nil {
			return fail(e, "score", fmt.Errorf("--ledger: %w", err))
		}
	}
	if raw != nil {
		c.Diff, err = diffstat.Parse(bytes.NewReader(raw), &diffstat.Options{MaxBytes: *maxBytes})
		if err != nil {
			return fail(e, "score", diffError(name, raw[:min(len(raw), diffHintBytes)], *maxBytes, err, true))
		}
		if err := changesSomething(c.Diff); err != nil {
			return fail(e, "score", fmt.Errorf("%s: %w", name, err))
		}
	}

	rep, err := set.Score(context.Background(), c)
	if err != nil {
		return fail(e, "score", err)
	}
	switch *format {
	case "json":
		if err := writeJSON(e.stdout, rep); err != nil {
			return fail(e, "score", err)
		}
	case "markdown":
		var footer string
		if d := describe(c); d != "" {
			footer = "<sub>Scored: " + d + ".</sub>"
		}
		md, truncated := render.Markdown(&rep, render.Options{Footer: footer})
		if _, err := io.WriteString(e.stdout, md); err != nil {
			return fail(e, "score", err)
		}
		if truncated {
			fmt.Fprintf(e.stderr, "heft score: the Markdown report was truncated to %s bytes; --format json has everything\n", wording.Commas(render.DefaultMaxBytes))
		}
	case "github":
		if err := render.GitHub(e.stdout, &rep); err != nil {
			return fail(e, "score", err)
		}
	default:
		writeReport(e.stdout, &rep)
		if d := describe(c); d != "" {
			fmt.Fprintf(e.stdout, "\nscored: %s\n", d)
		}
	}
	if failVerdict != heuristics.VerdictUnknown && rep.Verdict >= failVerdict && rep.Exempt == "" {
		return exitFindings
	}
	return exitOK
}

// errEmptyInput is heft score's error for an input of nothing but
// white space.
var errEmptyInput = errors.New("empty input: no diff, patch or pull request")

// changesSomething fails for a diff whose file sections all change
// nothing: a "diff --git" header with no hunk, mode, rename or binary
// line after it. git never prints such a section alone, so the diff was
// cut short, and scoring it would pass a change nobody has seen.
func changesSomething(d *diffstat.Diff) error {
	for _, f := range d.Files {
		if f.Op != diffstat.OpModified || f.Binary || f.Added+f.Deleted > 0 {
			return nil
		}
	}
	if len(d.Files) == 0 {
		return nil
	}
	f := d.Files[0]
	more := ""
	if n := len(d.Files) - 1; n > 0 {
		more = fmt.Sprintf(" (and %s)", wording.Plural(n, "more file section"))
	}
	return fmt.Errorf("line %d: %s: the diff changes nothing: its header has no hunk, mode, rename or binary lines after it%s; is the diff cut short?", f.Line, f.Path(), more)
}

// defaultSet builds the default scorers under the configuration in file,
// or the defaults when file is empty, and returns the configuration too.
func defaultSet(file string) (standard.Config, *heuristics.Set, error) {
	cfg := standard.Config{}
	if file != "" {
		if err := loadConfig(file, &cfg); err != nil {
			return cfg, nil, err
		}
	}
	set, err := standard.New(cfg)
	if err != nil && file != "" {
		err = fmt.Errorf("--config %s: %w", file, err) // a *standard.ConfigError names its section once
	}
	return cfg, set, err
}

// loadConfig reads a JSON configuration strictly, as the bot reads
// .github/heft.json: unknown keys, keys in the wrong case, duplicate keys
// and data after the object are errors naming the line and the key. An
// empty file is an error too, though it would mean the defaults: a
// configuration that came out empty (a failed template, a truncated
// copy) is more likely than one meant empty, and {} says that plainly.
func loadConfig(file string, cfg *standard.Config) error {
	b, err := readText("--config", file)
	if err != nil {
		return err
	}
	if strings.TrimSpace(b) == "" {
		return fmt.Errorf("--config %s: empty file: write {} for the default configuration", file)
	}
	return decodeStrict("--config "+file, []byte(b), cfg)
}

// decodeStrict decodes JSON as jsonconfig does, and names the problem as
// "where:line: key: what".
func decodeStrict(where string, b []byte, v any) error {
	if err := jsonconfig.Decode(b, v); err != nil {
		var je *jsonconfig.Error
		if errors.As(err, &je) && je.Line > 0 {
			return fmt.Errorf("%s:%d: %w", where, je.Line, &jsonconfig.Error{Key: je.Key, Err: je.Err})
		}
		return fmt.Errorf("%s: %w", where, err)
	}
	return nil
}

// withReputation returns set with the reputation scorer added, over the
// ledger spec names (opened as heft ledger and the bot open it). It only
// reads the ledger.
func withReputation(set *heuristics.Set, spec string) (*heuristics.Set, error) {
	store, err := ledgersql.Open(context.Background(), spec)
	if err != nil {
		return nil, err
	}
	l, err := reputation.New(store, nil)
	if err != nil {
		store.Close()
		return nil, err
	}
	rep, err := repscore.New(l, repscore.Config{})
	if err != nil {
		store.Close()
		return nil, err
	}
	return heuristics.NewSet(set.Policy(), append(set.Scorers(), rep)...)
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/examples/internal/render"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/standard"
)

// maxDescription bounds --body, --template and the mail part of a patch.
const maxDescription = 4 << 20

func runScore(e *env, args []string) int {
	fs := flag.NewFlagSet("heft score", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	title := fs.String("title", "", "the pull request's title")
	bodyFile := fs.String("body", "", "`file` holding the pull request's description (Markdown)")
	templateFile := fs.String("template", "", "`file` holding the repository's pull request template")
	configFile := fs.String("config", "", "`file` holding a JSON standard.Config (weights, thresholds, scorer settings)")
	format := fs.String("format", "text", "print the report as `text`, json, markdown (the bot's comment, for a step summary) or github (workflow commands: annotations)")
	asJSON := fs.Bool("json", false, "print the report as JSON (same as --format json)")
	failAt := fs.String("fail-at", "", "exit 1 when the verdict reaches `level`: review or flag")
	maxBytes := fs.Int64("max-bytes", diffstat.DefaultMaxBytes, "largest diff accepted, in bytes")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: heft score [flags] [DIFF|-]\n\n"+
			"Score a diff and its description and print a report. DIFF may be a plain\n"+
			"diff or git format-patch output, whose mails give the title, the body and\n"+
			"the commit messages. Reads standard input when DIFF is - or absent.\n\n"+
			"\tgit diff main | heft score -\n\tgit format-patch main --stdout | heft score --fail-at flag\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *asJSON {
		*format = "json"
	}
	switch *format {
	case "text", "json", "markdown", "github":
	default:
		return fail(e, "score", fmt.Errorf("--format must be text, json, markdown or github, not %q", *format))
	}
	var failVerdict heuristics.Verdict
	switch *failAt {
	case "":
	case "review", "flag":
		_ = failVerdict.UnmarshalText([]byte(*failAt))
	default:
		return fail(e, "score", fmt.Errorf("--fail-at must be review or flag, not %q", *failAt))
	}

	_, set, err := defaultSet(*configFile)
	if err != nil {
		return fail(e, "score", err)
	}

	in, name, err := openInput(e, fs.Args())
	if err != nil {
		return fail(e, "score", err)
	}
	defer in.Close()
	raw, err := io.ReadAll(io.LimitReader(in, *maxBytes+1))
	if err != nil {
		return fail(e, "score", fmt.Errorf("reading %s: %w", name, err))
	}
	if int64(len(raw)) > *maxBytes {
		return fail(e, "score", fmt.Errorf("%s is over the %d-byte limit (--max-bytes)", name, *maxBytes))
	}

	c := &heuristics.Contribution{Title: *title}
	mails, err := readMails(raw)
	if err != nil {
		return fail(e, "score", fmt.Errorf("%s: %w", name, err))
	}
	if len(mails) > 0 {
		c.Title, c.Body = mails[0].subject, mails[0].body
		for _, m := range mails {
			c.Commits = append(c.Commits, heuristics.Commit{Message: m.message(), AuthorName: m.authorName, AuthorEmail: m.authorEmail, Time: m.date})
		}
		if c.Author.Login == "" && len(mails) > 0 {
			c.Author.Login = mails[0].authorName
		}
	}
	if *title != "" {
		c.Title = *title
	}
	if *bodyFile != "" {
		if c.Body, err = readText(*bodyFile); err != nil {
			return fail(e, "score", err)
		}
	}
	if *templateFile != "" {
		if c.Template, err = readText(*templateFile); err != nil {
			return fail(e, "score", err)
		}
	}
	c.Diff, err = diffstat.Parse(bytes.NewReader(raw), &diffstat.Options{MaxBytes: *maxBytes})
	if err != nil {
		return fail(e, "score", fmt.Errorf("%s: %w", name, err))
	}

	rep, err := set.Score(context.Background(), c)
	if err != nil {
		return fail(e, "score", err)
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fail(e, "score", err)
		}
	case "markdown":
		md, truncated := render.Markdown(&rep, render.Options{})
		if _, err := io.WriteString(e.stdout, md); err != nil {
			return fail(e, "score", err)
		}
		if truncated {
			fmt.Fprintf(e.stderr, "heft score: the Markdown report was truncated to %d bytes; --format json has everything\n", render.DefaultMaxBytes)
		}
	case "github":
		if err := render.GitHub(e.stdout, &rep); err != nil {
			return fail(e, "score", err)
		}
	default:
		writeReport(e.stdout, &rep)
	}
	if failVerdict != heuristics.VerdictUnknown && rep.Verdict >= failVerdict {
		return exitFindings
	}
	return exitOK
}

func readText(file string) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxDescription+1))
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", file, err)
	}
	if len(b) > maxDescription {
		return "", fmt.Errorf("%s is over the %d-byte limit for a description", file, maxDescription)
	}
	return string(b), nil
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
		err = fmt.Errorf("%s: %w", file, err)
	}
	return cfg, set, err
}

// loadConfig reads a JSON configuration, rejecting unknown keys by name.
func loadConfig(file string, cfg *standard.Config) error {
	b, err := readText(file)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(strings.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(cfg); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			line := 1 + strings.Count(b[:min(int(syn.Offset), len(b))], "\n")
			return fmt.Errorf("%s:%d: %v", file, line, err)
		}
		return fmt.Errorf("%s: %v", file, err)
	}
	return nil
}

package verbosity

import (
	"cmp"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/disclosure"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/lazyre"
	"github.com/heft-dev/heft/internal/mdsplit"
	"github.com/heft-dev/heft/internal/placeholder"
	"github.com/heft-dev/heft/internal/scoring"
	"github.com/heft-dev/heft/internal/tokenizer"
	"github.com/heft-dev/heft/internal/wording"
)

// TokenCounter counts the tokens of a text. The verbosity scorer counts
// with tiktoken's vocabularies by default; tests and callers with another
// tokenizer pass their own to NewWith.
type TokenCounter interface {
	Count(text string) int
}

// Config configures the verbosity scorer. The zero value uses
// the defaults given on each field.
//
// The defaults come from the descriptions of 6,877 real pull requests
// opened by coding agents (the AIDev-pop sample of the AIDev dataset, Li,
// Zhang and Hassan, arXiv:2507.15003, 2025), counted with o200k_base after
// setting code, quotes, comments, collapsed details and tables aside. Prose
// tokens per description, 10th/50th/90th/99th percentile: OpenAI Codex
// 21/67/132/353, Devin 78/164/380/831, Copilot 126/297/465/723. The floor
// of 150 tokens (about 110 words, a short paragraph) lets the median Codex
// and Devin description through whatever the diff. The sample has no
// diffs, so the per-line ramp is set from the maintainers' own examples:
// a few sentences for a few lines is fine, "a 10,000-word description for
// five lines of code" is not. 20 tokens a line above the floor starts the
// score and 600 reaches 1: the median Copilot description (297 tokens)
// scores 0 on 8 or more changed lines and 0.11 on 5; the 99th-percentile
// Devin description (831 tokens) scores 0.36 on 10 lines; a 700-token
// essay on a one-line fix (2 changed lines) scores 0.77, worth a review;
// 2,400 tokens for 6 lines scores 0.86, a flag under the default policy.
type Config struct {
	// Encoding is the tiktoken vocabulary tokens are counted with:
	// "o200k_base" (GPT-4o and later) or "cl100k_base" (GPT-4). Default
	// "o200k_base".
	Encoding string `json:"encoding,omitempty"`

	// FloorTokens is the number of prose tokens up to which a description
	// is never too long, whatever the diff. Default 150.
	FloorTokens int `json:"floor_tokens,omitempty"`

	// RelaxedTokensPerLine is the number of prose tokens above the floor
	// per reviewable changed line at which the length score starts to
	// rise. Default 20.
	RelaxedTokensPerLine float64 `json:"relaxed_tokens_per_line,omitempty"`

	// ExcessiveTokensPerLine is the number of prose tokens above the
	// floor per reviewable changed line at which the length score
	// reaches 1; it rises on a log scale in between. Default 600.
	ExcessiveTokensPerLine float64 `json:"excessive_tokens_per_line,omitempty"`

	// LargeDiffLines is the number of reviewable changed lines from which
	// a description is never too long: a big change deserves a long
	// explanation. Default 1000.
	LargeDiffLines int `json:"large_diff_lines,omitempty"`

	// RestateMinNamed is how many changed paths and identifiers the prose
	// must name before restating the diff counts at all. Default 3.
	RestateMinNamed int `json:"restate_min_named,omitempty"`

	// RestateWeight is how much restating the diff can add to the score
	// on its own: a description that names every changed file and
	// function scores this much. Default 0.4, under the default policy's
	// review threshold: restating alone is a hint, with length a concern.
	// In [0, 1]; 0 is a setting (restating only shows as evidence), nil
	// the default.
	RestateWeight *float64 `json:"restate_weight,omitempty"`

	// HiddenCommentTokens is the size, in tokens, of an HTML comment the
	// author added (not the template's) from which it counts as hidden
	// text in the score; a shorter one is still reported as evidence when
	// it reads like a sentence (four words or more, not all capitals),
	// unlike tool markers such as "Reviewable:start" or "START COPILOT
	// CODING AGENT TIPS". A comment that addresses AI reviewers or tools
	// with an instruction counts whatever its size. Default 20.
	HiddenCommentTokens int `json:"hidden_comment_tokens,omitempty"`

	// HiddenWeight is how much hidden text (a long comment, invisible or
	// bidirectional control characters) adds to the score on its own.
	// In [0, 1]; 0 is a setting (hidden text only shows as evidence), nil
	// the default 0.3.
	HiddenWeight *float64 `json:"hidden_weight,omitempty"`

	// Sections is how many of the longest sections the evidence names.
	// Default 3.
	Sections int `json:"sections,omitempty"`

	// MaxBodyBytes is the largest description scored; a longer one gets
	// a *BodyTooLargeError. GitHub caps descriptions at 65,536
	// characters, at most 4 bytes each. Default 262144 (256 KiB).
	MaxBodyBytes int `json:"max_body_bytes,omitempty"`

	// MaxDiffLines bounds how many added lines are read for the names of
	// new functions and types, so a huge diff costs bounded time.
	// Default 20000.
	MaxDiffLines int `json:"max_diff_lines,omitempty"`

	// Templates are pull request templates known for the repository
	// besides Contribution.Template (a repository can have several under
	// .github/PULL_REQUEST_TEMPLATE/), or comments known to repeat across
	// its pull requests. Their lines and comments left unchanged in a
	// description are the template's, not the author's. Default none.
	Templates []string `json:"templates,omitempty"`

	// OtherFileLines is how many reviewable lines each changed file that
	// is not read line by line (binary, generated, vendored, lockfile or
	// expected output, or renamed or with its mode changed and no line
	// changed) counts for when the description is compared with the
	// change: a reviewer still looks at it, and the description may
	// explain it. 0 is a setting, nil the default 10.
	OtherFileLines *int `json:"other_file_lines,omitempty"`

	// BudgetTokens is the number of prose tokens a description may have
	// when there is nothing to compare it with: no diff, an empty diff,
	// or no reviewable lines and no other files. The length score then
	// rises on a log scale from BudgetTokens to ten times it. Default
	// 150, the floor: chosen on half of the AIDev sample's repositories,
	// where it ranked pull requests by review effort (time to close,
	// review comments) best within each agent, and confirmed on the other
	// half (Spearman's ρ with time to close 0.13 to 0.17 within each
	// agent; the README's "Verbosity floors" has the figures).
	BudgetTokens int `json:"budget_tokens,omitempty"`

	// UnexplainedLines is the number of reviewable changed lines above
	// which a description that explains nothing (empty, the untouched
	// template, placeholder text, fewer than five words of the author's
	// own) is a concern; the concern rises on a log scale to
	// UnexplainedWeight at LargeDiffLines. A commit message of 20 words
	// or more explains the change too, and a revert explains itself (see
	// the package doc). 0 is a setting, nil the default 30.
	UnexplainedLines *int `json:"unexplained_lines,omitempty"`

	// UnexplainedWeight is the score of a change of LargeDiffLines or
	// more with no explanation. In [0, 1]; 0 is a setting (only
	// evidence), nil the default 0.6, just over the default policy's
	// review threshold.
	UnexplainedWeight *float64 `json:"unexplained_weight,omitempty"`
}

func (c Config) withDefaults() Config {
	c.Encoding = cmp.Or(c.Encoding, string(tokenizer.Default))
	c.FloorTokens = cmp.Or(c.FloorTokens, 150)
	c.RelaxedTokensPerLine = cmp.Or(c.RelaxedTokensPerLine, 20)
	c.ExcessiveTokensPerLine = cmp.Or(c.ExcessiveTokensPerLine, 600)
	c.LargeDiffLines = cmp.Or(c.LargeDiffLines, 1000)
	c.RestateMinNamed = cmp.Or(c.RestateMinNamed, 3)
	c.RestateWeight = cmp.Or(c.RestateWeight, heuristics.Ptr(0.4))
	c.HiddenCommentTokens = cmp.Or(c.HiddenCommentTokens, 20)
	c.HiddenWeight = cmp.Or(c.HiddenWeight, heuristics.Ptr(0.3))
	c.Sections = cmp.Or(c.Sections, 3)
	c.MaxBodyBytes = cmp.Or(c.MaxBodyBytes, 256<<10)
	c.MaxDiffLines = cmp.Or(c.MaxDiffLines, 20000)
	c.OtherFileLines = cmp.Or(c.OtherFileLines, heuristics.Ptr(10))
	c.BudgetTokens = cmp.Or(c.BudgetTokens, 150)
	c.UnexplainedLines = cmp.Or(c.UnexplainedLines, heuristics.Ptr(30))
	c.UnexplainedWeight = cmp.Or(c.UnexplainedWeight, heuristics.Ptr(0.6))
	return c
}

// Validate reports a configuration the verbosity scorer cannot use,
// naming the field.
func (c Config) Validate() error {
	d := c.withDefaults()
	bad := func(format string, args ...any) error {
		return scoring.Invalid("verbosity", format, args...)
	}
	if _, err := tokenizer.ParseEncoding(d.Encoding); err != nil {
		return bad("encoding %q: want o200k_base or cl100k_base", d.Encoding)
	}
	var pace scoring.Limit
	if d.RelaxedTokensPerLine <= 0 || d.ExcessiveTokensPerLine <= d.RelaxedTokensPerLine {
		pace = scoring.Limit{Field: "excessive_tokens_per_line", Msg: fmt.Sprintf("%v must be above relaxed_tokens_per_line %v, both positive",
			d.ExcessiveTokensPerLine, d.RelaxedTokensPerLine)}
	}
	if field, msg := scoring.CheckLimits(
		scoring.NonNegative("floor_tokens", d.FloorTokens),
		pace,
		scoring.NonNegative("large_diff_lines", d.LargeDiffLines),
		scoring.NonNegative("restate_min_named", d.RestateMinNamed),
		scoring.InRange("restate_weight", *d.RestateWeight, 0, 1),
		scoring.NonNegative("hidden_comment_tokens", d.HiddenCommentTokens),
		scoring.InRange("hidden_weight", *d.HiddenWeight, 0, 1),
		scoring.NonNegative("sections", d.Sections),
		scoring.NonNegative("max_body_bytes", d.MaxBodyBytes),
		scoring.NonNegative("max_diff_lines", d.MaxDiffLines),
		scoring.NonNegative("other_file_lines", *d.OtherFileLines),
		scoring.NonNegative("budget_tokens", d.BudgetTokens),
		scoring.NonNegative("unexplained_lines", *d.UnexplainedLines),
		scoring.InRange("unexplained_weight", *d.UnexplainedWeight, 0, 1),
	); field != "" {
		return bad("%s %s", field, msg)
	}
	size := 0
	for _, t := range d.Templates {
		size += len(t)
	}
	if size > d.MaxBodyBytes {
		return bad("templates are %d bytes, over max_body_bytes %d", size, d.MaxBodyBytes)
	}
	return nil
}

// ErrBodyTooLarge is wrapped by every *BodyTooLargeError.
var ErrBodyTooLarge = errors.New("description too large")

// BodyTooLargeError is returned for a description, or a template, longer
// than Config.MaxBodyBytes.
type BodyTooLargeError struct {
	Template    bool // the template is too large, not the description
	Size, Limit int  // in bytes
}

// Error says how large the text is and the limit it exceeds.
func (e *BodyTooLargeError) Error() string {
	what := "description"
	if e.Template {
		what = "template"
	}
	return fmt.Sprintf("verbosity: %s is %s bytes, over the limit of %s", what, wording.Commas(e.Size), wording.Commas(e.Limit))
}

// Unwrap returns ErrBodyTooLarge.
func (e *BodyTooLargeError) Unwrap() error { return ErrBodyTooLarge }

// Scorer scores how much a description asks a reviewer to read
// for the change it describes, and whether it hides text. Its Name is
// "verbosity".
//
// It splits the description (Markdown with HTML) into prose, code, block
// quotes, HTML comments, collapsed <details> blocks, tables, visible HTML
// text and the lines of the repository's template left unchanged, and
// counts each part's tokens. Only prose (and visible HTML text) counts
// toward length: pasted logs, transcripts in <details> and quoted replies
// are set aside. The score is
//
//	1 − (1 − length) × (1 − RestateWeight × restating) × (1 − HiddenWeight × hidden)
//
// from three signals, each in [0, 1]:
//
//   - length: prose tokens above FloorTokens per reviewable changed line
//     (each other changed file counting as OtherFileLines lines), on a
//     log ramp from RelaxedTokensPerLine to ExcessiveTokensPerLine; 0 up
//     to the floor and from LargeDiffLines; with nothing to compare with
//     (no diff, an empty diff), prose tokens on a log ramp from
//     BudgetTokens to ten times it;
//   - restating: the share of changed file paths and of names of
//     functions and types declared on added lines that the prose names;
//     0 up to the floor or below RestateMinNamed names;
//   - hidden: 1 for an HTML comment of HiddenCommentTokens or more that
//     the author wrote (not the template's, not a tool's marker), for
//     one of any length that addresses AI reviewers or tools with an
//     instruction (approve, ignore, merge), for invisible characters or
//     for bidirectional embeddings, overrides and isolates; 0 otherwise;
//
// and a fourth, unexplained, from 0 to UnexplainedWeight: a description
// that explains nothing (empty, the template, placeholder text) for a
// change of more than UnexplainedLines reviewable lines, rising with the
// change; never for a revert in git's shapes, which names what it undoes.
//
// Known false positives: without Contribution.Template, a template's
// headings and checklists count as the author's prose (its comments are
// recognised by their wording and place); a subtle one-line fix (a
// security or concurrency bug) can deserve a long explanation; the same
// content takes more tokens in some languages than in English. Names are
// found on added lines that start with a declaration keyword of common
// languages (func, def, class, fn, public, ...), so some are missed.
type Scorer struct {
	cfg     Config
	counter TokenCounter                       // set by NewWith
	load    func() (*tokenizer.Encoder, error) // the shared encoder, loaded on first use
}

// New returns the verbosity scorer, counting tokens with the
// embedded tiktoken vocabulary cfg.Encoding names. The vocabulary is
// loaded on the first Score, once per process, and shared: for
// o200k_base about 15 ms of CPU time and 5.5 MiB allocated (go test
// ./internal/tokenizer -bench Load -benchmem).
func New(cfg Config) (*Scorer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	enc := tokenizer.Encoding(cfg.Encoding)
	return &Scorer{cfg: cfg, load: sync.OnceValues(func() (*tokenizer.Encoder, error) {
		return tokenizer.Get(enc)
	})}, nil
}

// NewWith returns the verbosity scorer counting tokens with
// counter, which must be safe for concurrent use; cfg.Encoding is not
// used.
func NewWith(cfg Config, counter TokenCounter) (*Scorer, error) {
	if counter == nil {
		return nil, scoring.Invalid("verbosity", "nil token counter")
	}
	return scoring.New(cfg, Config.withDefaults, func(c Config) *Scorer { return &Scorer{cfg: c, counter: counter} })
}

// Name returns "verbosity".
func (v *Scorer) Name() string { return "verbosity" }

// rules is the one table of the verbosity scorer's rules, declared in
// rules.json; doc.go lists them and a test keeps the two in step.
var rules = scoring.Table[heuristics.Rule](rulesJSON)

//go:embed rules.json
var rulesJSON []byte

// Rules returns the rules the verbosity scorer's evidence cites.
func (v *Scorer) Rules() []heuristics.Rule { return rules.Clone() }

func (v *Scorer) tokens() (TokenCounter, error) {
	if v.counter != nil {
		return v.counter, nil
	}
	e, err := v.load()
	if err != nil {
		return nil, fmt.Errorf("verbosity: %w", err)
	}
	return e, nil
}

// DescriptionPart is one part of a description and its size in tokens.
type DescriptionPart struct {
	// Kind is the part's kind: "prose", "code", "quote", "comment",
	// "details", "table", "html" or "template".
	Kind string `json:"kind"`

	// Line is the 1-based line of the description where the part
	// starts.
	Line int `json:"line"`

	Tokens int `json:"tokens"`

	// Section is the text of the nearest heading above the part.
	Section string `json:"section,omitempty"`

	// ListItem reports whether the part is (in) a list item.
	ListItem bool `json:"list_item,omitempty"`

	// Text is the part's text: source lines for prose, the inside of a
	// comment, the content of a code block.
	Text string `json:"text"`

	// Note says why a part is set aside as it is when its kind alone does
	// not: "template instruction" for a comment read as the template's
	// though no template was given, "tool marker" for a comment a tool
	// left.
	Note string `json:"note,omitempty"`
}

var partKinds = [...]string{"prose", "code", "quote", "comment", "details", "table", "html", "template"}

// PartKinds returns the kinds of DescriptionPart in a stable order. The
// slice is a copy the caller may keep or change.
func PartKinds() []string { return append([]string(nil), partKinds[:]...) }

// Parts splits a description as the scorer does and counts each part's
// tokens. template is the repository's pull request template, if known;
// Config.Templates are used as well. An HTML comment that reads as a
// template's instruction to the contributor (see package doc) is a
// "template" part even when no template is given. A description or
// template over MaxBodyBytes gets a *BodyTooLargeError.
func (v *Scorer) Parts(body, template string) ([]DescriptionPart, error) {
	if len(body) > v.cfg.MaxBodyBytes {
		return nil, &BodyTooLargeError{Size: len(body), Limit: v.cfg.MaxBodyBytes}
	}
	if len(template) > v.cfg.MaxBodyBytes {
		return nil, &BodyTooLargeError{Template: true, Size: len(template), Limit: v.cfg.MaxBodyBytes}
	}
	tc, err := v.tokens()
	if err != nil {
		return nil, err
	}
	if len(v.cfg.Templates) > 0 {
		template = strings.Join(append([]string{template}, v.cfg.Templates...), "\n")
	}
	ps, err := mdsplit.Split(body, &mdsplit.Options{Template: template, MaxBytes: max(v.cfg.MaxBodyBytes, 1)})
	if err != nil {
		return nil, fmt.Errorf("verbosity: %w", err)
	}
	out := make([]DescriptionPart, len(ps))
	for i, p := range ps {
		out[i] = DescriptionPart{Kind: p.Kind.String(), Line: p.Line, Tokens: tc.Count(p.Text),
			Section: p.Section, ListItem: p.ListItem, Text: p.Text}
	}
	for i := range out {
		if out[i].Kind != "comment" {
			continue
		}
		switch commentClass(out, i) {
		case placeholder.Instruction:
			out[i].Kind, out[i].Note = "template", "template instruction"
		case placeholder.Marker:
			out[i].Note = "tool marker"
		}
	}
	return out, nil
}

// maxAdjacentWords bounds the comments read as a template's by where
// they stand alone.
const maxAdjacentWords = 40

// commentClass classifies the comment parts[i]: by its words (see
// package placeholder), or, for a short comment that neither speaks as
// its author nor addresses tools, by where it stands: right under a
// heading or next to a checkbox list, where templates put their
// instructions.
func commentClass(parts []DescriptionPart, i int) placeholder.Class {
	r := placeholder.Read(parts[i].Text)
	c := r.Class
	if c != placeholder.Authored || r.Tools || r.FirstPerson || r.Words > maxAdjacentWords {
		return c
	}
	if i > 0 && (isHeading(parts[i-1]) || isCheckbox(parts[i-1])) || i+1 < len(parts) && isCheckbox(parts[i+1]) {
		return placeholder.Instruction
	}
	return c
}

// isHeading reports whether a part is a Markdown heading.
func isHeading(p DescriptionPart) bool {
	if p.Kind != "prose" && p.Kind != "template" {
		return false
	}
	t := strings.TrimSpace(p.Text)
	if strings.HasPrefix(t, "#") {
		return true
	}
	if i := strings.LastIndexByte(t, '\n'); i > 0 {
		last := strings.TrimSpace(t[i+1:])
		return last != "" && (strings.Trim(last, "=") == "" || strings.Trim(last, "-") == "")
	}
	return false
}

// isCheckbox reports whether a part is a task list item: its first line
// is one (placeholder.Checkbox).
func isCheckbox(p DescriptionPart) bool {
	if !p.ListItem || p.Kind != "prose" && p.Kind != "template" {
		return false
	}
	first, _, _ := strings.Cut(p.Text, "\n")
	_, _, ok := placeholder.Checkbox(first)
	return ok
}

// Score measures c.Body against c.Diff. It returns ErrNotApplicable when
// there is neither a description nor a diff, and when the description is
// unknown: no title, no body and no commit message, as for a bare diff
// ("git diff | heft score -"). A pull request always has a title and a
// commit a message, so such a description was not given rather than left
// empty; a title over an empty body is an empty description.
//
// Without a diff, or with one of no changed lines or files, it compares
// the description's prose with the fixed Config.BudgetTokens and looks
// for hidden text. The checks that compare the description with the
// change need one: restating it needs a diff, and explaining nothing a
// change of more than Config.UnexplainedLines reviewable lines.
func (v *Scorer) Score(ctx context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
	if strings.TrimSpace(c.Body) == "" && (c.Diff == nil || descriptionUnknown(c)) {
		return heuristics.Result{}, heuristics.ErrNotApplicable
	}
	if len(c.Body) > v.cfg.MaxBodyBytes {
		return v.overLimit(c), nil
	}
	parts, err := v.Parts(c.Body, c.Template)
	if err != nil {
		return heuristics.Result{}, err
	}
	if err := ctx.Err(); err != nil {
		return heuristics.Result{}, err
	}
	cfg := v.cfg
	res := heuristics.Result{Scorer: v.Name(), Metrics: map[string]float64{}}

	byKind := map[string]int{}
	total := 0
	for _, p := range parts {
		byKind[p.Kind] += p.Tokens
		total += p.Tokens
	}
	for _, k := range partKinds {
		res.Metrics["tokens_"+k] = float64(byKind[k])
	}
	res.Metrics["tokens_total"] = float64(total)
	res.Metrics["body_bytes"] = float64(len(c.Body))
	prose := byKind["prose"] + byKind["html"]

	// Length: prose per line of the change, or against a fixed budget
	// when there is nothing to compare with.
	lines, others := -1, 0
	var length float64
	if c.Diff != nil {
		lines = 0
		for _, f := range c.Diff.Files {
			if f == nil || f.Added < 0 || f.Deleted < 0 {
				return heuristics.Result{}, fmt.Errorf("verbosity: invalid file in diff: %+v", f)
			}
			if f.Reviewable() && !f.Binary && f.Lines() > 0 {
				lines += f.Lines()
			} else {
				others++ // not read line by line: binary, generated, ..., or renamed as it is
			}
		}
		res.Metrics["reviewable_lines"] = float64(lines)
		res.Metrics["other_files"] = float64(others)
	}
	compared := max(lines, 0) + others**cfg.OtherFileLines
	budget := compared == 0
	if budget {
		res.Metrics["budget_tokens"] = float64(cfg.BudgetTokens)
		if prose > cfg.BudgetTokens {
			length = scoring.Ramp(float64(prose), float64(cfg.BudgetTokens), 10*float64(cfg.BudgetTokens))
		}
	} else {
		res.Metrics["compared_lines"] = float64(compared)
		per := float64(prose) / float64(compared)
		res.Metrics["prose_tokens_per_line"] = math.Round(per*100) / 100
		if prose > cfg.FloorTokens && lines < cfg.LargeDiffLines {
			excess := float64(prose-cfg.FloorTokens) / float64(compared)
			length = scoring.Ramp(excess, cfg.RelaxedTokensPerLine, cfg.ExcessiveTokensPerLine)
		}
	}

	// Restating the diff.
	var restate float64
	var rs restatement
	if c.Diff != nil {
		rs = v.restatement(parts, c.Diff)
		res.Metrics["changed_paths"] = float64(rs.paths)
		res.Metrics["named_paths"] = float64(rs.namedPaths)
		res.Metrics["changed_identifiers"] = float64(rs.idents)
		res.Metrics["named_identifiers"] = float64(rs.namedIdents)
		named, all := rs.namedPaths+rs.namedIdents, rs.paths+rs.idents
		if all > 0 {
			res.Metrics["restate_share"] = math.Round(float64(named)/float64(all)*1000) / 1000
		}
		if share := float64(named) / float64(max(all, 1)); prose > cfg.FloorTokens && named >= max(cfg.RestateMinNamed, 1) && share >= minRestateShare {
			restate = share
		}
	}

	// Hidden text.
	hy := scanHygiene(c.Body)
	res.Metrics["invisible_chars"] = float64(hy.invisible)
	res.Metrics["bidi_controls"] = float64(hy.bidi)
	res.Metrics["invalid_utf8_bytes"] = float64(hy.invalid)
	var hidden float64
	longComment, instructs := false, 0
	var comments []DescriptionPart
	var instructing []bool // by comment: it instructs AI reviewers
	hiddenTokens := 0
	for _, p := range parts {
		if p.Kind == "comment" && p.Note == "" { // not a tool's marker
			comments = append(comments, p)
			hiddenTokens += p.Tokens
			instructing = append(instructing, instructsReviewer(p.Text))
			if instructing[len(instructing)-1] {
				instructs++
			}
			if p.Tokens >= cfg.HiddenCommentTokens {
				longComment = true
			}
		}
	}
	res.Metrics["hidden_comment_tokens"] = float64(hiddenTokens)
	res.Metrics["hidden_instructions"] = float64(instructs)
	if longComment || instructs > 0 || hy.invisible > 0 || hy.bidiOverride > 0 {
		hidden = 1
	}

	// Nothing explained.
	ex := explanation(parts, c.Commits)
	res.Metrics["own_words"] = float64(ex.words)
	var unexplained float64
	revert := scoring.Revert(c)
	if revert {
		res.Metrics["revert"] = 1
	}
	if !ex.explained() && !revert && lines > *cfg.UnexplainedLines {
		unexplained = *cfg.UnexplainedWeight * scoring.Ramp(float64(lines), float64(max(*cfg.UnexplainedLines, 1)), float64(max(cfg.LargeDiffLines, *cfg.UnexplainedLines+1)))
	}

	res.Metrics["length_score"] = round3(length)
	res.Metrics["restate_score"] = round3(restate)
	res.Metrics["hidden_score"] = round3(hidden)
	res.Metrics["unexplained_score"] = round3(unexplained)
	score := 1 - (1-length)*(1-*cfg.RestateWeight*restate)*(1-*cfg.HiddenWeight*hidden)*(1-unexplained)
	res.Score = round3(math.Min(1, math.Max(0, score)))

	// Evidence, most important first.
	switch {
	case length > 0 && budget:
		what := "No diff to compare with"
		if c.Diff != nil {
			what = "No changed lines or files to compare with"
		}
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule: "verbosity-length",
			Message: fmt.Sprintf("%s: %s tokens of prose against a fixed budget of %s tokens (the score rises past the budget and peaks at ten times the budget).",
				what, wording.Commas(prose), wording.Commas(cfg.BudgetTokens)),
			Field: heuristics.FieldBody,
		})
	case length > 0:
		of := wording.Plural(lines, "reviewable changed line")
		switch {
		case others > 0 && lines == 0:
			of = fmt.Sprintf("%s not read line by line (%d lines each)", wording.Plural(others, "file"), *cfg.OtherFileLines)
		case others > 0:
			of += fmt.Sprintf(" and %s not read line by line (%d lines each)", wording.Plural(others, "other file"), *cfg.OtherFileLines)
		}
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule: "verbosity-length",
			Message: fmt.Sprintf("%s tokens of prose for %s: %s tokens a line beyond the first %d tokens (the score rises from %v tokens a line and peaks at %v tokens a line).",
				wording.Commas(prose), of,
				wording.Commas(int(math.Round(float64(prose-cfg.FloorTokens)/float64(compared)))),
				cfg.FloorTokens, cfg.RelaxedTokensPerLine, cfg.ExcessiveTokensPerLine),
			Field: heuristics.FieldBody,
		})
	}
	if !ex.explained() {
		res.Evidence = append(res.Evidence, ex.evidence(c.Body, byKind, lines, unexplained)...)
	}
	if restate > 0 {
		res.Evidence = append(res.Evidence, rs.evidence...)
	}
	if length > 0 || restate > 0 {
		res.Evidence = append(res.Evidence, longestSections(parts, cfg.Sections, length > 0)...)
	}
	for i, p := range comments {
		if instructing[i] {
			res.Evidence = append(res.Evidence, heuristics.Evidence{
				Rule:    "verbosity-hidden-instruction",
				Message: "An HTML comment, hidden when the description is rendered, addresses AI reviewers or tools with an instruction (approve, ignore, merge, do not report): counted as hidden text whatever its length.",
				Field:   heuristics.FieldBody, Line: p.Line, Snippet: wording.Snippet(p.Text, 120),
			})
		}
		if p.Tokens < cfg.HiddenCommentTokens && !sentenceLike(p.Text) {
			continue
		}
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule:    "verbosity-hidden-comment",
			Message: fmt.Sprintf("An HTML comment of about %s (%s), hidden when the description is rendered.", wording.Plural(wording.Words(p.Text), "word"), wording.Plural(p.Tokens, "token")),
			Field:   heuristics.FieldBody, Line: p.Line, Snippet: wording.Snippet(p.Text, 120),
		})
	}
	if hy.invisible > 0 {
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule:    "verbosity-invisible-chars",
			Message: fmt.Sprintf("%s as nothing (%s), first on line %d.", wording.Count(hy.invisible, "invisible character that renders", "invisible characters that render"), hy.invisibleKinds(), hy.invisibleLine),
			Field:   heuristics.FieldBody, Line: hy.invisibleLine, Snippet: hy.invisibleSnippet,
		})
	}
	if hy.bidi > 0 {
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule:    "verbosity-bidi-controls",
			Message: fmt.Sprintf("%s that can reorder how text displays, first on line %d.", wording.Plural(hy.bidi, "bidirectional control character"), hy.bidiLine),
			Field:   heuristics.FieldBody, Line: hy.bidiLine, Snippet: hy.bidiSnippet,
		})
	}
	if hy.invalid > 0 {
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule:    "verbosity-invalid-utf8",
			Message: fmt.Sprintf("%s not valid UTF-8, first on line %d; counted as U+FFFD.", wording.Plural(hy.invalid, "byte"), hy.invalidLine),
			Field:   heuristics.FieldBody, Line: hy.invalidLine,
		})
	}

	words := countProseWords(parts)
	res.Summary = verbositySummary(prose, words, lines, budget, byKind)
	res.Advice = verbosityAdvice(words, lines, length, restate, rs, hidden, hy, longComment || instructs > 0, isCommitMessage(c))
	// With the repository's template at hand, the template scorer asks
	// the author to fill in an empty or untouched template; asking again
	// here would say the same thing twice.
	templateAsks := c.Template != "" && (strings.TrimSpace(c.Body) == "" || templateOnly(byKind))
	switch {
	case unexplained == 0 || templateAsks:
	case ex.words == 0 && len(ex.links) > 0:
		them := "it"
		if len(ex.links) > 1 {
			them = "them"
		}
		res.Advice = strings.TrimSpace(fmt.Sprintf("This change has %s and the description only links %s. "+
			"One sentence on what the change does and why would save a reviewer opening %s. ",
			changeSize(lines), ex.linked(), them) + res.Advice)
	default:
		res.Advice = strings.TrimSpace(fmt.Sprintf("This change has %s and the description does not say what it does or why. "+
			"A few sentences on the problem, the approach and what to check first would let a reviewer start. ",
			changeSize(lines)) + res.Advice)
	}
	return res, nil
}

// descriptionUnknown reports whether c carries no description at all:
// no title, no body and no commit message. A pull request always has a
// title, and a commit or a git format-patch mail a message, so such a
// contribution is a bare diff ("git diff | heft score -") whose
// description the caller does not know: it is unknown, not empty, and the
// verbosity scorer is not applicable. A title over an empty body is a
// real empty description.
func descriptionUnknown(c *heuristics.Contribution) bool {
	if strings.TrimSpace(c.Title) != "" || strings.TrimSpace(c.Body) != "" {
		return false
	}
	for _, cm := range c.Commits {
		if strings.TrimSpace(cm.Message) != "" {
			return false
		}
	}
	return true
}

// minRestateShare is the share of the changed paths and identifiers the
// prose must name before it counts as restating the diff. Below a
// quarter, the names point a reviewer at where to start in a larger
// change (three files of a hundred) rather than walk through it.
const minRestateShare = 0.25

// minOwnWords is how many words of the author's own a description needs
// to explain anything: about a title's worth.
const minOwnWords = 5

// minCommitWords is how many words a commit message needs, beyond its
// subject and trailers, to explain a change.
const minCommitWords = 20

// explained is what a description explains in the author's own words.
type explained struct {
	words        int // words of the author's own prose, tables and visible HTML
	commitWords  int // words of the longest commit message body
	placeholders []DescriptionPart
	emptyHeads   int // headings with nothing of the author's own under them
	firstHead    DescriptionPart
	checkboxes   int
	template     int      // template parts: supplied template lines and instructions
	links        []string // the issues that lines only closing or linking an issue name: "#12"
}

func (e explained) explained() bool { return e.words >= minOwnWords || e.commitWords >= minCommitWords }

// explanation reads what of the description is the author's own:
// prose that is not a heading, a checkbox of a list or placeholder
// text, and tables.
func explanation(parts []DescriptionPart, commits []heuristics.Commit) explained {
	var e explained
	head, headOwn := false, false
	for _, p := range parts {
		switch {
		case p.Kind == "template":
			e.template++
			continue
		case p.Kind != "prose" && p.Kind != "html" && p.Kind != "table":
			continue
		case isHeading(p):
			if head && !headOwn {
				e.emptyHeads++
			}
			if e.firstHead.Line == 0 {
				e.firstHead = p
			}
			head, headOwn = true, false
			continue
		case isCheckbox(p):
			e.checkboxes++
			continue
		case placeholder.Text(p.Text):
			e.placeholders = append(e.placeholders, p)
			continue
		}
		if n := e.ownWords(p.Text); n > 0 {
			e.words += n
			headOwn = true
		}
	}
	if head && !headOwn {
		e.emptyHeads++
	}
	for _, c := range commits {
		e.commitWords = max(e.commitWords, commitWords(c.Message))
	}
	return e
}

// issueLineRE matches a line that only closes or links issues: "Closes
// #12", "- Fixes owner/repo#3, fixes #4", "Resolves https://…/issues/7".
var issueLineRE = lazyre.New(`(?i)^\s*(?:[-*+]\s+)?(?:(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?|refs?|see|related to|part of)\s*:?\s+)?` + issueRef +
	`(?:\s*(?:,|&|and)?\s*(?:(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+)?` + issueRef + `)*\s*\.?\s*$`)

// issueRef is one reference to an issue: #12, owner/repo#12, GH-12 or
// an issue or pull request URL.
const issueRef = `(?:[\w.-]+/[\w.-]+#\d+|#\d+|GH-\d+|<?https?://\S+?/(?:issues|pull|pulls|merge_requests)/\d+[^\s,]*?>?)`

var issueRefRE = lazyre.New(`(?i)` + issueRef)

// ownWords counts the words of text that are the author's own, leaving
// out lines that only close or link an issue ("Closes #12"), whose
// references it adds to e.links.
func (e *explained) ownWords(text string) int {
	if !strings.Contains(text, "#") && !strings.Contains(text, "/") && !wording.ContainsFold(text, "gh-") {
		return wording.Words(text)
	}
	n := 0
	for line := range strings.Lines(text) {
		if !issueLineRE.MatchString(line) {
			n += wording.Words(line)
			continue
		}
		for _, ref := range issueRefRE.FindAllString(line, -1) {
			ref = issueName(ref)
			if !slices.Contains(e.links, ref) {
				e.links = append(e.links, ref)
			}
		}
	}
	return n
}

// issueName is how advice names an issue reference: as written, or
// "owner/repo#12" for a GitHub URL.
func issueName(ref string) string {
	ref = strings.Trim(ref, "<>")
	if rest, ok := strings.CutPrefix(strings.TrimPrefix(strings.TrimPrefix(ref, "https://"), "http://"), "github.com/"); ok {
		if f := strings.Split(rest, "/"); len(f) >= 4 {
			return f[0] + "/" + f[1] + "#" + f[3]
		}
	}
	return ref
}

// linked names the issues the description links: "#12", "#12 and #13",
// "#1, #2, #3 and 2 more".
func (e explained) linked() string { return wording.ListMax(e.links, 3) }

// commitWords counts the words of a commit message after its subject
// line, leaving out its trailers ("Signed-off-by: A <a@example.com>") as
// git finds them: in the last paragraph only (disclosure.Trailers), so a
// line of prose such as "Note: this keeps the old path" in the body
// counts.
func commitWords(message string) int {
	msg := strings.TrimSpace(message)
	nl := strings.IndexByte(msg, '\n')
	if nl < 0 {
		return 0
	}
	n, at := 0, nl+1
	for _, t := range disclosure.Trailers(msg) {
		if t.Start > at {
			n += wording.Words(msg[at:t.Start])
		}
		at = max(at, t.End)
	}
	if at < len(msg) {
		n += wording.Words(msg[at:])
	}
	return n
}

// evidence says how the description explains nothing: empty, the
// template left as it is, placeholder text, or only headings and
// checkboxes. The template-only and placeholder findings are reported
// whatever the size of the change; the others only with a score.
func (e explained) evidence(body string, byKind map[string]int, lines int, score float64) []heuristics.Evidence {
	change := changeSize(lines)
	var ev []heuristics.Evidence
	switch {
	case strings.TrimSpace(body) == "":
		if score > 0 {
			ev = append(ev, heuristics.Evidence{Rule: "verbosity-no-description",
				Message: fmt.Sprintf("The description is empty: nothing says what this change of %s does or why.", change),
				Field:   heuristics.FieldBody})
		}
	case len(e.placeholders) > 0:
		p := e.placeholders[0]
		many := "" // "placeholder text (1 placeholder)" says the same thing twice
		if len(e.placeholders) > 1 {
			many = " (" + wording.Plural(len(e.placeholders), "placeholder") + ")"
		}
		ev = append(ev, heuristics.Evidence{Rule: "verbosity-placeholder",
			Message: fmt.Sprintf("The description is placeholder text%s, nothing of the author's own, for %s.", many, change),
			Field:   heuristics.FieldBody, Line: p.Line, Snippet: wording.Snippet(p.Text, 80)})
	case templateOnly(byKind):
		ev = append(ev, heuristics.Evidence{Rule: "verbosity-template-only",
			Message: "The description is the pull request template with nothing of the author's own.",
			Field:   heuristics.FieldBody, Line: 1})
	case score > 0 && e.words == 0 && len(e.links) > 0:
		ev = append(ev, heuristics.Evidence{Rule: "verbosity-no-description",
			Message: fmt.Sprintf("The description only links %s: nothing of the author's own says what this change of %s does or why.", e.linked(), change),
			Field:   heuristics.FieldBody})
	case score > 0:
		var what []string
		if len(e.links) > 0 {
			what = append(what, "links to "+e.linked())
		}
		if e.emptyHeads > 0 {
			what = append(what, wording.Plural(e.emptyHeads, "heading")+" with nothing under them")
		}
		if e.checkboxes > 0 {
			what = append(what, wording.Plural(e.checkboxes, "checklist item"))
		}
		if e.template > 0 {
			what = append(what, wording.Count(e.template, "template line or instruction", "template lines or instructions"))
		}
		msg := fmt.Sprintf("The description has %s of the author's own for %s", wording.Plural(e.words, "word"), change)
		if len(what) > 0 {
			msg += "; the rest is " + strings.Join(what, ", ")
		}
		ev = append(ev, heuristics.Evidence{Rule: "verbosity-no-description", Message: msg + ".", Field: heuristics.FieldBody,
			Line: e.firstHead.Line, Snippet: wording.Snippet(e.firstHead.Text, 80)})
	}
	return ev
}

// changeSize names the size of a change of lines reviewable lines, -1
// for unknown: "120 reviewable changed lines", "a change with no
// reviewable lines".
func changeSize(lines int) string {
	switch {
	case lines < 0:
		return "a change of unknown size"
	case lines == 0:
		return "a change with no reviewable lines"
	}
	return wording.Plural(lines, "reviewable changed line")
}

// templateOnly reports whether the description is its template's lines
// and nothing else, by the token counts of its parts' kinds.
func templateOnly(byKind map[string]int) bool {
	return byKind["prose"] == 0 && byKind["html"] == 0 && byKind["table"] == 0 && byKind["template"] > 0
}

// overLimit is the result for a description over MaxBodyBytes. It is not
// read (that is what the limit bounds), but it is not a pass either: an
// error would leave the verbosity checks out of the verdict, so padding a
// description past the limit would switch them off. No one writes that
// much for a reviewer; the size is the evidence.
func (v *Scorer) overLimit(c *heuristics.Contribution) heuristics.Result {
	return heuristics.Result{
		Scorer: v.Name(),
		Score:  1,
		Metrics: map[string]float64{
			"body_bytes":     float64(len(c.Body)),
			"max_body_bytes": float64(v.cfg.MaxBodyBytes),
		},
		Summary: fmt.Sprintf("The description is %s bytes, over the limit of %s bytes: too long to read, for heft or a reviewer.",
			wording.Commas(len(c.Body)), wording.Commas(v.cfg.MaxBodyBytes)),
		Advice: "Cut the description to what a reviewer needs: what changed and why. Put logs and transcripts in a gist or an issue, and link to them.",
		Evidence: []heuristics.Evidence{{
			Rule: "verbosity-over-limit",
			Message: fmt.Sprintf("%s bytes of description, over the %s-byte limit (the max_body_bytes setting); not read.",
				wording.Commas(len(c.Body)), wording.Commas(v.cfg.MaxBodyBytes)),
			Field: heuristics.FieldBody, Line: 1, Snippet: wording.Snippet(c.Body, 80),
		}},
	}
}

// setAside are the kinds of part the length does not count, in the
// order the summary names them, and how it names them.
var setAside = [...]struct{ kind, where string }{
	{"code", "in code"}, {"details", "in collapsed details"}, {"quote", "quoted"},
	{"table", "in tables"}, {"comment", "in hidden comments"}, {"template", "in the unchanged template"},
}

// verbositySummary says how much prose the description has, in words
// first (what a maintainer reads) and tokens (what the score counts),
// against the reviewable lines, or against the fixed budget when the
// diff has none (budget).
func verbositySummary(prose, words, lines int, budget bool, byKind map[string]int) string {
	var b strings.Builder
	b.WriteString(proseAmount(prose, words))
	switch {
	case lines == 0 && budget:
		b.WriteString(" for no changed lines (compared with a fixed budget)")
	case lines >= 0:
		fmt.Fprintf(&b, " for %s", changeSize(lines))
	default:
		b.WriteString("; no diff to compare with")
	}
	var rest []string
	for _, k := range setAside {
		if n := byKind[k.kind]; n > 0 {
			unit := ""
			if len(rest) == 0 {
				unit = " tokens"
			}
			rest = append(rest, fmt.Sprintf("%s%s %s", wording.Commas(n), unit, k.where))
		}
	}
	if len(rest) > 0 {
		b.WriteString("; not counted: ")
		b.WriteString(strings.Join(rest, ", "))
	}
	b.WriteString(".")
	return b.String()
}

// proseAmount is "About 120 words of prose (170 tokens)", or "No prose"
// when there is none.
func proseAmount(tokens, words int) string {
	if tokens == 0 {
		return "No prose"
	}
	return fmt.Sprintf("About %s of prose (%s)", wording.Plural(words, "word"), wording.Plural(tokens, "token"))
}

// verbosityAdvice is the advice to the author. It speaks in words, not
// tokens: the author pasted prose, not model input, and "455 tokens"
// means nothing to a first-time contributor.
func verbosityAdvice(words, lines int, length, restate float64, rs restatement, hidden float64, hy hygiene, longComment, commit bool) string {
	var out []string
	switch {
	case length > 0:
		s := fmt.Sprintf("The description is %s for %s.", wording.Plural(words, "word"), wording.Plural(lines, "changed line"))
		if lines <= 0 {
			s = fmt.Sprintf("The description is %s long.", wording.Plural(words, "word"))
		}
		if restate > 0 {
			s += " A few sentences on why the change is needed would help the reviewer more than a list of what each file does."
		} else {
			elsewhere := "the commit messages or a linked issue"
			if commit {
				elsewhere = "a linked issue" // the description is the commit message
			}
			s += " A few sentences on why the change is needed and what to check would serve the reviewer better; the details can go in " + elsewhere + "."
		}
		out = append(out, s)
	case restate > 0:
		out = append(out, fmt.Sprintf("The description names %s one by one, which the diff already shows. "+
			"Say instead why the change is needed and what a reviewer should look at first.",
			rs.named()))
	}
	if hidden > 0 {
		var what []string
		if longComment {
			what = append(what, "HTML comments")
		}
		if hy.invisible > 0 {
			what = append(what, "invisible characters")
		}
		if hy.bidiOverride > 0 {
			what = append(what, "bidirectional control characters")
		}
		out = append(out, fmt.Sprintf("Part of the description is hidden from readers (%s). Please remove it or make it visible, so reviewers and tools read the same text.",
			wording.List(what)))
	}
	return strings.Join(out, " ")
}

// isCommitMessage reports whether the description is a commit's message
// after its subject line, as it is for git format-patch input.
func isCommitMessage(c *heuristics.Contribution) bool {
	body := strings.TrimSpace(c.Body)
	if body == "" {
		return false
	}
	for _, cm := range c.Commits {
		if _, rest, ok := strings.Cut(strings.TrimSpace(cm.Message), "\n"); ok && strings.TrimSpace(rest) == body {
			return true
		}
	}
	return false
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// countProseWords counts the words, runs of characters between white space,
// of the prose and visible HTML text parts.
func countProseWords(parts []DescriptionPart) int {
	n := 0
	for _, p := range parts {
		if p.Kind == "prose" || p.Kind == "html" {
			n += wording.Words(p.Text)
		}
	}
	return n
}

// minSectionTokens is the size from which a section is worth pointing at.
const minSectionTokens = 50

// longestSections returns evidence for the n sections with the most prose
// tokens, of those with at least minSectionTokens. A description of one
// section is "the description", and says nothing the length evidence
// does not when sized (the length score is non-zero).
func longestSections(parts []DescriptionPart, n int, sized bool) []heuristics.Evidence {
	type section struct {
		name   string
		line   int
		first  string
		tokens int
		words  int
	}
	var order []*section
	byName := map[string]*section{}
	for _, p := range parts {
		if p.Kind != "prose" && p.Kind != "html" {
			continue
		}
		s := byName[p.Section]
		if s == nil {
			s = &section{name: p.Section, line: p.Line, first: p.Text}
			byName[p.Section] = s
			order = append(order, s)
		}
		s.tokens += p.Tokens
		s.words += countProseWords([]DescriptionPart{p})
	}
	if len(order) == 1 && sized {
		return nil
	}
	slices.SortStableFunc(order, func(a, b *section) int { return b.tokens - a.tokens })
	var ev []heuristics.Evidence
	for _, s := range order[:min(n, len(order))] {
		if s.tokens < minSectionTokens {
			break
		}
		label := "The section " + wording.Quote(strings.TrimRight(s.name, ": "))
		switch {
		case len(order) == 1:
			label = "The description"
		case s.name == "":
			label = "The text before the first heading"
		}
		ev = append(ev, heuristics.Evidence{
			Rule:    "verbosity-long-section",
			Message: fmt.Sprintf("%s has %s.", label, strings.ToLower(proseAmount(s.tokens, s.words)[:1])+proseAmount(s.tokens, s.words)[1:]),
			Field:   heuristics.FieldBody, Line: s.line, Snippet: wording.Snippet(s.first, 80),
		})
	}
	return ev
}

// restatement is what the prose names of the diff.
type restatement struct {
	paths, namedPaths   int
	idents, namedIdents int
	evidence            []heuristics.Evidence
}

// named says what the description names of the diff: "all 3 changed
// files and 1 of the 2 functions and types declared on added lines",
// leaving out a kind it names none of.
func (rs restatement) named() string {
	var out []string
	if rs.namedPaths > 0 || rs.namedIdents == 0 {
		out = append(out, wording.Of(rs.namedPaths, rs.paths, "changed file", "changed files"))
	}
	if rs.namedIdents > 0 {
		out = append(out, wording.Of(rs.namedIdents, rs.idents, "function or type", "functions and types")+" declared on added lines")
	}
	return strings.Join(out, " and ")
}

// maxRestateItems bounds how many paths and identifiers are looked for.
const maxRestateItems = 2000

// declRE finds the names that declarations on added lines introduce, in
// the common languages: Go, Python, Ruby, Rust, JavaScript/TypeScript,
// Java/C#/Kotlin/Swift, C/C++ types. RE2 keeps it linear.
var declRE = lazyre.New(declExpr)

// declExpr is declRE's expression, of three alternatives: a declaring
// keyword (one of declWords), modifiers before a name, a variable
// holding a function. Only the first can match after the start of a
// line (the others begin with ^).
var declExpr = declWordExpr + "|" + declModsExpr + "|" + declVarExpr

// declWords are the declaring keywords of declWordExpr.
var declWords = [...]string{"func", "def", "class", "type", "struct", "interface", "enum", "trait", "fn", "function", "module", "protocol", "record", "object"}

var declWordExpr = `(?:^|[^\w$])(?:` + strings.Join(declWords[:], "|") + `)\s+(?:\([^)]*\)\s*)?([A-Za-z_$][\w$]*)`

const (
	declModsExpr = `^\s*(?:(?:public|private|protected|internal|static|final|abstract|async|override|virtual|export|default)\s+)+(?:[\w<>\[\],.?]+\s+)*?([A-Za-z_$][\w$]*)\s*[(<=]`
	declVarExpr  = `^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:\(|function)`
)

// declAtStartRE is declRE anchored at the start of the text, and
// declWordAtRE its first alternative anchored there: declMatches runs
// them where a match can begin rather than letting the regexp package
// try every byte of the line.
var (
	declAtStartRE = lazyre.New(`\A(?:` + declExpr + `)`)
	declWordAtRE  = lazyre.New(`\A(?:` + declWordExpr + `)`)
)

// declFirst marks the first bytes of declWords.
var declFirst = func() (first [256]bool) {
	for _, w := range declWords {
		first[w[0]] = true
	}
	return first
}()

// declMatches returns what declRE.FindAllStringSubmatch(text, 4) does.
// A match begins at byte 0 (any alternative) or, later, one byte before
// one of declWords (the first alternative, whose [^\w$] takes that byte
// when it is ASCII): so the pattern is run anchored at 0 and then only at
// those bytes. A text with non-ASCII bytes, where [^\w$] may take a
// longer rune, goes to declRE itself.
func declMatches(text string) [][]string {
	for i := range len(text) {
		if text[i] >= 0x80 {
			return declRE.FindAllStringSubmatch(text, 4)
		}
	}
	var out [][]string
	pos := 0 // where the next match may begin
	if m := declAtStartRE.FindStringSubmatch(text); m != nil {
		out = append(out, m)
		pos = len(m[0])
	}
	for q := max(pos+1, 1); q < len(text) && len(out) < 4; q++ {
		if !declWordAt(text, q) {
			continue
		}
		p := q - 1
		loc := declWordAtRE.FindStringSubmatchIndex(text[p:])
		if loc == nil {
			continue
		}
		out = append(out, []string{text[p : p+loc[1]], text[p+loc[2] : p+loc[3]], "", ""})
		pos = p + loc[1]
		q = pos // the loop's q++ makes it pos+1: the next match begins at pos or after
	}
	return out
}

// declWordAt reports whether one of declWords begins at byte q of text.
func declWordAt(text string, q int) bool {
	if !declFirst[text[q]] {
		return false
	}
	for _, w := range declWords {
		if strings.HasPrefix(text[q:], w) {
			return true
		}
	}
	return false
}

// declStarts are the words a declaration line starts with.
var declStarts = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"func": true, "def": true, "class": true, "type": true, "struct": true, "interface": true, "enum": true,
		"trait": true, "fn": true, "function": true, "module": true, "protocol": true, "record": true, "object": true,
		"public": true, "private": true, "protected": true, "internal": true, "static": true, "final": true,
		"abstract": true, "async": true, "override": true, "virtual": true, "export": true, "default": true,
		"const": true, "let": true, "var": true, "pub": true, "impl": true, "data": true, "sealed": true,
		"open": true, "typedef": true, "package": false,
	}
})

// mayDeclare reports whether a line starts with a word a declaration can
// start with, so most lines skip the declaration pattern.
func mayDeclare(line string) bool {
	line = strings.TrimLeft(line, " \t")
	end := strings.IndexFunc(line, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(line)
	}
	return declStarts()[line[:end]]
}

// declKeywords are words the declaration pattern can catch that are not
// names.
var declKeywords = sync.OnceValue(func() map[string]bool {
	return map[string]bool{"void": true, "class": true, "function": true, "const": true, "new": true, "return": true, "async": true, "static": true}
})

// restatement finds the changed paths and the names declared on added
// lines of reviewable files, and which of them the prose names.
func (v *Scorer) restatement(parts []DescriptionPart, d *diffstat.Diff) restatement {
	var rs restatement
	items := map[string][]int{} // a word of prose -> items it names
	var labels []string
	isPath := []bool{}
	add := func(key string, item int) {
		if !slices.Contains(items[key], item) {
			items[key] = append(items[key], item)
		}
	}
	budget := v.cfg.MaxDiffLines
	seenIdent := map[string]bool{}
	for _, f := range d.Files {
		if f == nil || !f.Reviewable() || len(labels) >= maxRestateItems {
			continue
		}
		p := f.Path()
		i := len(labels)
		labels = append(labels, p)
		isPath = append(isPath, true)
		rs.paths++
		add(p, i)
		if base := path.Base(p); base != p && distinctiveFile(base) {
			add(base, i)
		}
		if budget <= 0 || f.Added == 0 {
			continue
		}
		hunks, err := f.Hunks()
		if err != nil {
			continue // no patch kept: paths only
		}
		for _, h := range hunks {
			for _, l := range h.Lines {
				if l.Op != diffstat.LineAdded || budget <= 0 {
					continue
				}
				budget--
				text := l.Text
				if len(text) > 400 {
					text = text[:400]
				}
				if !mayDeclare(text) {
					continue
				}
				for _, m := range declMatches(text) {
					name := m[1] + m[2] + m[3]
					if len(name) < 4 || declKeywords()[name] || seenIdent[name] || len(labels) >= maxRestateItems {
						continue
					}
					seenIdent[name] = true
					j := len(labels)
					labels = append(labels, name)
					isPath = append(isPath, false)
					rs.idents++
					add(name, j)
				}
			}
		}
	}
	if len(labels) == 0 {
		return rs
	}
	named := make([]bool, len(labels))
	type mention struct {
		part  DescriptionPart
		items []int
	}
	var mentions []mention
	for _, p := range parts {
		if p.Kind != "prose" && p.Kind != "html" {
			continue
		}
		var here []int
		code := codeSpans(p.Text)
		for _, w := range proseWords(p.Text) {
			for _, it := range items[w] {
				if !isPath[it] && !distinctiveIdent(labels[it]) && !code[w] {
					continue // "update" in prose is a word, not the function
				}
				if !slices.Contains(here, it) {
					here = append(here, it)
				}
			}
		}
		for _, it := range here {
			if !named[it] {
				named[it] = true
				if isPath[it] {
					rs.namedPaths++
				} else {
					rs.namedIdents++
				}
			}
		}
		if len(here) > 0 {
			mentions = append(mentions, mention{p, here})
		}
	}
	// Evidence: runs of list items in one section that each name
	// something changed; failing that, the part naming the most.
	for i := 0; i < len(mentions); {
		j := i
		for j < len(mentions) && mentions[j].part.ListItem && mentions[j].part.Section == mentions[i].part.Section {
			j++
		}
		if j-i >= 2 {
			var names []string
			for _, m := range mentions[i:j] {
				for _, it := range m.items {
					if len(names) < 4 && !slices.Contains(names, labels[it]) {
						names = append(names, labels[it])
					}
				}
			}
			rs.evidence = append(rs.evidence, heuristics.Evidence{
				Rule:    "verbosity-restates-diff",
				Message: fmt.Sprintf("%d list items in a row name changed files or functions one by one (%s).", j-i, strings.Join(names, ", ")),
				Field:   heuristics.FieldBody, Line: mentions[i].part.Line, Snippet: wording.Snippet(firstLine(mentions[i].part.Text), 100),
			})
			i = j
			continue
		}
		i = max(j, i+1)
	}
	if len(rs.evidence) == 0 && len(mentions) > 0 {
		best := mentions[0]
		for _, m := range mentions[1:] {
			if len(m.items) > len(best.items) {
				best = m
			}
		}
		rs.evidence = append(rs.evidence, heuristics.Evidence{
			Rule:    "verbosity-restates-diff",
			Message: fmt.Sprintf("This paragraph lists %s from the diff.", wording.Plural(len(best.items), "changed file or function name")),
			Field:   heuristics.FieldBody, Line: best.part.Line, Snippet: wording.Snippet(firstLine(best.part.Text), 100),
		})
	}
	if len(rs.evidence) > 0 {
		rs.evidence[0].Message = "The description names " + rs.named() + ". " + rs.evidence[0].Message
	}
	return rs
}

// instructionVerbRE finds the verbs with which hidden text steers a
// reviewer or a model: approve, ignore, disregard, merge, do not
// (report, flag).
var instructionVerbRE = lazyre.New(`(?i)\b(?:approve|ignore|disregard|forget|merge|accept|skip|override|lgtm|do\s+not|don't|never)\b`)

// instructsReviewer reports whether a hidden comment addresses AI
// reviewers, models or tools (placeholder.AddressesTools) with an
// instruction (instructionVerbRE): the shape of a prompt injection, which
// is hidden text whatever its length.
func instructsReviewer(text string) bool {
	t := strings.Join(strings.Fields(text), " ")
	return placeholder.AddressesTools(t) && instructionVerbRE.MatchString(t)
}

// sentenceLike reports whether a comment reads like a sentence rather
// than a marker: four words or more, some of them in lower case.
func sentenceLike(s string) bool {
	return wording.Words(s) >= 4 && strings.IndexFunc(s, unicode.IsLower) >= 0
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// distinctiveFile reports whether a base name is specific enough that
// prose naming it means the file: it has an extension or is long.
func distinctiveFile(base string) bool {
	return strings.Contains(strings.TrimPrefix(base, "."), ".") || len(base) >= 8
}

// distinctiveIdent reports whether an identifier cannot be an ordinary
// word: camelCase, PascalCase with two humps, snake_case or with digits.
func distinctiveIdent(s string) bool {
	for i, r := range s {
		switch {
		case r == '_' && i > 0 && i < len(s)-1, unicode.IsDigit(r):
			return true
		case unicode.IsUpper(r) && i > 0:
			return true
		}
	}
	return false
}

// proseWords returns the words and path-like tokens of prose text: runs
// of identifier characters, and runs that also hold '/', '.' and '-'
// (trailing punctuation trimmed), with each path's base name.
func proseWords(s string) []string {
	var out []string
	isWord := func(r rune) bool { return r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r) }
	isPathRune := func(r rune) bool { return isWord(r) || r == '/' || r == '.' || r == '-' }
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !isPathRune(r) }) {
		f = strings.Trim(f, ".-/")
		if f == "" {
			continue
		}
		out = append(out, f)
		if strings.ContainsAny(f, "/.-") {
			if i := strings.LastIndexByte(f, '/'); i >= 0 && i+1 < len(f) {
				out = append(out, f[i+1:])
			}
			out = append(out, strings.FieldsFunc(f, func(r rune) bool { return !isWord(r) })...)
		}
	}
	return out
}

// codeSpans returns the words inside `code spans` of s.
func codeSpans(s string) map[string]bool {
	if !strings.Contains(s, "`") {
		return nil
	}
	m := map[string]bool{}
	parts := strings.Split(s, "`")
	for i := 1; i < len(parts); i += 2 {
		for _, w := range proseWords(parts[i]) {
			m[w] = true
		}
	}
	return m
}

// hygiene is what scanHygiene found: characters a reader does not see.
type hygiene struct {
	invisible, bidi, bidiOverride, invalid int
	invisibleLine, bidiLine, invalidLine   int
	invisibleSnippet, bidiSnippet          string
	kinds                                  map[rune]int
}

func (h hygiene) invisibleKinds() string {
	var rs []rune
	for r := range h.kinds {
		rs = append(rs, r)
	}
	slices.Sort(rs)
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("U+%04X ×%d", r, h.kinds[r]))
	}
	return strings.Join(out, ", ")
}

// scanHygiene counts invalid UTF-8, invisible characters and
// bidirectional controls in s. Joiners and selectors inside emoji
// sequences, tag characters in flag sequences, a zero-width non-joiner or
// joiner between letters of scripts that use them, and a byte order mark
// at the very start are ordinary text and not counted.
func scanHygiene(s string) hygiene {
	h := hygiene{kinds: map[rune]int{}}
	line := 1
	prev := rune(-1)
	flag := false // inside a subdivision flag: U+1F3F4 then tag characters
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			// No ASCII character is invisible, a bidi control or
			// invalid: a run of them only counts lines.
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf {
				j++
			}
			line += strings.Count(s[i:j], "\n")
			prev, flag, i = rune(s[j-1]), false, j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		isTag := r >= 0xE0020 && r <= 0xE007F
		flag = isTag && (prev == 0x1F3F4 || flag)
		switch {
		case r == utf8.RuneError && size == 1:
			h.invalid++
			if h.invalidLine == 0 {
				h.invalidLine = line
			}
		case isBidi(r):
			h.bidi++
			if r != 0x200E && r != 0x200F && r != 0x061C {
				h.bidiOverride++
			}
			if h.bidiLine == 0 {
				h.bidiLine = line
				h.bidiSnippet = around(s, i, size)
			}
		case isInvisible(r) && !flag && !legitInvisible(r, prev, nextRune(s[i+size:]), i):
			h.invisible++
			h.kinds[r]++
			if h.invisibleLine == 0 {
				h.invisibleLine = line
				h.invisibleSnippet = around(s, i, size)
			}
		}
		prev = r
		i += size
	}
	return h
}

// around quotes the text around s[i:i+n], with invisible characters
// spelled out as <U+XXXX>.
func around(s string, i, n int) string {
	a, b := max(0, i-30), min(len(s), i+n+30)
	for a > 0 && !utf8.RuneStart(s[a]) {
		a--
	}
	for b < len(s) && !utf8.RuneStart(s[b]) {
		b++
	}
	var out strings.Builder
	for _, r := range s[a:b] {
		if isBidi(r) || isInvisible(r) {
			fmt.Fprintf(&out, "<U+%04X>", r)
			continue
		}
		if r == '\n' || r == '\r' || r == '\t' {
			r = ' '
		}
		out.WriteRune(r)
	}
	return strings.TrimSpace(out.String())
}

// nextRune is the first rune of s, utf8.RuneError for none.
func nextRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isBidi(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}

// isInvisible reports format characters and others that render as
// nothing: zero-width space, joiners, word joiner, soft hyphen, byte order
// mark, invisible operators, tag characters, Hangul fillers and the like.
func isInvisible(r rune) bool {
	switch r {
	case 0x00AD, 0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFFA0, 0xFEFF:
		return true
	}
	return (r >= 0x200B && r <= 0x200D) || (r >= 0x2060 && r <= 0x2064) || (r >= 0xE0000 && r <= 0xE007F) ||
		(r >= 0xFE00 && r <= 0xFE0F && r != 0xFE0E && r != 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF)
}

func legitInvisible(r, prev, next rune, at int) bool {
	switch {
	case r == 0xFEFF && (at == 0 || prev == '\n'):
		return true // a byte order mark pasted with a file's first line
	case r == 0x200B && prev == '@':
		return true // "@<U+200B>name": keeps a mention from notifying anyone
	case r == 0x200D && (isEmoji(prev) || prev == 0xFE0F) && isEmoji(next):
		return true // emoji ZWJ sequence: 👨‍👩‍👧
	case (r == 0x200C || r == 0x200D) && unicode.IsLetter(prev) && unicode.IsLetter(next) && !isLatin(prev):
		return true // Persian, Indic scripts
	}
	return false
}

func isEmoji(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r == 0x2640 || r == 0x2642 || r == 0x2695 || r == 0x2708 || r == 0x2764
}

func isLatin(r rune) bool { return r < 0x0250 || unicode.Is(unicode.Latin, r) }

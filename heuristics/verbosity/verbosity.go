package verbosity

import (
	"cmp"
	"context"
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
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/lazyre"
	"github.com/heft-dev/heft/internal/mdsplit"
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
	// CODING AGENT TIPS". Default 20.
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
	return c
}

// Validate reports a configuration the verbosity scorer cannot use,
// naming the field.
func (c Config) Validate() error {
	d := c.withDefaults()
	bad := func(format string, args ...any) error {
		return fmt.Errorf("verbosity: %w: "+format, append([]any{heuristics.ErrInvalidConfig}, args...)...)
	}
	if _, err := tokenizer.ParseEncoding(d.Encoding); err != nil {
		return bad("encoding %q: want o200k_base or cl100k_base", d.Encoding)
	}
	switch {
	case d.FloorTokens < 0:
		return bad("floor_tokens %d is negative", d.FloorTokens)
	case d.RelaxedTokensPerLine <= 0 || d.ExcessiveTokensPerLine <= d.RelaxedTokensPerLine:
		return bad("excessive_tokens_per_line %v must be above relaxed_tokens_per_line %v, both positive",
			d.ExcessiveTokensPerLine, d.RelaxedTokensPerLine)
	case d.LargeDiffLines < 0:
		return bad("large_diff_lines %d is negative", d.LargeDiffLines)
	case d.RestateMinNamed < 0:
		return bad("restate_min_named %d is negative", d.RestateMinNamed)
	case !(*d.RestateWeight >= 0 && *d.RestateWeight <= 1):
		return bad("restate_weight %v is not in [0, 1]", *d.RestateWeight)
	case d.HiddenCommentTokens < 0:
		return bad("hidden_comment_tokens %d is negative", d.HiddenCommentTokens)
	case !(*d.HiddenWeight >= 0 && *d.HiddenWeight <= 1):
		return bad("hidden_weight %v is not in [0, 1]", *d.HiddenWeight)
	case d.Sections < 0:
		return bad("sections %d is negative", d.Sections)
	case d.MaxBodyBytes < 0:
		return bad("max_body_bytes %d is negative", d.MaxBodyBytes)
	case d.MaxDiffLines < 0:
		return bad("max_diff_lines %d is negative", d.MaxDiffLines)
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
//   - length: prose tokens above FloorTokens per reviewable changed line,
//     on a log ramp from RelaxedTokensPerLine to ExcessiveTokensPerLine;
//     0 up to the floor and from LargeDiffLines;
//   - restating: the share of changed file paths and of names of
//     functions and types declared on added lines that the prose names;
//     0 up to the floor or below RestateMinNamed names;
//   - hidden: 1 for an HTML comment of HiddenCommentTokens or more that
//     the author added, for invisible characters or for bidirectional
//     embeddings, overrides and isolates; 0 otherwise.
//
// Known false positives: without Contribution.Template, a template's
// comments and checklists count as the author's (its comments are
// reported as hidden text); a subtle one-line fix (a security or
// concurrency bug) can deserve a long explanation; the same content takes
// more tokens in some languages than in English. Names are found on added
// lines that start with a declaration keyword of common languages
// (func, def, class, fn, public, ...), so some are missed.
type Scorer struct {
	cfg     Config
	counter TokenCounter                       // set by NewWith
	load    func() (*tokenizer.Encoder, error) // the shared encoder, loaded on first use
}

// New returns the verbosity scorer, counting tokens with the
// embedded tiktoken vocabulary cfg.Encoding names. The vocabulary is
// loaded on the first Score, once per process (about 0.15 s and 30 MB for
// o200k_base), and shared.
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
		return nil, fmt.Errorf("verbosity: %w: nil token counter", heuristics.ErrInvalidConfig)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Scorer{cfg: cfg.withDefaults(), counter: counter}, nil
}

// Name returns "verbosity".
func (v *Scorer) Name() string { return "verbosity" }

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
}

var partKinds = [...]string{"prose", "code", "quote", "comment", "details", "table", "html", "template"}

// PartKinds returns the kinds of DescriptionPart in a stable order. The
// slice is a copy the caller may keep or change.
func PartKinds() []string { return append([]string(nil), partKinds[:]...) }

// Parts splits a description as the scorer does and counts each part's
// tokens. template is the repository's pull request template, if known.
// A description or template over MaxBodyBytes gets a *BodyTooLargeError.
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
	ps, err := mdsplit.Split(body, &mdsplit.Options{Template: template, MaxBytes: max(v.cfg.MaxBodyBytes, 1)})
	if err != nil {
		return nil, fmt.Errorf("verbosity: %w", err)
	}
	out := make([]DescriptionPart, len(ps))
	for i, p := range ps {
		out[i] = DescriptionPart{Kind: p.Kind.String(), Line: p.Line, Tokens: tc.Count(p.Text),
			Section: p.Section, ListItem: p.ListItem, Text: p.Text}
	}
	return out, nil
}

// Score measures c.Body against c.Diff. It returns ErrNotApplicable when
// there is neither a description nor a diff; without a diff it reports
// hidden text only.
func (v *Scorer) Score(ctx context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
	if strings.TrimSpace(c.Body) == "" && c.Diff == nil {
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

	// Length.
	lines := -1
	var length float64
	if c.Diff != nil {
		for _, f := range c.Diff.Files {
			if f == nil || f.Added < 0 || f.Deleted < 0 {
				return heuristics.Result{}, fmt.Errorf("verbosity: invalid file in diff: %+v", f)
			}
		}
		lines = c.Diff.Totals().Reviewable.Lines()
		res.Metrics["reviewable_lines"] = float64(lines)
		per := float64(prose) / float64(max(lines, 1))
		res.Metrics["prose_tokens_per_line"] = math.Round(per*100) / 100
		if prose > cfg.FloorTokens && lines < cfg.LargeDiffLines {
			excess := float64(prose-cfg.FloorTokens) / float64(max(lines, 1))
			length = rampF(excess, cfg.RelaxedTokensPerLine, cfg.ExcessiveTokensPerLine)
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
		if prose > cfg.FloorTokens && named >= max(cfg.RestateMinNamed, 1) {
			restate = float64(named) / float64(all)
		}
	}

	// Hidden text.
	hy := scanHygiene(c.Body)
	res.Metrics["invisible_chars"] = float64(hy.invisible)
	res.Metrics["bidi_controls"] = float64(hy.bidi)
	res.Metrics["invalid_utf8_bytes"] = float64(hy.invalid)
	var hidden float64
	longComment := false
	var comments []DescriptionPart
	for _, p := range parts {
		if p.Kind == "comment" {
			comments = append(comments, p)
			if p.Tokens >= cfg.HiddenCommentTokens {
				longComment = true
			}
		}
	}
	res.Metrics["hidden_comment_tokens"] = float64(byKind["comment"])
	if longComment || hy.invisible > 0 || hy.bidiOverride > 0 {
		hidden = 1
	}

	res.Metrics["length_score"] = round3(length)
	res.Metrics["restate_score"] = round3(restate)
	res.Metrics["hidden_score"] = round3(hidden)
	score := 1 - (1-length)*(1-*cfg.RestateWeight*restate)*(1-*cfg.HiddenWeight*hidden)
	res.Score = round3(math.Min(1, math.Max(0, score)))

	// Evidence, most important first.
	if length > 0 {
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule: ruleLength,
			Message: fmt.Sprintf("%s prose tokens for %s: %s tokens a line beyond the first %d (the score rises from %v a line and peaks at %v).",
				wording.Commas(prose), wording.Plural(lines, "reviewable changed line"),
				wording.Commas(int(math.Round(float64(prose-cfg.FloorTokens)/float64(max(lines, 1))))),
				cfg.FloorTokens, cfg.RelaxedTokensPerLine, cfg.ExcessiveTokensPerLine),
			Field: heuristics.FieldBody,
		})
	}
	if restate > 0 {
		res.Evidence = append(res.Evidence, rs.evidence...)
	}
	if length > 0 || restate > 0 {
		res.Evidence = append(res.Evidence, longestSections(parts, cfg.Sections)...)
	}
	for _, p := range comments {
		if p.Tokens < cfg.HiddenCommentTokens && !sentenceLike(p.Text) {
			continue
		}
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule:    ruleHiddenComment,
			Message: fmt.Sprintf("An HTML comment of %s, hidden when the description is rendered.", wording.Plural(p.Tokens, "token")),
			Field:   heuristics.FieldBody, Line: p.Line, Snippet: snippet(p.Text, 120),
		})
	}
	if hy.invisible > 0 {
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule:    ruleInvisibleChars,
			Message: fmt.Sprintf("%s that render as nothing (%s), first on line %d.", wording.Plural(hy.invisible, "invisible character"), hy.invisibleKinds(), hy.invisibleLine),
			Field:   heuristics.FieldBody, Line: hy.invisibleLine, Snippet: hy.invisibleSnippet,
		})
	}
	if hy.bidi > 0 {
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule:    ruleBidiControls,
			Message: fmt.Sprintf("%s that can reorder how text displays, first on line %d.", wording.Plural(hy.bidi, "bidirectional control character"), hy.bidiLine),
			Field:   heuristics.FieldBody, Line: hy.bidiLine, Snippet: hy.bidiSnippet,
		})
	}
	if hy.invalid > 0 {
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule:    ruleInvalidUTF8,
			Message: fmt.Sprintf("%s not valid UTF-8, first on line %d; counted as U+FFFD.", wording.Plural(hy.invalid, "byte"), hy.invalidLine),
			Field:   heuristics.FieldBody, Line: hy.invalidLine,
		})
	}
	if prose == 0 && byKind["template"] > 0 {
		res.Evidence = append(res.Evidence, heuristics.Evidence{
			Rule:    ruleTemplateOnly,
			Message: "The description is the pull request template with nothing of the author's own.",
			Field:   heuristics.FieldBody, Line: 1,
		})
	}

	res.Summary = verbositySummary(prose, lines, byKind)
	res.Advice = verbosityAdvice(prose, lines, length, restate, rs, hidden, hy, longComment)
	return res, nil
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
		Summary: fmt.Sprintf("The description is %s bytes, over the limit of %s: too long to read, for heft or a reviewer.",
			wording.Commas(len(c.Body)), wording.Commas(v.cfg.MaxBodyBytes)),
		Advice: "Cut the description to what a reviewer needs: what changed and why. Put logs and transcripts in a gist or an issue, and link to them.",
		Evidence: []heuristics.Evidence{{
			Rule: ruleOverLimit,
			Message: fmt.Sprintf("%s bytes of description, over the %s-byte limit (max_body_bytes); not read.",
				wording.Commas(len(c.Body)), wording.Commas(v.cfg.MaxBodyBytes)),
			Field: heuristics.FieldBody, Line: 1, Snippet: snippet(c.Body, 80),
		}},
	}
}

func verbositySummary(prose, lines int, byKind map[string]int) string {
	var b strings.Builder
	if lines >= 0 {
		fmt.Fprintf(&b, "%s of prose for %s", wording.Plural(prose, "token"), wording.Plural(lines, "reviewable changed line"))
	} else {
		fmt.Fprintf(&b, "%s of prose; no diff to compare with", wording.Plural(prose, "token"))
	}
	var rest []string
	for _, k := range []string{"code", "details", "quote", "table", "comment", "template"} {
		if n := byKind[k]; n > 0 {
			name := map[string]string{"code": "in code", "details": "in collapsed details", "quote": "quoted",
				"table": "in tables", "comment": "in hidden comments", "template": "of unchanged template"}[k]
			rest = append(rest, fmt.Sprintf("%s %s", wording.Commas(n), name))
		}
	}
	if len(rest) > 0 {
		b.WriteString("; ")
		b.WriteString(strings.Join(rest, ", "))
		b.WriteString(" set aside")
	}
	b.WriteString(".")
	return b.String()
}

func verbosityAdvice(prose, lines int, length, restate float64, rs restatement, hidden float64, hy hygiene, longComment bool) string {
	var out []string
	switch {
	case length > 0:
		s := fmt.Sprintf("The description is %s tokens for %s.", wording.Commas(prose), wording.Plural(lines, "changed line"))
		if restate > 0 {
			s += " A few sentences on why the change is needed would help the reviewer more than a list of what each file does."
		} else {
			s += " A few sentences on why the change is needed and what to check would serve the reviewer better; the details can go in the commit messages or a linked issue."
		}
		out = append(out, s)
	case restate > 0:
		out = append(out, fmt.Sprintf("The description names %d of the %d changed files and functions one by one, which the diff already shows. "+
			"Say instead why the change is needed and what a reviewer should look at first.", rs.namedPaths+rs.namedIdents, rs.paths+rs.idents))
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
			strings.Join(what, ", ")))
	}
	return strings.Join(out, " ")
}

// rampF maps v to [0, 1]: 0 up to lo, 1 from hi, on a log scale between.
func rampF(v, lo, hi float64) float64 {
	switch {
	case v <= lo:
		return 0
	case v >= hi:
		return 1
	}
	return (math.Log(v) - math.Log(lo)) / (math.Log(hi) - math.Log(lo))
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// snippet returns s on one line, cut to about n bytes on a rune boundary.
func snippet(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// minSectionTokens is the size from which a section is worth pointing at.
const minSectionTokens = 50

// longestSections returns evidence for the n sections with the most prose
// tokens, of those with at least minSectionTokens.
func longestSections(parts []DescriptionPart, n int) []heuristics.Evidence {
	type section struct {
		name   string
		line   int
		first  string
		tokens int
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
	}
	slices.SortStableFunc(order, func(a, b *section) int { return b.tokens - a.tokens })
	var ev []heuristics.Evidence
	for _, s := range order[:min(n, len(order))] {
		if s.tokens < minSectionTokens {
			break
		}
		label := fmt.Sprintf("The section %q", s.name)
		if s.name == "" {
			label = "The text before the first heading"
		}
		ev = append(ev, heuristics.Evidence{
			Rule:    ruleLongSection,
			Message: fmt.Sprintf("%s has %s of prose.", label, wording.Plural(s.tokens, "token")),
			Field:   heuristics.FieldBody, Line: s.line, Snippet: snippet(s.first, 80),
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

// maxRestateItems bounds how many paths and identifiers are looked for.
const maxRestateItems = 2000

// declRE finds the names that declarations on added lines introduce, in
// the common languages: Go, Python, Ruby, Rust, JavaScript/TypeScript,
// Java/C#/Kotlin/Swift, C/C++ types. RE2 keeps it linear.
var declRE = lazyre.New(`(?:^|[^\w$])(?:func|def|class|type|struct|interface|enum|trait|fn|function|module|protocol|record|object)\s+(?:\([^)]*\)\s*)?([A-Za-z_$][\w$]*)` +
	`|^\s*(?:(?:public|private|protected|internal|static|final|abstract|async|override|virtual|export|default)\s+)+(?:[\w<>\[\],.?]+\s+)*?([A-Za-z_$][\w$]*)\s*[(<=]` +
	`|^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:\(|function)`)

// declStarts are the words a declaration line starts with.
var declStarts = map[string]bool{
	"func": true, "def": true, "class": true, "type": true, "struct": true, "interface": true, "enum": true,
	"trait": true, "fn": true, "function": true, "module": true, "protocol": true, "record": true, "object": true,
	"public": true, "private": true, "protected": true, "internal": true, "static": true, "final": true,
	"abstract": true, "async": true, "override": true, "virtual": true, "export": true, "default": true,
	"const": true, "let": true, "var": true, "pub": true, "impl": true, "data": true, "sealed": true,
	"open": true, "typedef": true, "package": false,
}

// mayDeclare reports whether a line starts with a word a declaration can
// start with, so most lines skip the declaration pattern.
func mayDeclare(line string) bool {
	line = strings.TrimLeft(line, " \t")
	end := strings.IndexFunc(line, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(line)
	}
	return declStarts[line[:end]]
}

// declKeywords are words the declaration pattern can catch that are not
// names.
var declKeywords = map[string]bool{"void": true, "class": true, "function": true, "const": true, "new": true, "return": true, "async": true, "static": true}

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
				for _, m := range declRE.FindAllStringSubmatch(text, 4) {
					name := m[1] + m[2] + m[3]
					if len(name) < 4 || declKeywords[name] || seenIdent[name] || len(labels) >= maxRestateItems {
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
				Rule:    ruleRestatesDiff,
				Message: fmt.Sprintf("%d list items in a row name changed files or functions one by one (%s).", j-i, strings.Join(names, ", ")),
				Field:   heuristics.FieldBody, Line: mentions[i].part.Line, Snippet: snippet(firstLine(mentions[i].part.Text), 100),
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
			Rule:    ruleRestatesDiff,
			Message: fmt.Sprintf("This paragraph names %s of the diff one by one.", wording.Plural(len(best.items), "changed file or function")),
			Field:   heuristics.FieldBody, Line: best.part.Line, Snippet: snippet(firstLine(best.part.Text), 100),
		})
	}
	if len(rs.evidence) > 0 {
		rs.evidence[0].Message = fmt.Sprintf("The description names %d of the %d changed files and %d of the %d functions and types declared on added lines. ",
			rs.namedPaths, rs.paths, rs.namedIdents, rs.idents) + rs.evidence[0].Message
	}
	return rs
}

// sentenceLike reports whether a comment reads like a sentence rather
// than a marker: four words or more, some of them in lower case.
func sentenceLike(s string) bool {
	return len(strings.Fields(s)) >= 4 && strings.IndexFunc(s, unicode.IsLower) >= 0
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
		r, size := utf8.DecodeRuneInString(s[i:])
		next, _ := utf8.DecodeRuneInString(s[i+size:])
		isTag := r >= 0xE0020 && r <= 0xE007F
		flag = isTag && (prev == 0x1F3F4 || flag)
		switch {
		case r == utf8.RuneError && size == 1:
			h.invalid++
			if h.invalidLine == 0 {
				h.invalidLine = line
			}
		case r == '\n':
			line++
		case isBidi(r):
			h.bidi++
			if r != 0x200E && r != 0x200F && r != 0x061C {
				h.bidiOverride++
			}
			if h.bidiLine == 0 {
				h.bidiLine = line
				h.bidiSnippet = around(s, i, size)
			}
		case isInvisible(r) && !flag && !legitInvisible(r, prev, next, i):
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

package template

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/mdsplit"
	"github.com/heft-dev/heft/internal/scoring"
	"github.com/heft-dev/heft/internal/wording"
)

// barelyTouched is template-untouched's default severity when the author
// wrote a few words of their own.
const barelyTouched = 0.3

// DefaultMinOwnWords is the default Config.MinOwnWords.
const DefaultMinOwnWords = 3

// ErrTooLarge is wrapped by the error Score returns for a description or
// template larger than Config.MaxBytes.
var ErrTooLarge = errors.New("template: text too large")

// ConfigError is the error New returns for a configuration it cannot use.
// It wraps heuristics.ErrInvalidConfig.
type ConfigError struct {
	Field string // the JSON key at fault, such as "strict[1]"
	Msg   string // what is wrong with it
}

// Error names the invalid field and what is wrong with it.
func (e *ConfigError) Error() string {
	return fmt.Sprintf("template: %v: %s: %s", heuristics.ErrInvalidConfig, e.Field, e.Msg)
}

// Unwrap returns heuristics.ErrInvalidConfig.
func (e *ConfigError) Unwrap() error { return heuristics.ErrInvalidConfig }

// Config configures the template scorer. The zero value uses the
// defaults given on each field: every section of the template is
// expected, none is strict, extra sections are allowed.
type Config struct {
	// Optional lists the template's section headings (their text, without
	// the '#'s; case does not matter) that a description may leave out.
	Optional []string `json:"optional,omitempty"`

	// Strict lists section headings whose every checkbox must be there and
	// ticked, such as a licence agreement. Default none.
	Strict []string `json:"strict,omitempty"`

	// MaxExtraSections is the number of sections the template does not
	// have that a description may add. Default 0: any number (off).
	MaxExtraSections int `json:"max_extra_sections,omitempty"`

	// MinOwnWords is the number of the author's own words (not the
	// template's) below which the template counts as barely touched.
	// Default DefaultMinOwnWords (3).
	MinOwnWords int `json:"min_own_words,omitempty"`

	// Severity sets the score a rule adds when it fires, by rule ID,
	// replacing the default (which for rules counting several findings
	// grows with the count). Each in [0, 1]; 0 shows a rule's findings
	// without counting them.
	Severity map[string]float64 `json:"severity,omitempty"`

	// Disable lists rule IDs to switch off.
	Disable []string `json:"disable,omitempty"`

	// MaxBytes is the largest description or template read; larger ones
	// are an error wrapping ErrTooLarge. Default 1 MiB.
	MaxBytes int `json:"max_bytes,omitempty"`
}

// Validate reports a configuration the scorer cannot use as a
// *ConfigError naming the field.
func (c Config) Validate() error {
	bad := func(field, format string, args ...any) error {
		return &ConfigError{Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	if field, msg := scoring.CheckLimits(
		scoring.NonNegative("max_extra_sections", c.MaxExtraSections),
		scoring.NonNegative("min_own_words", c.MinOwnWords),
		scoring.NonNegative("max_bytes", c.MaxBytes),
	); field != "" {
		return &ConfigError{Field: field, Msg: msg}
	}
	for name, list := range map[string][]string{"optional": c.Optional, "strict": c.Strict} {
		for i, h := range list {
			if key(h) == "" {
				return bad(fmt.Sprintf("%s[%d]", name, i), "empty heading")
			}
		}
	}
	for i, h := range c.Strict {
		if slices.ContainsFunc(c.Optional, func(o string) bool { return key(o) == key(h) }) {
			return bad(fmt.Sprintf("strict[%d]", i), "section %q is also optional", h)
		}
	}
	if field, msg := scoring.CheckRuleSettings(rules.Common(rule.common), c.Severity, c.Disable); field != "" {
		return &ConfigError{Field: field, Msg: msg}
	}
	return nil
}

// Scorer compares a description with the repository's pull request
// template. Its Name is "template".
type Scorer struct {
	cfg              Config
	optional, strict map[string]bool

	// last caches the template read last: a bot scores one repository's
	// pull requests against the same template over and over.
	mu   sync.Mutex
	last struct {
		text string
		doc  *doc
	}
}

// template returns text read as a template, from the cache when it is
// the one read last. A cached doc is never modified.
func (s *Scorer) template(text string) (*doc, error) {
	s.mu.Lock()
	if s.last.doc != nil && s.last.text == text {
		d := s.last.doc
		s.mu.Unlock()
		return d, nil
	}
	s.mu.Unlock()
	d, err := read(text, "", s.cfg.MaxBytes)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.last.text, s.last.doc = text, d
	s.mu.Unlock()
	return d, nil
}

// New returns the template scorer.
func New(cfg Config) (*Scorer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.MinOwnWords == 0 {
		cfg.MinOwnWords = DefaultMinOwnWords
	}
	if cfg.MaxBytes == 0 {
		cfg.MaxBytes = mdsplit.DefaultMaxBytes
	}
	s := &Scorer{cfg: cfg, optional: map[string]bool{}, strict: map[string]bool{}}
	for _, h := range cfg.Optional {
		s.optional[key(h)] = true
	}
	for _, h := range cfg.Strict {
		s.strict[key(h)] = true
	}
	return s, nil
}

// Name returns "template".
func (s *Scorer) Name() string { return "template" }

// rule is one entry of rules.json: a rule, the score it adds for one
// finding and, for a rule that counts several, Cap, the most its
// findings add together (0: one finding's severity, however many).
// Config.Severity replaces both.
type rule struct {
	heuristics.Rule
	Severity float64 `json:"severity"`
	Cap      float64 `json:"cap,omitempty"`
}

func (r rule) common() heuristics.Rule { return r.Rule }

// rules is the one table of the template scorer's rules, declared in
// rules.json; doc.go lists them and a test keeps the two in step.
var rules = scoring.Table[rule](rulesJSON)

//go:embed rules.json
var rulesJSON []byte

// Rules returns the rules the template scorer's evidence cites.
func (s *Scorer) Rules() []heuristics.Rule { return rules.Common(rule.common) }

// finding is one thing a rule found; advice says what the author could
// do about it, in a phrase.
type finding struct {
	ev     heuristics.Evidence
	advice string
	// many is advice for several subjects, and subject what this
	// finding's advice is about, when advice has a %s for it: findings
	// with the same advice join their subjects in one phrase.
	many, subject string
}

// Score compares c.Body with c.Template. It returns ErrNotApplicable
// when the template is unknown (empty) or has no words and no sections.
func (s *Scorer) Score(_ context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
	if strings.TrimSpace(c.Template) == "" {
		return heuristics.Result{}, heuristics.ErrNotApplicable
	}
	tmpl, err := s.template(c.Template)
	if err != nil {
		return heuristics.Result{}, wrap("template", err)
	}
	if len(tmpl.sections) == 1 && tmpl.ownWords() == 0 && len(tmpl.sections[0].boxes) == 0 {
		return heuristics.Result{}, heuristics.ErrNotApplicable
	}
	body, err := read(c.Body, c.Template, s.cfg.MaxBytes)
	if err != nil {
		return heuristics.Result{}, wrap("description", err)
	}
	body.keepTemplateLines(tmpl)

	var found []finding
	if f, ok := s.untouched(c, body); ok {
		found = append(found, f)
	} else {
		found = append(found, s.sections(tmpl, body)...)
		found = append(found, s.extra(tmpl, body)...)
		found = append(found, s.placeholders(tmpl, body)...)
	}
	found = slices.DeleteFunc(found, func(f finding) bool { return slices.Contains(s.cfg.Disable, f.ev.Rule) })
	return s.result(tmpl, body, found), nil
}

func wrap(what string, err error) error {
	if errors.Is(err, mdsplit.ErrTooLarge) {
		return fmt.Errorf("template: %s: %w: %w", what, ErrTooLarge, err)
	}
	return fmt.Errorf("template: %s: %w", what, err)
}

// untouched finds an empty description, the template as it was, or one
// with fewer of the author's words than MinOwnWords.
func (s *Scorer) untouched(c *heuristics.Contribution, body *doc) (finding, bool) {
	n := body.ownWords()
	if n >= s.cfg.MinOwnWords {
		return finding{}, false
	}
	var msg string
	switch {
	case strings.TrimSpace(c.Body) == "":
		msg = "The description is empty: the pull request template was not used."
	case n == 0 && len(body.filler()) > 0:
		msg = fmt.Sprintf("The description holds only placeholder text (%s) where the template asks for a description.", wording.Quote(wording.Snippet(body.filler()[0].text, 120)))
	case n == 0:
		msg = "The description is the pull request template as it was: nothing in it is the author's own."
	default:
		msg = fmt.Sprintf("The description adds only %s of the author's own to the pull request template.", wording.Plural(n, "word"))
	}
	return finding{
		ev:     heuristics.Evidence{Rule: RuleUntouched, Message: msg, Field: heuristics.FieldBody},
		advice: "fill in the template: say what the change does and why",
	}, true
}

// sections checks each of the template's sections: missing, empty,
// checkboxes, strict.
func (s *Scorer) sections(tmpl, body *doc) []finding {
	var out []finding
	for _, ts := range tmpl.sections {
		if ts.key == "" || s.optional[ts.key] {
			continue
		}
		bs := body.section(ts.key)
		quoted := wording.Quote(ts.title)
		if s.strict[ts.key] {
			out = append(out, s.strictSection(ts, bs, quoted)...)
			continue
		}
		if bs == nil {
			out = append(out, finding{
				ev: heuristics.Evidence{
					Rule:    RuleMissingSection,
					Message: fmt.Sprintf("The description has no %s section, which the pull request template asks for.", quoted),
					Field:   heuristics.FieldBody, Snippet: ts.heading,
				},
				advice: "add the %s section", many: "add the %s sections", subject: quoted,
			})
			continue
		}
		if len(ts.boxes) >= 2 {
			if f, ok := checkboxes(ts, bs, quoted); ok {
				out = append(out, f)
			}
			continue
		}
		if len(ts.boxes) == 0 && bs.words == 0 && !bs.answer && len(bs.filler) == 0 {
			out = append(out, finding{
				ev: heuristics.Evidence{
					Rule:    RuleEmptySection,
					Message: fmt.Sprintf("The %s section holds nothing but the template's own text.", quoted),
					Field:   heuristics.FieldBody, Line: bs.line, Snippet: bs.heading,
				},
				advice: `write something under %s (or "n/a" if it does not apply)`, many: `write something under %s (or "n/a" where one does not apply)`, subject: quoted,
			})
		}
	}
	return out
}

func checkboxes(ts, bs *section, quoted string) (finding, bool) {
	matched, ticked := 0, 0
	for _, b := range bs.boxes {
		if slices.ContainsFunc(ts.boxes, func(t box) bool { return t.key == b.key }) {
			matched++
			if b.checked {
				ticked++
			}
		}
	}
	var msg string
	switch {
	case matched == 0:
		msg = fmt.Sprintf("The %s section has none of the template's %s.", quoted, wording.Plural(len(ts.boxes), "checkbox"))
	case ticked == 0:
		msg = fmt.Sprintf("None of the %s in the %s section is ticked.", wording.Plural(matched, "checkbox"), quoted)
	default:
		return finding{}, false
	}
	return finding{
		ev:     heuristics.Evidence{Rule: RuleCheckboxes, Message: msg, Field: heuristics.FieldBody, Line: bs.line, Snippet: bs.heading},
		advice: "tick the boxes that apply under %s", many: "tick the boxes that apply under %s", subject: quoted,
	}, true
}

func (s *Scorer) strictSection(ts, bs *section, quoted string) []finding {
	if bs == nil {
		return []finding{{
			ev: heuristics.Evidence{
				Rule:    RuleStrict,
				Message: fmt.Sprintf("The description has no %s section; the maintainers require it.", quoted),
				Field:   heuristics.FieldBody, Snippet: ts.heading,
			},
			advice: "add the %s section and tick each of its boxes", many: "add the %s sections and tick each of their boxes", subject: quoted,
		}}
	}
	var out []finding
	for _, tb := range ts.boxes {
		i := slices.IndexFunc(bs.boxes, func(b box) bool { return b.key == tb.key })
		switch {
		case i < 0:
			out = append(out, finding{
				ev: heuristics.Evidence{
					Rule:    RuleStrict,
					Message: fmt.Sprintf("The %s section is missing the checkbox %s, which the maintainers require.", quoted, wording.Quote(tb.label)),
					Field:   heuristics.FieldBody, Line: bs.line, Snippet: "- [ ] " + tb.label,
				},
				advice: "put back and tick each box under %s", many: "put back and tick each box under %s", subject: quoted,
			})
		case !bs.boxes[i].checked:
			out = append(out, finding{
				ev: heuristics.Evidence{
					Rule:    RuleStrict,
					Message: fmt.Sprintf("The checkbox %s in the %s section is not ticked; the maintainers require it.", wording.Quote(tb.label), quoted),
					Field:   heuristics.FieldBody, Line: bs.boxes[i].line, Snippet: "- [ ] " + tb.label,
				},
				advice: "tick each box under %s (once it is true)", many: "tick each box under %s (once it is true)", subject: quoted,
			})
		}
	}
	return out
}

// extra finds sections the template does not have, over MaxExtraSections.
func (s *Scorer) extra(tmpl, body *doc) []finding {
	if s.cfg.MaxExtraSections == 0 {
		return nil
	}
	var extra []*section
	for _, bs := range body.sections {
		if bs.key != "" && tmpl.section(bs.key) == nil {
			extra = append(extra, bs)
		}
	}
	if len(extra) <= s.cfg.MaxExtraSections {
		return nil
	}
	out := make([]finding, 0, len(extra))
	for _, bs := range extra {
		out = append(out, finding{
			ev: heuristics.Evidence{
				Rule: RuleExtraSections,
				Message: fmt.Sprintf("The section %s is not in the pull request template; the description adds %s where the project allows %d.",
					wording.Quote(bs.title), wording.Plural(len(extra), "section"), s.cfg.MaxExtraSections),
				Field: heuristics.FieldBody, Line: bs.line, Snippet: bs.heading,
			},
			advice: "keep to the template's sections",
		})
	}
	return out
}

// placeholders finds the template's visible text left in sections where
// the author wrote their own words: instructions not deleted.
func (s *Scorer) placeholders(tmpl, body *doc) []finding {
	visible := map[string]bool{}
	for _, ts := range tmpl.sections {
		for _, l := range ts.own {
			visible[strings.ToLower(l.text)] = true
		}
	}
	type left struct {
		line
		filler bool
	}
	var all []left
	for _, bs := range body.sections {
		if bs.words > 0 {
			for _, l := range bs.kept {
				if visible[strings.ToLower(l.text)] && words(l.text) > 0 {
					all = append(all, left{l, false})
				}
			}
		}
		for _, l := range bs.filler {
			all = append(all, left{l, true})
		}
	}
	slices.SortStableFunc(all, func(a, b left) int { return a.n - b.n })
	var out []finding
	for i, l := range all {
		if i == maxPlaceholders {
			break
		}
		msg, advice := "This line is the template's own text, left in next to the author's words", "delete the template's instructions once the section is filled in"
		if l.filler {
			msg, advice = "This line is placeholder text, not a description", `replace placeholder text such as "TODO" with what the change does (or "n/a" where a section does not apply)`
		}
		if len(all) > maxPlaceholders {
			msg += fmt.Sprintf(" (one of %d such lines)", len(all))
		}
		out = append(out, finding{
			ev:     heuristics.Evidence{Rule: RulePlaceholder, Message: msg + ".", Field: heuristics.FieldBody, Line: l.n, Snippet: wording.Snippet(l.text, 120)},
			advice: advice,
		})
	}
	return out
}

// maxAdvice is how many points the advice makes before it counts the
// rest ("and 2 more").
const maxAdvice = 6

// maxPlaceholders is how many template-placeholder findings a result
// carries; the message gives the total.
const maxPlaceholders = 5

// summaries says what each rule found, for one finding and for several:
// "a section left empty", not "sections left empty" for one.
var summaries = sync.OnceValue(func() map[string][2]string {
	return map[string][2]string{
		RuleUntouched:      {"the template is not filled in", "the template is not filled in"},
		RuleMissingSection: {"a section of the template missing", "sections of the template missing"},
		RuleEmptySection:   {"a section left empty", "sections left empty"},
		RuleCheckboxes:     {"a checklist with nothing ticked", "checklists with nothing ticked"},
		RuleStrict:         {"a required section or checkbox missing or not ticked", "required sections or checkboxes missing or not ticked"},
		RuleExtraSections:  {"a section the template does not have", "sections the template does not have"},
		RulePlaceholder:    {"the template's instructions or placeholder text left in", "the template's instructions or placeholder text left in"},
	}
})

func (s *Scorer) severity(id string, n int) float64 {
	if v, ok := s.cfg.Severity[id]; ok {
		return v
	}
	for _, r := range rules() {
		if r.ID != id {
			continue
		}
		if r.Cap > 0 {
			return math.Min(r.Severity*float64(n), r.Cap)
		}
		return r.Severity
	}
	return 0
}

func (s *Scorer) result(tmpl, body *doc, found []finding) heuristics.Result {
	res := heuristics.Result{Scorer: s.Name(), Metrics: map[string]float64{
		"template_sections": float64(len(tmpl.sections) - 1),
		"own_words":         float64(body.ownWords()),
	}}
	counts := map[string]int{}
	var order []string
	for _, f := range found {
		if counts[f.ev.Rule] == 0 {
			order = append(order, f.ev.Rule)
		}
		counts[f.ev.Rule]++
		res.Evidence = append(res.Evidence, f.ev)
	}
	if len(found) == 0 {
		res.Summary = "The description follows the pull request template."
		return res
	}
	keep := 1.0
	var what []string
	for _, id := range order {
		sev := s.severity(id, counts[id])
		if _, set := s.cfg.Severity[id]; id == RuleUntouched && !set && body.ownWords() > 0 {
			sev = barelyTouched
		}
		keep *= 1 - sev
		what = append(what, summaries()[id][min(counts[id], 2)-1])
		res.Metrics[strings.ReplaceAll(strings.TrimPrefix(id, "template-"), "-", "_")] = float64(counts[id])
	}
	res.Score = math.Round((1-keep)*1000) / 1000
	res.Summary = "Compared with the pull request template: " + strings.Join(what, "; ") + "."
	var advice wording.Points
	for _, f := range found {
		advice.Add(f.advice, f.many, f.subject)
	}
	res.Advice = "The project's pull request template helps maintainers review. Please " + advice.Join(maxAdvice) + "."
	return res
}

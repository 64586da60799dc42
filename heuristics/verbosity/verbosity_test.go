package verbosity_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/heuristicstest"
	"github.com/heft-dev/heft/heuristics/verbosity"
	"github.com/heft-dev/heft/internal/scorertest"
)

func newVerbosity(t testing.TB) *verbosity.Scorer {
	t.Helper()
	v, err := verbosity.New(verbosity.Config{})
	require.NoError(t, err)
	return v
}

func body(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return string(b)
}

// oneLineFix is a real diff changing one line of a Go file.
func oneLineFix(t *testing.T) *diffstat.Diff {
	base := "package config\n\nfunc defaults(c *Config) {\n\tif c.Timeout == \"0\" {\n\t\tc.Timeout = 30 * time.Second\n\t}\n}\n"
	return scorertest.GitDiff(t, map[string]*string{"config/config.go": scorertest.Text(base)},
		map[string]*string{"config/config.go": scorertest.Text(strings.Replace(base, `== "0"`, "== 0", 1))})
}

// rateLimitDiff is a real diff of the change restate.md describes file
// by file.
func rateLimitDiff(t *testing.T) *diffstat.Diff {
	server := "package api\n\nfunc NewServer(cfg Config) *Server {\n\ts := &Server{}\n\ts.routes()\n\treturn s\n}\n"
	return scorertest.GitDiff(t, map[string]*string{"internal/api/server.go": scorertest.Text(server)}, map[string]*string{
		"internal/ratelimit/limiter.go":      scorertest.Text("package ratelimit\n\n// TokenBucket limits requests per key.\ntype TokenBucket struct {\n\tmu     sync.Mutex\n\trate   float64\n\tburst  int\n\tbuckets map[string]*bucket\n}\n\nfunc NewTokenBucket(rate float64, burst int) *TokenBucket {\n\treturn &TokenBucket{rate: rate, burst: burst, buckets: map[string]*bucket{}}\n}\n\nfunc (b *TokenBucket) Allow(key string, now time.Time) bool {\n\tb.mu.Lock()\n\tdefer b.mu.Unlock()\n\tk := b.refillLocked(key, now)\n\tif k.tokens < 1 {\n\t\treturn false\n\t}\n\tk.tokens--\n\treturn true\n}\n\nfunc (b *TokenBucket) refillLocked(key string, now time.Time) *bucket {\n\tk := b.buckets[key]\n\tif k == nil {\n\t\tk = &bucket{tokens: float64(b.burst), last: now}\n\t\tb.buckets[key] = k\n\t}\n\tk.tokens = math.Min(float64(b.burst), k.tokens+now.Sub(k.last).Seconds()*b.rate)\n\tk.last = now\n\treturn k\n}\n"),
		"internal/ratelimit/limiter_test.go": scorertest.Text("package ratelimit\n\nfunc TestTokenBucketAllow(t *testing.T) {\n\tb := NewTokenBucket(1, 2)\n\tnow := time.Unix(0, 0)\n\tif !b.Allow(\"a\", now) || !b.Allow(\"a\", now) || b.Allow(\"a\", now) {\n\t\tt.Fatal(\"burst of 2 not enforced\")\n\t}\n}\n\nfunc TestTokenBucketRefill(t *testing.T) {\n\tb := NewTokenBucket(1, 1)\n\tnow := time.Unix(0, 0)\n\tb.Allow(\"a\", now)\n\tif !b.Allow(\"a\", now.Add(time.Second)) {\n\t\tt.Fatal(\"no refill after a second\")\n\t}\n}\n"),
		"internal/api/middleware.go":         scorertest.Text("package api\n\nfunc RateLimitMiddleware(l *ratelimit.TokenBucket, next http.Handler) http.Handler {\n\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n\t\tif !l.Allow(clientKey(r), time.Now()) {\n\t\t\thttp.Error(w, \"slow down\", http.StatusTooManyRequests)\n\t\t\treturn\n\t\t}\n\t\tnext.ServeHTTP(w, r)\n\t})\n}\n"),
		"internal/api/server.go":             scorertest.Text(strings.Replace(server, "\ts.routes()\n", "\ts.routes()\n\ts.handler = RateLimitMiddleware(ratelimit.NewTokenBucket(cfg.RateLimit.RequestsPerSecond, cfg.RateLimit.Burst), s.handler)\n", 1)),
		"internal/config/config.go":          scorertest.Text("package config\n\n// RateLimitConfig bounds requests per client.\ntype RateLimitConfig struct {\n\tRequestsPerSecond float64 `json:\"requests_per_second\"`\n\tBurst             int     `json:\"burst\"`\n}\n"),
		"docs/rate-limits.md":                scorertest.Text("# Rate limits\n\nEach client may send `requests_per_second` requests a second, in bursts of up to `burst`.\nOver the limit the API answers 429 Too Many Requests.\n"),
	})
}

// bigRefactor is a real diff of 3,000 changed lines over 30 files.
func bigRefactor(t *testing.T) *diffstat.Diff {
	base, change := map[string]*string{}, map[string]*string{}
	for i := range 30 {
		p := fmt.Sprintf("pkg/store/s%d/store.go", i)
		base[p] = scorertest.Text(scorertest.Numbered(fmt.Sprintf("old%d", i), 50))
		change[p] = scorertest.Text(scorertest.Numbered(fmt.Sprintf("new%d", i), 50))
	}
	return scorertest.GitDiff(t, base, change)
}

func findEvidence(r heuristics.Result, rule string) (heuristics.Evidence, bool) {
	for _, e := range r.Evidence {
		if e.Rule == rule {
			return e, true
		}
	}
	return heuristics.Evidence{}, false
}

func TestVerbosity(t *testing.T) {
	v := newVerbosity(t)
	oneLine := oneLineFix(t)
	rate := rateLimitDiff(t)
	big := bigRefactor(t)
	tests := []struct {
		name, why string
		c         *heuristics.Contribution
		score     func(float64) bool
		rules     []string // evidence rules that must be present
		absent    []string // and must not
		metrics   map[string]float64
		check     func(t *testing.T, r heuristics.Result)
	}{
		{
			name:   "one-line-fix-essay",
			why:    "about 700 tokens of prose for a one-line fix is the maintainers' example of too much",
			c:      &heuristics.Contribution{Body: body(t, "essay.md"), Diff: oneLine},
			score:  func(s float64) bool { return s >= 0.7 },
			rules:  []string{"verbosity-length", "verbosity-long-section"},
			absent: []string{"verbosity-hidden-comment", "verbosity-invisible-chars"},
			check: func(t *testing.T, r heuristics.Result) {
				assert.Equal(t, 2.0, r.Metrics["reviewable_lines"])
				assert.Greater(t, r.Metrics["tokens_prose"], 600.0)
				assert.Contains(t, r.Advice, "The description is ")
				assert.Contains(t, r.Advice, "words for 2 changed lines.")
				e, _ := findEvidence(r, "verbosity-long-section")
				assert.Regexp(t, ` has about [0-9,]+ words of prose \([0-9,]+ tokens\)\.$`, e.Message, "words first: a maintainer does not count tokens")
				assert.Regexp(t, `^About [0-9,]+ words of prose \([0-9,]+ tokens\) for 2 reviewable changed lines`, r.Summary)
				assert.Equal(t, heuristics.FieldBody, e.Field)
				assert.NotZero(t, e.Line)
			},
		},
		{
			name:    "large-refactor-short-description",
			why:     "a few words on a 3,000-line change is never too long",
			c:       &heuristics.Contribution{Body: "Rename the store packages' variables to the new naming scheme; no behaviour change.", Diff: big},
			score:   scorertest.Zero,
			absent:  []string{"verbosity-length", "verbosity-restates-diff"},
			metrics: map[string]float64{"reviewable_lines": 3000},
		},
		{
			name:  "large-refactor-long-description",
			why:   "from LargeDiffLines on, a long description is welcome",
			c:     &heuristics.Contribution{Body: body(t, "essay.md"), Diff: big},
			score: scorertest.Zero,
		},
		{
			name:   "mostly-pasted-log",
			why:    "a stack trace and a CI log in <details> are not prose: one sentence of prose stays under the floor",
			c:      &heuristics.Contribution{Body: body(t, "log.md"), Diff: oneLine},
			score:  scorertest.Zero,
			absent: []string{"verbosity-length"},
			check: func(t *testing.T, r heuristics.Result) {
				assert.Less(t, r.Metrics["tokens_prose"], 40.0)
				assert.Greater(t, r.Metrics["tokens_code"], 300.0)
				assert.Greater(t, r.Metrics["tokens_details"], 100.0)
				assert.Contains(t, r.Summary, "in code")
			},
		},
		{
			name:  "restates-the-diff",
			why:   "a list naming every changed file and new function one by one, which the diff already shows",
			c:     &heuristics.Contribution{Body: body(t, "restate.md"), Diff: rate},
			score: func(s float64) bool { return s == 0.4 },
			rules: []string{"verbosity-restates-diff", "verbosity-long-section"},
			check: func(t *testing.T, r heuristics.Result) {
				assert.Equal(t, 6.0, r.Metrics["changed_paths"])
				assert.Equal(t, 6.0, r.Metrics["named_paths"])
				assert.GreaterOrEqual(t, r.Metrics["named_identifiers"], 6.0)
				e, _ := findEvidence(r, "verbosity-restates-diff")
				assert.Equal(t, 7, e.Line, "the first list item")
				assert.Contains(t, e.Snippet, "internal/ratelimit/limiter.go")
				assert.Contains(t, e.Message, "names all 6 changed files and ", "all, not 6 of the 6")
				assert.NotContains(t, e.Message, " of the 6 ")
				assert.Contains(t, r.Advice, "diff already shows")
			},
		},
		{
			name:    "template-only",
			why:     "the unchanged template, boxes ticked, is not the author's prose: nothing to penalise, but said",
			c:       &heuristics.Contribution{Body: body(t, "template-only.md"), Template: body(t, "template.md"), Diff: oneLine},
			score:   scorertest.Zero,
			rules:   []string{"verbosity-template-only"},
			absent:  []string{"verbosity-hidden-comment"},
			metrics: map[string]float64{"tokens_prose": 0, "tokens_comment": 0},
			check: func(t *testing.T, r heuristics.Result) {
				assert.Greater(t, r.Metrics["tokens_template"], 80.0)
			},
		},
		{
			name:    "template-with-essay",
			why:     "template lines are set aside, the essay written into it still counts",
			c:       &heuristics.Contribution{Body: strings.Replace(body(t, "template.md"), "## Related issue", body(t, "essay.md")+"\n## Related issue", 1), Template: body(t, "template.md"), Diff: oneLine},
			score:   func(s float64) bool { return s >= 0.7 },
			rules:   []string{"verbosity-length"},
			metrics: map[string]float64{"tokens_prose": 698},
		},
		{
			name:   "chinese-essay",
			why:    "Chinese has no spaces; tokens still measure it, and an essay for one line is still an essay",
			c:      &heuristics.Contribution{Body: body(t, "chinese.md"), Diff: oneLine},
			score:  func(s float64) bool { return s >= 0.6 },
			rules:  []string{"verbosity-length"},
			absent: []string{"verbosity-invisible-chars", "verbosity-invalid-utf8"},
		},
		{
			name:   "japanese-short",
			why:    "two sentences of Japanese are a short description",
			c:      &heuristics.Contribution{Body: body(t, "japanese.md"), Diff: oneLine},
			score:  scorertest.Zero,
			absent: []string{"verbosity-invisible-chars"},
			check: func(t *testing.T, r heuristics.Result) {
				assert.Greater(t, r.Metrics["tokens_prose"], 30.0)
			},
		},
		{
			name:   "accented-european",
			why:    "French, German and Spanish with accents: short, nothing hidden",
			c:      &heuristics.Contribution{Body: body(t, "accented.md"), Diff: oneLine},
			score:  scorertest.Zero,
			absent: []string{"verbosity-invisible-chars", "verbosity-invalid-utf8"},
		},
		{
			name:    "emoji-heavy",
			why:     "joiners in family emoji, skin tones, variation selectors and the tags of the Scotland flag are ordinary text",
			c:       &heuristics.Contribution{Body: body(t, "emoji.md"), Diff: oneLine},
			score:   scorertest.Zero,
			absent:  []string{"verbosity-invisible-chars", "verbosity-bidi-controls"},
			metrics: map[string]float64{"invisible_chars": 0, "bidi_controls": 0},
		},
		{
			name:  "hidden-comment",
			why:   "a long HTML comment addressed to AI reviewers is hidden text: surfaced and scored",
			c:     &heuristics.Contribution{Body: body(t, "hidden.md"), Diff: oneLine},
			score: func(s float64) bool { return s == 0.3 },
			rules: []string{"verbosity-hidden-comment"},
			check: func(t *testing.T, r heuristics.Result) {
				e, _ := findEvidence(r, "verbosity-hidden-comment")
				assert.Equal(t, 3, e.Line)
				assert.Contains(t, e.Snippet, "Note to AI reviewers")
				assert.Regexp(t, `^An HTML comment of about [0-9]+ words \([0-9]+ tokens\), hidden`, e.Message, "words first")
				assert.Contains(t, r.Advice, "hidden from readers (HTML comments)")
			},
		},
		{
			name:    "zero-width",
			why:     "zero-width spaces and non-joiners in English prose render as nothing",
			c:       &heuristics.Contribution{Body: body(t, "zero-width.md"), Diff: oneLine},
			score:   func(s float64) bool { return s == 0.3 },
			rules:   []string{"verbosity-invisible-chars"},
			metrics: map[string]float64{"invisible_chars": 4},
			check: func(t *testing.T, r heuristics.Result) {
				e, _ := findEvidence(r, "verbosity-invisible-chars")
				assert.Contains(t, e.Snippet, "default<U+200B> timeout")
				assert.Contains(t, e.Message, "U+200B ×3, U+200C ×1")
			},
		},
		{
			name:    "bidi-trojan-source",
			why:     "right-to-left overrides and isolates can make text read differently than it is",
			c:       &heuristics.Contribution{Body: body(t, "bidi.md"), Diff: oneLine},
			score:   func(s float64) bool { return s == 0.3 },
			rules:   []string{"verbosity-bidi-controls"},
			metrics: map[string]float64{"bidi_controls": 4},
		},
		{
			name:    "tag-smuggling",
			why:     "Unicode tag characters spell hidden ASCII outside a flag",
			c:       &heuristics.Contribution{Body: body(t, "tags.md"), Diff: oneLine},
			score:   func(s float64) bool { return s == 0.3 },
			rules:   []string{"verbosity-invisible-chars"},
			metrics: map[string]float64{"invisible_chars": 15},
		},
		{
			name:    "invalid-utf8",
			why:     "bytes that are not UTF-8 are counted and reported, not fatal",
			c:       &heuristics.Contribution{Body: "Fixes the caf\xe9 menu \xff\xfe encoding.\n", Diff: oneLine},
			score:   scorertest.Zero,
			rules:   []string{"verbosity-invalid-utf8"},
			metrics: map[string]float64{"invalid_utf8_bytes": 3},
		},
		{
			name:  "no-diff",
			why:   "without a diff the description is compared with the fixed budget of 150 tokens: 700 is a review",
			c:     &heuristics.Contribution{Body: body(t, "essay.md")},
			score: func(s float64) bool { return s > 0.5 && s < 0.8 },
			rules: []string{"verbosity-length"},
			check: func(t *testing.T, r heuristics.Result) {
				assert.Contains(t, r.Summary, "no diff")
				e, _ := findEvidence(r, "verbosity-length")
				assert.Contains(t, e.Message, "No diff to compare with")
				assert.Contains(t, e.Message, "tokens of prose against a fixed budget of 150 tokens")
				assert.Regexp(t, `^The description is [0-9,]+ words long\. `, r.Advice, "no \"for -1 changed lines\" without a diff")
			},
		},
		{
			name:  "empty-body",
			why:   "a title over an empty description: no description is not a verbose one",
			c:     &heuristics.Contribution{Title: "server: close the listener on shutdown", Diff: oneLine},
			score: scorertest.Zero,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := v.Score(context.Background(), tc.c)
			require.NoError(t, err)
			require.NoError(t, heuristics.CheckResult(r))
			assert.True(t, tc.score(r.Score), "score %v: %s\n%s\n%v", r.Score, tc.why, r.Summary, r.Evidence)
			rules := scorertest.Rules(r)
			for _, rule := range tc.rules {
				assert.Contains(t, rules, rule, tc.why)
			}
			for _, rule := range tc.absent {
				assert.NotContains(t, rules, rule, tc.why)
			}
			for k, want := range tc.metrics {
				assert.Equal(t, want, r.Metrics[k], "metric %s: %s", k, tc.why)
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
}

// words counts whitespace-separated words: a stand-in tokenizer whose
// counts are easy to reason about in the threshold tests.
type words struct{}

func (words) Count(s string) int { return len(strings.Fields(s)) }

// TestVerbosityThresholds pins the length ramp with a counter whose
// numbers are obvious: the floor, the log ramp, and the large-diff cut.
func TestThresholds(t *testing.T) {
	v, err := verbosity.NewWith(verbosity.Config{}, words{})
	require.NoError(t, err)
	diff := func(lines int) *diffstat.Diff {
		if lines == 0 {
			return &diffstat.Diff{} // nothing at all to compare with
		}
		return &diffstat.Diff{Files: []*diffstat.File{{NewPath: "a.go", Added: lines, Kind: diffstat.KindSource}}}
	}
	prose := func(n int) string { return strings.TrimSpace(strings.Repeat("word ", n)) }
	for _, tc := range []struct {
		name, why   string
		words, diff int
		want        float64
	}{
		{"at-floor", "150 tokens is never too long, even for one line", 150, 1, 0},
		{"relaxed", "20 tokens a line above the floor is where it starts", 150 + 20*10, 10, 0},
		{"midway", "the ramp is logarithmic: sqrt(20*600) ≈ 109.5 a line is halfway", 150 + 1095, 10, 0.5},
		{"excessive", "600 tokens a line above the floor is the top", 150 + 600*6, 6, 1},
		{"maintainers-example", "2,400 tokens for 6 lines flags under the default policy", 2400, 6, 0.862},
		{"zero-lines", "a diff with no lines and no files is compared with the budget of 150: 750 is log(750/150)/log(10) of the way to 1,500", 750, 0, 0.699},
		{"at-budget", "up to the budget, nothing", 150, 0, 0},
		{"budget-top", "ten times the budget is the top", 1500, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := v.Score(context.Background(), &heuristics.Contribution{Body: prose(tc.words), Diff: diff(tc.diff)})
			require.NoError(t, err)
			assert.InDelta(t, tc.want, r.Score, 0.002, tc.why)
			assert.Equal(t, float64(tc.words), r.Metrics["tokens_prose"])
		})
	}
}

func TestLargeDiff(t *testing.T) {
	v, err := verbosity.NewWith(verbosity.Config{LargeDiffLines: 100, MaxBodyBytes: 1 << 20}, words{})
	require.NoError(t, err)
	d := &diffstat.Diff{Files: []*diffstat.File{{NewPath: "a.go", Added: 100, Kind: diffstat.KindSource}}}
	r, err := v.Score(context.Background(), &heuristics.Contribution{Body: strings.Repeat("word\n", 150+600*100), Diff: d})
	require.NoError(t, err)
	assert.Zero(t, r.Score, "from LargeDiffLines on, length never counts, however long")
}

func TestLockfileLinesDoNotCount(t *testing.T) {
	v, err := verbosity.NewWith(verbosity.Config{}, words{})
	require.NoError(t, err)
	d := &diffstat.Diff{Files: []*diffstat.File{
		{NewPath: "main.go", Added: 2, Kind: diffstat.KindSource},
		{NewPath: "go.sum", Added: 5000, Kind: diffstat.KindLockfile},
	}}
	r, err := v.Score(context.Background(), &heuristics.Contribution{Body: strings.Repeat("why ", 1500), Diff: d})
	require.NoError(t, err)
	assert.Equal(t, 2.0, r.Metrics["reviewable_lines"])
	assert.Equal(t, 12.0, r.Metrics["compared_lines"], "the lockfile counts as one file of 10 lines, not 5,000")
	assert.GreaterOrEqual(t, r.Score, 0.5, "a go.sum churn does not excuse 1,500 words for two lines")
}

func TestBadInput(t *testing.T) {
	v := newVerbosity(t) // MaxBodyBytes 256 KiB
	ctx := context.Background()

	_, err := v.Score(ctx, &heuristics.Contribution{})
	assert.ErrorIs(t, err, heuristics.ErrNotApplicable)

	// A multi-megabyte description is not read, but it is not a pass
	// either: an error would leave verbosity out of the verdict, so
	// padding past the limit would switch the checks off.
	r, err := v.Score(ctx, &heuristics.Contribution{Body: strings.Repeat("a", 3<<20)})
	require.NoError(t, err)
	assert.Equal(t, 1.0, r.Score, "over the limit is the strongest concern")
	require.Len(t, r.Evidence, 1)
	assert.Equal(t, "verbosity-over-limit", r.Evidence[0].Rule)
	assert.Equal(t, float64(3<<20), r.Metrics["body_bytes"])

	// Parts, which prints a description's parts, refuses it with a typed
	// error.
	_, err = v.Parts(strings.Repeat("a", 3<<20), "")
	var tl *verbosity.BodyTooLargeError
	require.ErrorAs(t, err, &tl)
	assert.Equal(t, verbosity.BodyTooLargeError{Size: 3 << 20, Limit: 256 << 10}, *tl)
	assert.ErrorIs(t, err, verbosity.ErrBodyTooLarge)
	assert.EqualError(t, err, "verbosity: description is 3,145,728 bytes, over the limit of 262,144")

	_, err = v.Score(ctx, &heuristics.Contribution{Body: "Fixes #1.", Template: strings.Repeat("- [ ] box\n", 30000)})
	require.ErrorAs(t, err, &tl)
	assert.True(t, tl.Template)
	assert.ErrorIs(t, err, verbosity.ErrBodyTooLarge)

	// Just under the limit, adversarial content is scored in bounded
	// time: a run of one letter (quadratic for tiktoken), deep nesting
	// (quadratic for goldmark), an unclosed comment.
	for name, b := range map[string]string{
		"letter-run":       strings.Repeat("a", 256<<10),
		"quote-depth":      strings.Repeat(">", 256<<10-10) + " text",
		"unclosed-comment": "<!--" + strings.Repeat("hidden words ", (256<<10)/13-1),
	} {
		r, err := v.Score(ctx, &heuristics.Contribution{Body: b, Diff: &diffstat.Diff{}})
		require.NoError(t, err, name)
		require.NoError(t, heuristics.CheckResult(r), name)
	}

	_, err = v.Score(ctx, &heuristics.Contribution{Body: "x", Diff: &diffstat.Diff{Files: []*diffstat.File{nil}}})
	assert.Error(t, err)
}

func TestConfigValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  verbosity.Config
		ok   bool
	}{
		{"zero", verbosity.Config{}, true},
		{"cl100k", verbosity.Config{Encoding: "cl100k_base"}, true},
		{"unknown-encoding", verbosity.Config{Encoding: "gpt2"}, false},
		{"ramp-inverted", verbosity.Config{RelaxedTokensPerLine: 700}, false},
		{"negative-floor", verbosity.Config{FloorTokens: -1}, false},
		{"weight-over-1", verbosity.Config{RestateWeight: heuristics.Ptr(1.5)}, false},
		{"negative-limit", verbosity.Config{MaxBodyBytes: -1}, false},
	} {
		err := tc.cfg.Validate()
		if tc.ok {
			assert.NoError(t, err, tc.name)
			continue
		}
		assert.ErrorIs(t, err, heuristics.ErrInvalidConfig, tc.name)
		_, err = verbosity.New(tc.cfg)
		assert.ErrorIs(t, err, heuristics.ErrInvalidConfig, tc.name)
	}
	_, err := verbosity.NewWith(verbosity.Config{}, nil)
	assert.ErrorIs(t, err, heuristics.ErrInvalidConfig)
}

func TestParts(t *testing.T) {
	v := newVerbosity(t)
	parts, err := v.Parts(body(t, "log.md"), "")
	require.NoError(t, err)
	var kinds []string
	for _, p := range parts {
		kinds = append(kinds, p.Kind)
	}
	assert.Equal(t, []string{"prose", "code", "details", "details"}, kinds)
	assert.Equal(t, 1, parts[0].Line)
	assert.Equal(t, 20, parts[0].Tokens, "o200k_base, as tiktoken counts the first paragraph")
}

func TestCL100k(t *testing.T) {
	v, err := verbosity.New(verbosity.Config{Encoding: "cl100k_base"})
	require.NoError(t, err)
	parts, err := v.Parts("tiktoken is great!", "")
	require.NoError(t, err)
	require.Len(t, parts, 1)
	assert.Equal(t, 6, parts[0].Tokens)
}

func TestConformance(t *testing.T) {
	heuristicstest.Run(t, newVerbosity(t),
		&heuristics.Contribution{Body: body(t, "essay.md"), Diff: oneLineFix(t)},
		&heuristics.Contribution{Body: body(t, "restate.md"), Diff: rateLimitDiff(t)},
		&heuristics.Contribution{Body: body(t, "template-only.md"), Template: body(t, "template.md"), Diff: oneLineFix(t)},
		&heuristics.Contribution{Body: body(t, "hidden.md") + body(t, "zero-width.md") + body(t, "bidi.md")},
		&heuristics.Contribution{Body: body(t, "emoji.md") + body(t, "chinese.md"), Diff: bigRefactor(t)},
		&heuristics.Contribution{Body: "Fixes the caf\xe9 menu.", Diff: &diffstat.Diff{}},
	)
}

// FuzzVerbosity checks that no description or template makes the scorer
// fail, panic or break the result contract.
func FuzzVerbosity(f *testing.F) {
	for _, name := range []string{"restate.md", "hidden.md", "emoji.md", "bidi.md", "tags.md", "log.md"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b), "")
	}
	f.Add("## A\n\n- [x] b\n<!-- c d e f -->", "## A\n\n- [ ] b\n<!-- c d e f -->")
	v, err := verbosity.NewWith(verbosity.Config{MaxBodyBytes: 1 << 16}, words{})
	if err != nil {
		f.Fatal(err)
	}
	d := &diffstat.Diff{Files: []*diffstat.File{{NewPath: "internal/api/server.go", Added: 3, Deleted: 1, Kind: diffstat.KindSource}}}
	f.Fuzz(func(t *testing.T, body, template string) {
		r, err := v.Score(context.Background(), &heuristics.Contribution{Title: "api: fix the server", Body: body, Template: template, Diff: d})
		if err != nil {
			if len(body) > 1<<16 && errors.Is(err, verbosity.ErrBodyTooLarge) {
				return
			}
			t.Fatalf("Score: %v", err)
		}
		if err := heuristics.CheckResult(r); err != nil {
			t.Fatal(err)
		}
		if r.Metrics["invalid_utf8_bytes"] == 0 && !utf8.ValidString(body) {
			t.Fatalf("invalid UTF-8 not counted")
		}
	})
}

// RestateWeight: 0 is a setting of its own, not the default: restating the
// diff is still shown as evidence but adds nothing to the score.
func TestRestateWeightZero(t *testing.T) {
	c := &heuristics.Contribution{Body: body(t, "restate.md"), Diff: rateLimitDiff(t)}
	def, err := verbosity.New(verbosity.Config{})
	require.NoError(t, err)
	zero, err := verbosity.New(verbosity.Config{RestateWeight: heuristics.Ptr(0.0), HiddenWeight: heuristics.Ptr(0.0)})
	require.NoError(t, err)
	r1, err := def.Score(context.Background(), c)
	require.NoError(t, err)
	r0, err := zero.Score(context.Background(), c)
	require.NoError(t, err)
	assert.Equal(t, 0.4, r1.Score, "the default restate weight")
	assert.Zero(t, r0.Score, "restate_weight 0 adds nothing")
	assert.Contains(t, scorertest.Rules(r0), "verbosity-restates-diff", "the finding is still there to read")
}

// TestTemplateScorerAsks pins that, with the repository's template at
// hand, an empty or untouched description gets its advice from the
// template scorer only: the author is not asked the same thing twice.
func TestTemplateScorerAsks(t *testing.T) {
	big := scorertest.GitDiff(t, nil, map[string]*string{"pkg/big.go": scorertest.Text("package pkg\n" + scorertest.Numbered("v", 400))})
	tmpl := body(t, "template.md")
	s := newVerbosity(t)
	for name, c := range map[string]*heuristics.Contribution{
		"empty":     {Title: "sync: split the replicator", Template: tmpl, Diff: big},
		"untouched": {Template: tmpl, Body: tmpl, Diff: big},
	} {
		res, err := s.Score(context.Background(), c)
		require.NoError(t, err)
		assert.Greater(t, res.Score, 0.0, name)
		assert.NotEmpty(t, res.Evidence, name)
		assert.Empty(t, res.Advice, "%s: the template scorer asks to fill in the template", name)
	}
	res, err := s.Score(context.Background(), &heuristics.Contribution{Title: "sync: split the replicator", Diff: big})
	require.NoError(t, err)
	assert.Contains(t, res.Advice, "does not say what it does or why", "without a template, verbosity asks")
}

func TestSectionNameWithoutColon(t *testing.T) {
	prose := strings.Repeat("The parser now reads more of its input in more places than it did. ", 40)
	r := score(t, newVerbosity(t), &heuristics.Contribution{Body: "### Changes:\n\n" + prose + "\n### Notes\n\nNone.\n", Diff: oneLineFix(t)})
	e, ok := findEvidence(r, "verbosity-long-section")
	require.True(t, ok)
	assert.True(t, strings.HasPrefix(e.Message, `The section "Changes" has`), "the heading's trailing colon is not part of its name: %s", e.Message)
}

func TestNoDescriptionSaysWhatTheRestIs(t *testing.T) {
	big := scorertest.GitDiff(t, nil, map[string]*string{"pkg/big.go": scorertest.Text("package pkg\n" + scorertest.Numbered("v", 400))})
	r := score(t, newVerbosity(t), &heuristics.Contribution{Body: "## Description\n\n## Testing\n\n- [ ] Tests added\n- [ ] Docs updated\n", Diff: big})
	e, ok := findEvidence(r, "verbosity-no-description")
	require.True(t, ok, "%v", r.Evidence)
	assert.Regexp(t, `^The description has [0-9]+ words? of the author's own for [0-9,]+ reviewable changed lines; the rest is 2 headings with nothing under them, 2 checklist items\.$`, e.Message,
		"not \": only 2 headings\", which reads as if the headings were the author's words")
}

// TestIssueLinkIsNotProse: a line that only closes or links an issue is
// not the author's own words; with nothing else, the advice asks for one
// sentence so a reviewer need not open the issue.
func TestIssueLinkIsNotProse(t *testing.T) {
	v := newVerbosity(t)
	big := bigChange(t, 1200)
	for _, body := range []string{
		"Closes #4821",
		"Fixes #12\nFixes #13",
		"- Resolves https://github.com/example/tool/issues/77",
		"fixes example/tool#9, closes #10",
	} {
		t.Run(body, func(t *testing.T) {
			r := score(t, v, &heuristics.Contribution{Title: "cache: let entries expire on their own", Body: body, Diff: big})
			assert.Zero(t, r.Metrics["own_words"], "an issue link is not the author's prose")
			ev, ok := findEvidence(r, "verbosity-no-description")
			require.True(t, ok, "%v", r.Evidence)
			assert.Contains(t, ev.Message, "only links")
			assert.NotContains(t, ev.Message, "words of the author's own")
			assert.Contains(t, r.Advice, "only links")
			assert.Contains(t, r.Advice, "One sentence")
			assert.NotContains(t, r.Advice, "does not say what it does or why")
		})
	}
	// A sentence that mentions an issue keeps its words.
	r := score(t, v, &heuristics.Contribution{Body: "This fixes #12 by expiring entries after their TTL.", Diff: big})
	assert.Positive(t, r.Metrics["own_words"])
}

// TestCommitInputAdvice: when the description is the commit message
// (git format-patch input), the advice does not send the details to the
// commit messages.
func TestCommitInputAdvice(t *testing.T) {
	v := newVerbosity(t)
	body := strings.Repeat("The retry loop now stops when the context is cancelled, and every attempt is logged with its delay and the error it saw. ", 40)
	c := &heuristics.Contribution{Title: "retry: stop on cancel", Body: body, Diff: oneLineFix(t),
		Commits: []heuristics.Commit{{Message: "retry: stop on cancel\n\n" + body}}}
	r := score(t, v, c)
	require.Positive(t, r.Metrics["length_score"])
	assert.NotContains(t, r.Advice, "commit messages")
	assert.Contains(t, r.Advice, "linked issue")

	c.Commits = []heuristics.Commit{{Message: "retry: stop on cancel"}}
	r = score(t, v, c)
	assert.Contains(t, r.Advice, "commit messages", "a pull request's description is not its commits")
}

// TestNoHeadingsSection: a description without headings is not "the
// text before the first heading"; with one section the length item
// already says how long it is.
func TestNoHeadingsSection(t *testing.T) {
	v := newVerbosity(t)
	body := strings.Repeat("The retry loop now stops when the context is cancelled, and every attempt is logged with its delay and the error it saw. ", 40)
	r := score(t, v, &heuristics.Contribution{Body: body, Diff: oneLineFix(t)})
	require.Positive(t, r.Metrics["length_score"])
	for _, e := range r.Evidence {
		assert.NotContains(t, e.Message, "first heading")
	}
	assert.NotContains(t, scorertest.Rules(r), "verbosity-long-section")
}

var namesRE = regexp.MustCompile(`names ((?:all|none|the only|[0-9,]+ of) [^.]*?)(?: one by one|\.)`)

// TestRestateCountsAgree: the advice and the evidence count what the
// description names the same way.
func TestRestateCountsAgree(t *testing.T) {
	v := newVerbosity(t)
	r := score(t, v, &heuristics.Contribution{Body: body(t, "restate.md"), Diff: rateLimitDiff(t)})
	require.Positive(t, r.Metrics["restate_score"])
	ev, ok := findEvidence(r, "verbosity-restates-diff")
	require.True(t, ok)
	a, e := namesRE.FindStringSubmatch(r.Advice), namesRE.FindStringSubmatch(ev.Message)
	require.NotNil(t, a, r.Advice)
	require.NotNil(t, e, ev.Message)
	assert.Equal(t, e[1], a[1], "advice: %s\nevidence: %s", r.Advice, ev.Message)
}

// TestRestateNeedsAShare: naming three of a hundred changed files points
// a reviewer at them; it is not a restatement of the diff.
func TestRestateNeedsAShare(t *testing.T) {
	v := newVerbosity(t)
	change := map[string]*string{}
	for i := range 100 {
		change[fmt.Sprintf("internal/shard/s%02d.go", i)] = scorertest.Text(fmt.Sprintf("package shard\n\nvar n%d = %d\n", i, i))
	}
	d := scorertest.GitDiff(t, nil, change)
	body := "The shards were split by hand and drifted apart; this generates them from one table so they stay in step. " +
		"Start with internal/shard/s00.go, internal/shard/s01.go and internal/shard/s02.go, which show the pattern; the others follow it. " +
		strings.Repeat("Nothing else changes in behaviour, and the generator is checked in so the output can be rebuilt. ", 6)
	r := score(t, v, &heuristics.Contribution{Body: body, Diff: d})
	require.GreaterOrEqual(t, r.Metrics["named_paths"], 3.0, "%v", r.Metrics)
	assert.Zero(t, r.Metrics["restate_score"])
	assert.NotContains(t, r.Advice, "one by one")
}

// TestNoReviewableLinesWording: a lockfile-only change is "a change with
// no reviewable lines", not "0 reviewable changed lines".
func TestNoReviewableLinesWording(t *testing.T) {
	v := newVerbosity(t)
	d := &diffstat.Diff{Files: []*diffstat.File{{NewPath: "go.sum", Added: 300, Kind: diffstat.KindLockfile}}}
	r := score(t, v, &heuristics.Contribution{Title: "deps: update go.sum", Diff: d})
	assert.Contains(t, r.Summary, "for a change with no reviewable lines")
	assert.NotContains(t, r.Summary, "0 reviewable")
}

// TestMentionGuard: a zero-width space right after '@', which release
// notes use to keep a mention from notifying someone, is not hidden
// text; other invisible characters still count.
func TestMentionGuard(t *testing.T) {
	v := newVerbosity(t)
	r := score(t, v, &heuristics.Contribution{Body: "Thanks to @\u200bsomeone and @\u200banother for the report.", Diff: oneLineFix(t)})
	assert.Zero(t, r.Metrics["invisible_chars"])
	assert.Zero(t, r.Score)
	r = score(t, v, &heuristics.Contribution{Body: "Thanks to @\u200bsomeone for the re\u200bport.", Diff: oneLineFix(t)})
	assert.Equal(t, 1.0, r.Metrics["invisible_chars"])
}

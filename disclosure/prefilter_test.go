package disclosure

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// prefilterSeeds are texts near the edges of didRE and possessiveRE.
var prefilterSeeds = []string{
	"", " ", "\n", " wrote the tests", "\n\nwrote it", " (v2) wrote x", "'s help", "’s suggestions here",
	" ſuggested a fix", "🤖 Generated with [Claude Code](https://claude.com/claude-code)", "Made by Foo Bar",
	"********Written with X", "*********Written with X", "\xff\xffAuthored using Y", "_Created with Z", "generated with w",
	"👩\u200d💻 Created by Ab", "I wrote this with ", "we built it using the ", "WE made it via an ", "i\tdid x with ",
	"xI wrote with ", "I\vwrote with ", " helped me", " was used", "(ok) wrote this", "we", "«» Generated with Tool.", " \u212aeep", "\n🤖 Generated with Claude Code", ". It wrote", " also wrote it",
	"'s new ", "OpenAI's ", "OpenAI’s latest ", "the model", "Anthropic\u2019s experimental ", "x'S ",
	"\t\f\r has written code", " did not write", "-wrote", " Wrote", "’", "ſ", "\u212a",
}

// randomPrefilterText builds a short text from pieces of the seeds and
// single bytes, so that random inputs reach the patterns' branches.
func randomPrefilterText(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(6) {
		switch r.IntN(3) {
		case 0:
			b.WriteString(prefilterSeeds[r.IntN(len(prefilterSeeds))])
		case 1:
			b.WriteByte(byte(r.IntN(256)))
		default:
			b.WriteString([]string{" ", "\n", "(", "'", "’", "ſ", "s", "w", "🤖", ".", "*", "_", "Generated", " with ", "Made", "I ", "we ", " wrote ", " using "}[r.IntN(19)])
		}
	}
	return b.String()
}

// TestPrefilters checks that mayDid, hasApostrophe, hasIWe and mayToolFooter never turn away a
// text their pattern matches: each is a cheaper necessary condition in
// front of it, and must not change what Parse reports.
func TestPrefilters(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	inputs := append([]string(nil), prefilterSeeds...)
	for range 3000 {
		inputs = append(inputs, randomPrefilterText(r))
	}
	for _, s := range inputs {
		if !mayDid(s) && didRE.FindStringSubmatchIndex(s) != nil {
			t.Errorf("mayDid(%q) = false, but didRE matches", s)
		}
		if !mayDid(s) && suffixRE.FindStringSubmatchIndex(s) != nil {
			t.Errorf("mayDid(%q) = false, but suffixRE matches", s)
		}
		if !hasIWe(s) && firstRE.MatchString(s) {
			t.Errorf("hasIWe(%q) = false, but firstRE matches", s)
		}
		if !hasApostrophe(s) && possessiveRE.FindStringIndex(s+" ") != nil {
			t.Errorf("hasApostrophe(%q) = false, but possessiveRE matches", s)
		}
		if !mayToolFooter(s) && toolFooterRE.FindStringSubmatchIndex(s) != nil {
			t.Errorf("mayToolFooter(%q) = false, but toolFooterRE matches", s)
		}
	}
}

// oldTokenKinds is a map of tokenKind's tokens, its reference.
func oldTokenKinds() map[string]uint8 {
	m := map[string]uint8{}
	for _, t := range []string{"ai", "llm", "llms"} {
		m[t] |= tokAI
	}
	for _, t := range []string{"no", "not", "without", "use", "used"} {
		m[t] |= tokNeg
	}
	for _, t := range []string{"hand", "human", "manually"} {
		m[t] |= tokHand
	}
	return m
}

// TestTokenKind compares tokenKind with the map it replaced on its
// tokens, near misses and random lower-case tokens.
func TestTokenKind(t *testing.T) {
	old := oldTokenKinds()
	toks := []string{"", "a", "i", "aii", "chatbots", "models", "handy", "humans", "larger", "agen", "assistan", "l"}
	for k := range old {
		toks = append(toks, k, k+"s", k[1:], k[:len(k)-1])
	}
	toks = append(toks, randomTokens(3, 10, "aeilmnst")...)
	for _, tok := range toks {
		if got, want := tokenKind(tok), old[tok]; got != want {
			t.Errorf("tokenKind(%q) = %d, want %d", tok, got, want)
		}
	}
}

// TestMayFirst checks mayFirst against the map it guards, on every
// first token, near misses and random tokens.
func TestMayFirst(t *testing.T) {
	p := DefaultParser()
	var toks []string
	for k := range p.firstWords {
		toks = append(toks, k, k+"s", k[1:]+"x", strings.Repeat(k, 70))
	}
	toks = append(toks, randomTokens(5, 12, "acdeilmnoprstux0")...)
	for _, tok := range toks {
		if tok == "" {
			continue
		}
		if got, want := p.mayFirst(tok), p.firstWords[tok]; got != want {
			t.Errorf("mayFirst(%q) = %v, want %v", tok, got, want)
		}
	}
}

// randomTokens returns 3000 tokens of 1 to maxLen bytes of alphabet,
// drawn from the given seed.
func randomTokens(seed uint64, maxLen int, alphabet string) []string {
	r := rand.New(rand.NewPCG(seed, seed+1))
	toks := make([]string, 3000)
	for k := range toks {
		b := make([]byte, 1+r.IntN(maxLen))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		toks[k] = string(b)
	}
	return toks
}

// footerSeeds are lines near the default catalogue's footers.
var footerSeeds = []string{
	"🤖 Generated with [Claude Code](https://claude.com/claude-code)", "<!-- START COPILOT CODING AGENT TIPS -->",
	"💡 You can make Copilot smarter by setting up", "✨ Let Copilot coding agent set things up for you", " ✨ Let Copilot coding agent",
	"Share your feedback on Copilot coding agent", "<samp>🤖 Generated by Copilot at 1a2b3c4</samp>", "(https://gh.io/copilot/firewall-config)",
	"Link to Devin run: x", "aider: fix it", "PR created automatically by Jules for task 123", "💘 Generated with Crush",
	"<!--START COPILOT CODING AGENT TIPS-->", "GENERATED WITH CLAUDE CODE", "\t💡 You can make Copilot smarter by",
}

// TestFooterLiterals checks that the literals a footer is tried behind
// (cpattern.musts) are in every line its expression matches, and that
// literalScan.inLine, asked line by line, says what strings.Contains of
// each line says.
func TestFooterLiterals(t *testing.T) {
	p := DefaultParser()
	r := rand.New(rand.NewPCG(7, 8))
	pieces := append(append([]string(nil), footerSeeds...), "\n", "\n", "  ", "a", "A", "-->", "<!--", "💡", "✨", "Made by X", "Written ", "Authored")
	var texts []string
	for range 2000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	texts = append(texts, footerSeeds...)
	for ti := range p.tools {
		for _, f := range p.tools[ti].footers {
			if f.Rule == "copilot-agent-tips" || f.Rule == "copilot-agent-setup" {
				if len(f.musts) == 0 {
					t.Errorf("%s: no literals found", f.Rule)
				}
			}
			for _, s := range texts {
				for line := range strings.Lines(s) {
					lower := asciiLower(line)
					if f.re.MatchString(line) && f.musts != nil && !slices.ContainsFunc(f.musts, func(m string) bool { return strings.Contains(lower, m) }) {
						t.Errorf("%s matches %q, which holds none of %q", f.Rule, line, f.musts)
					}
				}
			}
		}
	}
	lits := []string{"generated", "a  a", "aa", "💡 you", "-->", "a\na"}
	for _, text := range texts {
		ls := newLiteralScan(asciiLower(text), lits, nil)
		verbs := newLiteralScan(text, toolFooterVerbs[:], nil)
		for i, l := range splitLines(text) {
			if !verbs.any(l) && mayToolFooter(l.s) {
				t.Fatalf("line %d of %q: no verb found, but mayToolFooter", l.n, text)
			}
			if i%3 != 1 && !ls.any(l) && slices.ContainsFunc(lits, func(lit string) bool { return strings.Contains(asciiLower(l.s), lit) }) {
				t.Fatalf("any is false for line %d of %q", l.n, text)
			}
			for k, lit := range lits {
				if got, want := ls.inLine([]int{k}, l), strings.Contains(asciiLower(l.s), lit); got != want {
					t.Fatalf("inLine(%q) in line %d of %q = %v, want %v", lit, l.n, text, got, want)
				}
			}
		}
	}
}

// TestMayNoAI checks that mayNoAI and selfMatches never turn away a text
// noAIRE or selfRE matches, on random texts of their words.
func TestMayNoAI(t *testing.T) {
	words := []string{"no", "AI", "A.I.", "a.i.", "LLM", "LLMs", "generative", "was", "were", "used", "I", "we", "didn't", "did not", "use",
		"written", "entirely", "by", "human", "hand", "manually", "without", "any", "is", "not", "generated", "assistance", "involved", "waſ",
		"uſe", "uſed", "\u212a", "this", "PR", "change", "patch", "mostly", "assisted", "AI-generated", "LLM-written", "never", "do not", "have been", "help", "tools", "No", "NOT", "Used", " ", " ", "-", ".", "'"}
	inputs := []string{"I didn't uſe AI", "We never uſed LLMs", "No A.I. was used", "written by hand", "Written entirely by a human",
		"This was not AI-generated", "without any AI assistance", "no AI involved", "we do not use generative AI", "made without the help of LLMs",
		"This PR is AI-generated", "the patch was LLM assisted", "This change is mostly AI written"}
	r := rand.New(rand.NewPCG(13, 14))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(10) {
			b.WriteString(words[r.IntN(len(words))])
			if r.IntN(3) > 0 {
				b.WriteByte(' ')
			}
		}
		inputs = append(inputs, b.String())
	}
	for _, s := range inputs {
		if !mayNoAI(asciiLower(s)) && noAIRE.MatchString(s) {
			t.Errorf("mayNoAI(%q) = false, but noAIRE matches", s)
		}
		if selfMatches(tokensIn(asciiLower(s), tokAI|tokNeg|tokHand), s) == nil && selfRE.MatchString(s) {
			t.Errorf("selfMatches(%q) = nil, but selfRE matches", s)
		}
	}
}

// TestMayMalformedKey checks that mayMalformedKey never turns away a
// line malformedKeyRE matches, on random lines of its words.
func TestMayMalformedKey(t *testing.T) {
	words := []string{"co", "Co", "CO", "authored", "Authored", "developed", "assisted", "aſſiſted", "generated", "GENERATED", "ai", "AI", "by", "By", "BY",
		"-", "_", " ", " ", ":", "\\n", "(", "*", "Claude", "x"}
	r := rand.New(rand.NewPCG(15, 16))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(words[r.IntN(len(words))])
		}
		s := b.String()
		if !mayMalformedKey(asciiLower(s), s) && malformedKeyRE.MatchString(s) {
			t.Errorf("mayMalformedKey(%q) = false, but malformedKeyRE matches", s)
		}
	}
}

// TestIndexFrom compares indexFrom with strings.Index on literals
// shorter and longer than its needle, at every start.
func TestIndexFrom(t *testing.T) {
	lits := []string{"ab", "abababababababababab", "so codex couldn't run certain commands", "aaaaaaaaaaaaaaaaab"}
	r := rand.New(rand.NewPCG(17, 18))
	for range 3000 {
		var b strings.Builder
		for range r.IntN(10) {
			b.WriteString([]string{"a", "b", "ab", "aaaaaaaaaaaaaaaa", "abababababababab", "so codex couldn't run certain commands", "so codex couldn't"}[r.IntN(7)])
		}
		text := b.String()
		for _, lit := range lits {
			for start := 0; start <= len(text); start++ {
				want := len(text)
				if i := strings.Index(text[start:], lit); i >= 0 {
					want = start + i
				}
				if got := indexFrom(text, lit, start); got != want {
					t.Fatalf("indexFrom(%q, %q, %d) = %d, want %d", text, lit, start, got, want)
				}
			}
		}
	}
}

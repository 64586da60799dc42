package eval

import (
	"slices"
	"strings"
	"sync"

	"github.com/heft-dev/heft/disclosure"
	"github.com/heft-dev/heft/internal/lazyre"
)

// AILabel is what a Labeller found in a commit: whether it says it was
// machine-written, which tool, and which lines of the message say so.
type AILabel struct {
	AI    bool
	Tool  string // lower-case tool name, such as "claude"; "" when unknown
	Lines []int  // 0-based indexes of the message lines that bear the label
}

// A Labeller decides from a commit's message and author whether it was
// machine-written. LabelDisclosure is the default; LabelCommit is a
// smaller, self-contained alternative; a caller with a better one passes
// it in GitOptions.
type Labeller func(message, authorName, authorEmail string) AILabel

// aiTools maps a pattern naming an AI coding tool to the tool's name.
var aiTools = []struct {
	re   *lazyre.Regexp
	tool string
}{
	{lazyre.New(`(?i)\bclaude\b|anthropic\.com`), "claude"},
	{lazyre.New(`(?i)\bcopilot\b|copilot-swe-agent`), "copilot"},
	{lazyre.New(`(?i)\bcodex\b|chatgpt|\bopenai\b|\bgpt-?[345]`), "openai"},
	{lazyre.New(`(?i)\bdevin\b|devin-ai-integration`), "devin"},
	{lazyre.New(`(?i)\bcursor(agent)?\b|cursor\.com`), "cursor"},
	{lazyre.New(`(?i)\bgemini\b|jules`), "gemini"},
	{lazyre.New(`(?i)\baider\b`), "aider"},
	{lazyre.New(`(?i)\bopenhands\b|all-hands\.dev`), "openhands"},
	{lazyre.New(`(?i)\bwindsurf\b|\bcodeium\b`), "windsurf"},
	{lazyre.New(`(?i)amazon q\b|codewhisperer`), "amazon-q"},
	{lazyre.New(`(?i)\bcrush\b|charm\.land|\btermai\b`), "crush"},
}

var (
	// trailerRe matches a trailer-shaped line: "Key: value".
	trailerRe = lazyre.New(`^([A-Za-z][A-Za-z0-9-]*)\s*:\s*(.+)$`)
	// aiTrailers are trailer keys whose presence alone discloses AI help.
	aiTrailers = map[string]bool{"assisted-by": true, "generated-by": true, "ai-assisted-by": true, "ai-assisted": true, "ai-tool": true, "ai-model": true, "co-developed-by-ai": true}
	// footerRe matches the footers tools append to messages they write.
	footerRe = lazyre.New(`(?i)^\W*(generated|created|written|authored|co-authored)\s+(with|by|using)\s+\[?[a-z]`)
)

// LabelCommit is a small Labeller that depends on nothing but a list. It calls a commit
// machine-written when a line of its message is an AI-disclosure trailer
// (Assisted-by, Generated-by, AI-assisted, ...), a Co-authored-by trailer
// naming a known tool, or a tool's footer ("🤖 Generated with Claude
// Code"), or when its author is a known agent account. It knows a dozen
// tools by name; it misses disclosures in prose and tools it does not
// name.
func LabelCommit(message, authorName, authorEmail string) AILabel {
	var l AILabel
	for i, line := range strings.Split(message, "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" {
			continue
		}
		hit := false
		if m := trailerRe.FindStringSubmatch(line); m != nil {
			key := strings.ToLower(m[1])
			switch {
			case aiTrailers[key]:
				hit = true
			case key == "co-authored-by" && toolOf(m[2]) != "":
				hit = true
			}
		}
		if !hit && footerRe.MatchString(line) && toolOf(line) != "" {
			hit = true
		}
		if hit {
			l.AI = true
			l.Lines = append(l.Lines, i)
			if l.Tool == "" {
				l.Tool = toolOf(line)
			}
		}
	}
	if who := authorName + " " + authorEmail; isAgentAccount(who) {
		l.AI = true
		if l.Tool == "" {
			l.Tool = toolOf(who)
		}
	}
	return l
}

// isAgentAccount reports an author that is an agent, not a person using
// one: the bot accounts and no-reply addresses agents commit as.
func isAgentAccount(who string) bool {
	who = strings.ToLower(who)
	for _, s := range []string{"copilot-swe-agent", "devin-ai-integration", "cursoragent@cursor.com", "noreply@anthropic.com", "openhands@all-hands.dev", "codex@openai.com", "crush@charm.land", "claude[bot]", "google-labs-jules"} {
		if strings.Contains(who, s) {
			return true
		}
	}
	return false
}

// toolOf returns the name of the first known tool s mentions, or "".
func toolOf(s string) string {
	for _, t := range aiTools {
		if t.re.MatchString(s) {
			return t.tool
		}
	}
	return ""
}

// StripLines returns message without the lines at the given 0-based
// indexes, and without the blank lines left trailing, so scorers see the
// commit as it would read without its AI label.
func StripLines(message string, lines []int) string {
	if len(lines) == 0 {
		return message
	}
	drop := make(map[int]bool, len(lines))
	for _, i := range lines {
		drop[i] = true
	}
	var kept []string
	for i, line := range strings.Split(message, "\n") {
		if !drop[i] {
			kept = append(kept, line)
		}
	}
	return strings.TrimRight(strings.Join(kept, "\n"), "\n \t\r") + "\n"
}

// disclosureParser is the default catalogue's parser, built once.
var disclosureParser = sync.OnceValues(func() (*disclosure.Parser, error) {
	return disclosure.NewParser(disclosure.DefaultCatalogue(), nil)
})

// LabelDisclosure is a Labeller built on package disclosure, the parser
// heft's disclosure scorer uses: a commit is machine-written when its
// message or author carries an AI tool's marker (a trailer, a tool's
// footer, a session link, a commit prefix, an AI sign-off or an agent
// account). A person's sentence ("I used ChatGPT for the tests") is not a
// label: prose is what scorers read, not ground truth. Lines are those the
// markers span.
func LabelDisclosure(message, authorName, authorEmail string) AILabel {
	author := authorName
	if authorEmail != "" {
		author += " <" + authorEmail + ">"
	}
	p, err := disclosureParser()
	if err != nil { // the default catalogue is tested to compile
		return AILabel{}
	}
	d := p.ParseSource(disclosure.Source{Text: message, Commit: true, Author: author})
	var l AILabel
	seen := map[int]bool{}
	for _, e := range d.Evidence {
		if !e.Stance.AI() || !e.Marker() {
			continue
		}
		l.AI = true
		if l.Tool == "" {
			l.Tool = e.Tool
		}
		if e.Kind == disclosure.KindAuthor || e.End <= e.Start || e.End > len(message) {
			continue
		}
		first := strings.Count(message[:e.Start], "\n")
		last := first + strings.Count(strings.TrimSuffix(message[e.Start:e.End], "\n"), "\n")
		for i := first; i <= last; i++ {
			if !seen[i] {
				seen[i] = true
				l.Lines = append(l.Lines, i)
			}
		}
	}
	slices.Sort(l.Lines)
	return l
}

// LabelAny returns a Labeller that calls a commit machine-written when
// any of ls does, with the union of their lines and the first tool named.
func LabelAny(ls ...Labeller) Labeller {
	return func(message, authorName, authorEmail string) AILabel {
		var out AILabel
		for _, l := range ls {
			got := l(message, authorName, authorEmail)
			out.AI = out.AI || got.AI
			if out.Tool == "" {
				out.Tool = got.Tool
			}
			for _, i := range got.Lines {
				if !slices.Contains(out.Lines, i) {
					out.Lines = append(out.Lines, i)
				}
			}
		}
		slices.Sort(out.Lines)
		return out
	}
}

package disclosure

import (
	"fmt"
	"slices"

	"github.com/heft-dev/heft/internal/enum"
)

// Stance is what a text declares about the use of AI tools, in
// increasing order of AI involvement except for StanceNone.
type Stance uint8

// The stances. The zero Stance is StanceNone: nothing was declared.
const (
	StanceNone      Stance = iota // no disclosure found
	StanceNoAI                    // the author declares that no AI tool was used
	StanceAssisted                // an AI tool helped: co-author, assistant, reviewer, drafts
	StanceGenerated               // an AI tool or agent wrote the change
)

var stanceNames = [...]string{"none", "no-ai", "assisted", "generated"}

// String returns the stance's stable name: "none", "no-ai", "assisted" or
// "generated".
func (s Stance) String() string {
	return enum.Name("Stance", stanceNames[:], s)
}

// MarshalText encodes the stance as its String form.
func (s Stance) MarshalText() ([]byte, error) {
	if int(s) >= len(stanceNames) {
		return nil, fmt.Errorf("disclosure: invalid stance %d", s)
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes a stance from its String form; the empty string is
// StanceNone.
func (s *Stance) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*s = StanceNone
		return nil
	}
	x, ok := enum.Lookup[Stance](stanceNames[:], b)
	if !ok {
		return fmt.Errorf("disclosure: unknown stance %q", b)
	}
	*s = x
	return nil
}

// AI reports whether the stance declares AI involvement (assisted or
// generated).
func (s Stance) AI() bool { return s == StanceAssisted || s == StanceGenerated }

// Kind says what shape a piece of evidence has.
type Kind string

// The kinds of evidence Parse reports.
const (
	KindTrailer   Kind = "trailer"   // a git trailer naming a tool or declaring use
	KindFooter    Kind = "footer"    // a line a tool writes, such as Claude Code's "Generated with" line
	KindLink      Kind = "link"      // an agent's session or task link
	KindSentence  Kind = "sentence"  // a person's words: "I used ChatGPT to draft the tests"
	KindCheckbox  Kind = "checkbox"  // a ticked template checkbox
	KindSection   Kind = "section"   // a filled-in "AI disclosure" section or labelled line
	KindBlock     Kind = "block"     // a collapsed <details> block holding prompts or a transcript
	KindAuthor    Kind = "author"    // the author account or name is a known agent
	KindPrefix    Kind = "prefix"    // a commit subject prefix a tool writes, such as "aider: "
	KindSignoff   Kind = "signoff"   // Signed-off-by naming an AI tool
	KindTampering Kind = "tampering" // invisible or look-alike characters hiding a finding
	KindBranch    Kind = "branch"    // an agent's branch name in a merge commit or as the title
)

// Evidence is one thing the parser found, located so that a bot can quote
// it: Text is Input[Start:End] verbatim, Line the 1-based line of Start.
// Evidence of KindAuthor comes from the Source's author, not the text: it
// has Start, End and Line 0 and Text holds the author.
type Evidence struct {
	Kind    Kind   `json:"kind"`
	Rule    string `json:"rule"`              // the catalogue shape that matched, e.g. "claude-code-footer"
	Tool    string `json:"tool,omitempty"`    // the normalised tool name, when one is named; UnknownTool for an AI identity not told
	Vendor  string `json:"vendor,omitempty"`  // the AI vendor, when an identity names it
	Model   string `json:"model,omitempty"`   // the model named, as written
	Version string `json:"version,omitempty"` // the tool's version, as written
	Stance  Stance `json:"stance"`            // what this evidence alone declares
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Line    int    `json:"line"`
	Text    string `json:"text"`
	Note    string `json:"note,omitempty"` // a short explanation, not API
	// Where names the text the span refers to when several were read
	// (ParseInput): "body", "title", "commit 2", "commit 2 author", ...
	Where string `json:"where,omitempty"`
}

// Tool is one AI tool a text names.
type Tool struct {
	Name    string `json:"name"`              // normalised: "claude-code", "copilot", "codex", ...
	Vendor  string `json:"vendor,omitempty"`  // "anthropic", "github", "openai", ...
	Model   string `json:"model,omitempty"`   // as written: "claude-sonnet-4-5", "Claude Opus 4.5", "gpt-5-codex"
	Version string `json:"version,omitempty"` // the tool's version as written, e.g. "0.86.1"
}

// Trailer is one git trailer, as git interpret-trailers --parse reports it:
// Key as written, Value trimmed and unfolded.
type Trailer struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	Start int    `json:"start"` // byte span of the trailer's lines, continuation included
	End   int    `json:"end"`
	Line  int    `json:"line"`
	// Tampered is set when the key only reads as a trailer once invisible
	// or look-alike characters are removed; git itself does not see it.
	Tampered bool `json:"tampered,omitempty"`
	// Malformed is set for a line git does not take for a trailer that
	// still carries one: a key in other words ("co authored by"), or a
	// trailer outside the last paragraph of a squashed message.
	Malformed bool   `json:"malformed,omitempty"`
	Where     string `json:"where,omitempty"` // as Evidence.Where
}

// BlockKind says what a collapsed block holds.
type BlockKind string

// The kinds of <details> block Parse reports.
const (
	BlockPrompt     BlockKind = "prompt"     // the prompt or instructions given to a tool
	BlockTranscript BlockKind = "transcript" // a conversation or session log
)

// Block is a collapsed <details> block holding prompts or a transcript.
type Block struct {
	Kind    BlockKind `json:"kind"`
	Summary string    `json:"summary"` // the <summary> text, tags stripped
	Start   int       `json:"start"`   // from "<details" to the end of the matching "</details>"
	End     int       `json:"end"`
	Line    int       `json:"line"`
	Where   string    `json:"where,omitempty"` // as Evidence.Where
}

// Disclosure is what a text declares about AI assistance.
type Disclosure struct {
	// Stance is the strongest AI stance any evidence declares; without AI
	// evidence, StanceNoAI if the text says no AI was used, else StanceNone.
	Stance   Stance     `json:"stance"`
	Tools    []Tool     `json:"tools"`
	Trailers []Trailer  `json:"trailers,omitempty"`
	Blocks   []Block    `json:"blocks,omitempty"`
	Evidence []Evidence `json:"evidence,omitempty"`
	// Truncated is set when the input was longer than Options.MaxBytes and
	// only its beginning was read.
	Truncated bool `json:"truncated,omitempty"`
}

// Marker reports whether the evidence is something a tool writes or an
// account is, rather than a person's words: a trailer, footer, session
// link, commit prefix, sign-off, agent author or agent branch.
func (e Evidence) Marker() bool {
	switch e.Kind {
	case KindTrailer, KindFooter, KindLink, KindPrefix, KindSignoff, KindAuthor, KindBranch:
		return true
	}
	return false
}

// Scoped reports whether a no-AI statement covers only part of the work
// ("No AI was used to write the comments").
func (e Evidence) Scoped() bool { return e.Rule == "no-ai-scoped" }

// DeclaresNoAI reports whether some evidence says, without limiting it to
// part of the work, that no AI tool was used.
func (d *Disclosure) DeclaresNoAI() bool {
	return slices.ContainsFunc(d.Evidence, func(e Evidence) bool { return e.Stance == StanceNoAI && !e.Scoped() })
}

// Contradicts reports whether the text says no AI was used and yet
// carries a tool's marker (a co-author trailer, a footer, a session link).
// People's nuanced words ("no AI was used except for the grammar; AI
// helped with the tests") are not a contradiction.
func (d *Disclosure) Contradicts() bool {
	return d.DeclaresNoAI() && slices.ContainsFunc(d.Evidence, func(e Evidence) bool { return e.Stance.AI() && e.Marker() })
}

// Tampered returns the tampering evidence: trailer keys or values that
// hide invisible or look-alike characters.
func (d *Disclosure) Tampered() []Evidence {
	var out []Evidence
	for _, e := range d.Evidence {
		if e.Kind == KindTampering {
			out = append(out, e)
		}
	}
	return out
}

// Tool returns the first tool with the given normalised name.
func (d *Disclosure) Tool(name string) (Tool, bool) {
	for _, t := range d.Tools {
		if t.Name == name {
			return t, true
		}
	}
	return Tool{}, false
}

package disclosure

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/heft-dev/heft/internal/lazyre"
)

// state is one parse in progress.
type state struct {
	p      *Parser
	d      *Disclosure
	text   string
	commit bool
	lines  []tline
	layout
	trailerLine map[int]bool // lines that belong to a trailer block
	// mentionsRead counts the mentions the sentence reader has read.
	mentionsRead int
	// footFrom is the length of d.Evidence when footers began: all
	// footer evidence lies after it, in line order.
	footFrom int
	lower    string // asciiLower(text), once lowerText has been called
	// memo holds the answers of prefixTest.
	memo map[memoKey][]int
}

func (s *state) add(e Evidence) {
	e.Start, e.End = max(e.Start, 0), min(e.End, len(s.text))
	if e.Start > e.End {
		e.Start = e.End
	}
	e.Text = s.text[e.Start:e.End]
	e.Line = lineAt(s.lines, e.Start)
	s.d.Evidence = append(s.d.Evidence, e)
}

func (s *state) masked(off int, bits uint8) bool {
	return off >= 0 && off < len(s.mask) && s.mask[off]&bits != 0
}

// lineMasked reports whether the line's first non-blank byte is masked.
func (s *state) lineMasked(l tline, bits uint8) bool {
	i := l.start
	for i < l.end && (s.text[i] == ' ' || s.text[i] == '\t') {
		i++
	}
	return s.masked(i, bits)
}

// blocks classifies the <details> blocks by their summaries.
func (s *state) blocks() {
	for _, b := range s.details {
		for _, c := range s.p.blocks {
			if !c.re.MatchString(b.summary) {
				continue
			}
			if s.masked(b.start, mCode|mQuote|mComment) {
				break
			}
			s.d.Blocks = append(s.d.Blocks, Block{Kind: c.kind, Summary: b.summary, Start: b.start, End: b.end, Line: lineAt(s.lines, b.start)})
			s.mark(b.start, b.end, mBlock)
			end := min(b.end, b.start+len("<details>"))
			if i := strings.IndexByte(s.text[b.start:b.end], '\n'); i >= 0 {
				end = b.start + i
			}
			s.add(Evidence{Kind: KindBlock, Rule: "details-" + string(c.kind), Stance: StanceAssisted, Start: b.start, End: end,
				Note: "collapsed " + string(c.kind) + " block: " + b.summary})
			break
		}
	}
}

// trailers finds trailer blocks: in a commit message, git's last
// paragraph; in a description, any paragraph outside code and quotes that
// git would take for a trailer block (a squashed commit message).
func (s *state) trailers() {
	s.trailerLine = map[int]bool{}
	var ts []Trailer
	if s.commit {
		ts = commitTrailers(s.text, s.lines, true)
	} else {
		lines := foldKeys(s.lines)
		for i := 0; i < len(lines); {
			if s.paragraphBreak(lines[i]) {
				i++
				continue
			}
			j := i
			for j < len(lines) && !s.paragraphBreak(lines[j]) {
				j++
			}
			if start, ok := blockStart(lines, i, j, false, true); ok {
				// Prose paragraphs such as "Note: ..." or a lone URL pass
				// git's test; a description's block must hold a known key.
				block := parseBlock(s.text, lines[start:j], false)
				if slices.ContainsFunc(block, func(t Trailer) bool { _, ok := s.p.roles[strings.ToLower(t.Key)]; return ok }) {
					ts = append(ts, block...)
				}
			}
			i = j
		}
	}
	for _, t := range ts {
		for l := t.Line; l <= lineAt(s.lines, t.End); l++ {
			s.trailerLine[l] = true
		}
		s.d.Trailers = append(s.d.Trailers, t)
		s.trailer(t)
	}
	s.malformedTrailers()
}

// malformedKeyRE is a co-author or AI trailer key written the way git
// does not read it: other case, blanks or underscores for hyphens, no
// colon at the start of a line ("Co Authored By Claude"), or with a colon
// in the middle of a line, where a squash joined the lines.
var malformedKeyRE = lazyre.New(`(?i)(?:^|[\s(\[*]|\\n)((?:co[-_ ]?authored[-_ ]?by|co[-_ ]?developed[-_ ]?by|(?:ai[-_ ]?)?assisted[-_ ]?by|(?:ai[-_ ]?)?generated[-_ ]?by)(\s*:)?)[ \t]*`)

// malformedTrailers finds co-author, Assisted-by and Generated-by
// trailers git does not see: outside the last paragraph of a commit
// message (a squash of several), joined into one line, or with a key in
// other words. Each is a Trailer with Malformed set; only those naming
// an AI identity or tool become evidence.
func (s *state) malformedTrailers() {
	lower := s.lowerText()
	if !strings.Contains(lower, "author") && !strings.Contains(lower, "by") {
		return
	}
	found := 0
	for li, l := range s.lines {
		if s.trailerLine[li+1] || blank(l.s) || s.lineMasked(l, mCode|mQuote|mComment|mBlock) {
			continue
		}
		if !mayMalformedKey(lower[l.start:l.end], l.s) {
			continue
		}
		ms := malformedKeyRE.FindAllStringSubmatchIndex(l.s, -1)
		for i, m := range ms {
			colon := m[4] >= 0
			atStart := strings.TrimLeft(l.s[:m[2]], " \t-*+>") == "" || strings.HasSuffix(l.s[:m[2]], `\n`)
			if !colon && !atStart || !colon && s.commit && li == 0 || s.masked(l.start+m[2], mCode) {
				continue
			}
			end := len(l.s)
			if i+1 < len(ms) {
				end = ms[i+1][0]
			}
			if found >= maxMalformed {
				return // a real message has a handful
			}
			found++
			end = min(end, m[1]+300) // a name and an address
			value := strings.TrimSpace(strings.TrimRight(l.s[m[1]:end], "\r"))
			key := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(l.s[m[2]:m[3]]), ":"))
			if value == "" {
				continue
			}
			t := Trailer{Key: key, Value: value, Start: l.start + m[2], End: l.start + m[1] + len(strings.TrimRight(l.s[m[1]:end], " \t\r")), Line: int(l.n), Malformed: true}
			if len(s.toolMentions(value, true)) == 0 && !s.p.Identify(value).Kind.AI() && s.modelIn(value) == "" {
				s.d.Trailers = append(s.d.Trailers, t)
				continue
			}
			s.d.Trailers = append(s.d.Trailers, t)
			s.trailerLine[int(l.n)] = true
			n := len(s.d.Evidence)
			s.trailer(t)
			for j := n; j < len(s.d.Evidence); j++ {
				s.d.Evidence[j].Note = strings.TrimSpace(s.d.Evidence[j].Note + " a trailer git does not read as one (" + malformedWhy(colon, atStart, s.commit) + ")")
			}
		}
	}
}

// mayMalformedKey reports whether malformedKeyRE may match line, whose
// asciiLower is lower: each of its keys holds "by" and one of
// "authored", "developed", "assisted" and "generated", in any case, or
// ſ, which (?i) reads as s. It spares most lines the expression.
func mayMalformedKey(lower, line string) bool {
	if !strings.Contains(lower, "by") {
		return false
	}
	return strings.Contains(lower, "authored") || strings.Contains(lower, "generated") || strings.Contains(lower, "assisted") ||
		strings.Contains(lower, "developed") || strings.Contains(line, "ſ")
}

// maxMalformed bounds the malformed trailers read in one text.
const maxMalformed = 200

func malformedWhy(colon, atStart, commit bool) string {
	switch {
	case !colon:
		return "no colon after the key"
	case !atStart:
		return "inside a line"
	case commit:
		return "not in the last paragraph"
	}
	return "key written in other words"
}

func (s *state) paragraphBreak(l tline) bool {
	if blank(l.s) || s.lineMasked(l, mCode|mQuote|mComment) {
		return true
	}
	t := strings.TrimLeft(l.s, " ")
	return strings.HasPrefix(t, "#") || strings.HasPrefix(t, "<") || strings.HasPrefix(t, "---")
}

var (
	emailRE   = lazyre.New(`<([^<>\s]+@[^<>\s]+)>`)
	ghNoreply = lazyre.New(`(?i)^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$`)
	parenRE   = lazyre.New(`\(([^()]+)\)`)
	kernelRE  = lazyre.New(`^([^\s:<>]+):([^\s:<>]+)((?:\s+\S+)*)$`)
	flagNoRE  = lazyre.New(`(?i)^(?:no|none|false|n/?a|0|not\s+used|nope)\b`)
	flagYesRE = lazyre.New(`(?i)^(?:yes|true|y|1)\b`)
)

// trailer interprets one trailer: tampering first, then by the role of
// its key.
func (s *state) trailer(t Trailer) {
	if t.Tampered {
		s.add(Evidence{Kind: KindTampering, Rule: "trailer-key-tampered", Start: t.Start, End: t.End,
			Note: "the key \"" + t.Key + "\" only reads as a trailer once invisible or look-alike characters are removed; git does not see it"})
	}
	value := s.trailerValue(t)
	role, known := s.p.roles[normKey(t.Key)]
	ev := Evidence{Kind: KindTrailer, Rule: "trailer-" + normKey(t.Key), Start: t.Start, End: t.End}
	switch {
	case known && role == RoleCoAuthor:
		s.coAuthorTrailer(ev, value)
	case known && role == RoleSignoff:
		s.signoffTrailer(ev, value)
	case known && (role == RoleAssisted || role == RoleGenerated || role == RoleFlag):
		s.toolTrailer(ev, t.Key, role, value)
	case !t.Tampered && (normKey(t.Key) == "ai" || normKey(t.Key) == "llm") && t.End <= len(s.text):
		// "AI: Claude Code helped with the tests" as the last paragraph
		// reads as a trailer to git; it is a labelled line.
		if c := strings.IndexByte(s.text[t.Start:t.End], ':'); c >= 0 {
			s.answer(t.Start, t.End, t.Start+c+1, "ai-label")
		}
	default:
		// Any other trailer naming an AI identity: Reviewed-by, Helped-by.
		if id := s.p.Identify(value); id.Kind.AI() && strings.Contains(value, "@") {
			ev.Tool, ev.Vendor, ev.Model, ev.Stance = id.Tool, id.Vendor, id.Model, StanceAssisted
			s.add(ev)
		}
	}
}

// normKey is a trailer key as the catalogue knows it: lower case, with
// blanks and underscores read as hyphens ("co authored by").
func normKey(k string) string {
	k = strings.ToLower(strings.TrimSpace(k))
	if !strings.ContainsAny(k, " \t_") {
		return k
	}
	return strings.Join(strings.FieldsFunc(k, func(r rune) bool { return r == ' ' || r == '\t' || r == '_' || r == '-' }), "-")
}

// trailerValue folds the value's look-alike characters, reporting them
// as tampering when folding reveals a tool.
func (s *state) trailerValue(t Trailer) string {
	value := t.Value
	f, changed := fold(value)
	if !changed {
		return value
	}
	// Invisible marks occur in real names (a left-to-right mark after a
	// name); it is tampering when folding reveals a tool.
	if a, b := s.p.Identify(f), s.p.Identify(value); a.Kind.AI() && (a.Kind != b.Kind || a.Tool != b.Tool) ||
		len(s.toolMentions(f, true)) > len(s.toolMentions(value, true)) {
		s.add(Evidence{Kind: KindTampering, Rule: "trailer-value-tampered", Start: t.Start, End: t.End,
			Note: "the value names a tool behind invisible or look-alike characters"})
	}
	return f
}

// coAuthorTrailer reports a co-author who is an AI tool or vendor; a
// person or a plain bot is not a disclosure.
func (s *state) coAuthorTrailer(ev Evidence, value string) {
	id := s.p.Identify(value)
	if name, email := splitIdentity(value); !id.Kind.AI() && email == "" {
		// A tool's name alone, no address: "Co-authored-by: Gemini".
		if t := s.p.toolByAlias(name, true); t >= 0 {
			id = Identity{Kind: IdentityAITool, Tool: s.p.tools[t].spec.Name, Vendor: s.p.tools[t].spec.Vendor, Rule: "tool-name"}
		}
	}
	if !id.Kind.AI() {
		return
	}
	ev.Tool, ev.Vendor, ev.Model, ev.Stance = id.Tool, id.Vendor, id.Model, StanceAssisted
	if i, ok := s.p.byName[id.Tool]; ok {
		ev.Stance = s.p.tools[i].spec.Stance
	}
	if ev.Model == "" {
		ev.Model = s.modelIn(id.Name)
	}
	s.add(ev)
}

// signoffTrailer reports a Signed-off-by naming an AI tool or a model.
func (s *state) signoffTrailer(ev Evidence, value string) {
	id := s.p.Identify(value)
	name, _ := splitIdentity(value)
	model := firstNonEmpty(id.Model, s.modelIn(name))
	if !id.Kind.AI() && model == "" {
		return
	}
	ev.Kind, ev.Rule, ev.Stance, ev.Model, ev.Vendor = KindSignoff, "signoff-by-ai", StanceAssisted, model, id.Vendor
	ev.Tool = id.Tool
	if ev.Tool == "" || ev.Tool == UnknownTool && s.p.modelTool(model) != "" {
		ev.Tool = firstNonEmpty(s.p.modelTool(model), UnknownTool)
	}
	ev.Note = "an AI tool cannot certify the Developer Certificate of Origin"
	s.add(ev)
}

// toolTrailer reads a key that is about AI (Assisted-by, Generated-by,
// AI-assisted): a yes/no flag, the kernel's AGENT:MODEL form, tools and
// models named in the value, or an unknown tool's name.
func (s *state) toolTrailer(ev Evidence, key string, role TrailerRole, value string) {
	ev.Stance = StanceAssisted
	if role == RoleGenerated || strings.Contains(strings.ToLower(key), "generated") {
		ev.Stance = StanceGenerated
	}
	if role == RoleFlag && flagNoRE.MatchString(value) {
		ev.Stance = StanceNoAI
		s.add(ev)
		return
	}
	id := s.p.Identify(value)
	name, email := splitIdentity(value)
	if email != "" && !id.Kind.AI() && s.modelIn(name) == "" && s.p.toolByAlias(name, true) < 0 {
		return // a person who helped
	}
	if s.kernelTrailer(ev, value) {
		return
	}
	tools := s.toolMentions(value, true)
	model := s.modelIn(value)
	switch {
	case len(tools) > 0:
		for i, m := range tools {
			e := ev
			e.Tool, e.Version = s.p.tools[m.tool].spec.Name, m.version
			if i == 0 {
				e.Model = model
			}
			s.add(e)
		}
	case id.Kind.AI():
		ev.Tool, ev.Vendor, ev.Model = id.Tool, id.Vendor, firstNonEmpty(id.Model, model)
		s.add(ev)
	case model != "":
		ev.Model, ev.Tool = model, s.p.modelTool(model)
		s.add(ev)
	case role == RoleFlag && flagYesRE.MatchString(value):
		s.add(ev)
	case email == "" && value != "" && (role == RoleAssisted || role == RoleFlag && strings.HasPrefix(strings.ToLower(key), "ai-")):
		// An unknown tool named in an AI-specific key.
		if sl := toolSlug(value); sl != "" {
			ev.Tool = sl
			s.add(ev)
		}
	}
}

// kernelTrailer reads the kernel's "AGENT:MODEL [TOOL1] [TOOL2]".
func (s *state) kernelTrailer(ev Evidence, value string) bool {
	m := kernelRE.FindStringSubmatch(value)
	if m == nil || strings.Contains(m[1], "/") {
		return false
	}
	ev.Model = m[2]
	if tool := s.p.toolByAlias(m[1], true); tool >= 0 {
		ev.Tool = s.p.tools[tool].spec.Name
	} else {
		ev.Tool = slug(m[1])
	}
	ev.Note = "agent " + m[1] + ", model " + m[2]
	if extra := strings.Fields(m[3]); len(extra) > 0 {
		ev.Note += ", tools " + strings.Join(extra, " ")
	}
	s.add(ev)
	return true
}

// toolSlug names an unknown tool from a short free-text value.
func toolSlug(value string) string {
	w := value
	if i := strings.IndexAny(w, "(,;["); i > 0 {
		w = w[:i]
	}
	if len(strings.Fields(w)) > 3 {
		return ""
	}
	return slug(w)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// slug makes a tool name out of free text: "Claude Code" → "claude-code".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
		if b.Len() > 40 {
			break
		}
	}
	return strings.Trim(b.String(), ".-")
}

// toolByAlias looks a whole name up: aliases case-insensitively, words
// exactly, or also case-insensitively when words is set (a trailer value
// that is about tools, such as Assisted-by).
func (p *Parser) toolByAlias(name string, words bool) int {
	n := collapse(name)
	if i, ok := p.alias[strings.ToLower(n)]; ok {
		return i
	}
	if words {
		for w, i := range p.word {
			if strings.EqualFold(w, n) {
				return i
			}
		}
		if i, ok := p.byName[strings.ToLower(n)]; ok {
			return i
		}
	}
	return -1
}

func (p *Parser) modelTool(model string) string {
	for _, m := range p.models {
		if m.re.MatchString(model) {
			return m.Tool
		}
	}
	return ""
}

// modelIn returns the first model name in s, as written.
func (s *state) modelIn(str string) string {
	lower := asciiLower(str)
	if !strings.ContainsAny(str, "0123456789") && !strings.Contains(lower, "codex-") && !s.p.digitless {
		return "" // every built-in model name has a digit, but codex-mini
	}
	best, at := "", len(str)+1
	for _, m := range s.p.models {
		if loc := m.re.FindStringIndex(str); loc != nil && loc[0] < at {
			best, at = str[loc[0]:loc[1]], loc[0]
		}
	}
	return best
}

// footers matches each tool's line shapes outside code and quotes; HTML
// comments count, since Copilot writes its markers there.
func (s *state) footers() {
	s.footFrom = len(s.d.Evidence)
	var buf, vbuf [16]int
	lits := newLiteralScan(s.lowerText(), s.p.footLits, buf[:])
	verbs := newLiteralScan(s.text, toolFooterVerbs[:], vbuf[:])
	var pieces [maxPieces]int
	for li, l := range s.lines {
		if l.s == "" || s.lineMasked(l, mCode) {
			continue
		}
		// A line holding none of the footers' literals and none of
		// toolFooterRE's verbs is matched by neither: most lines are
		// passed with two comparisons.
		tryFooters := s.p.footAlways || s.commit && li == 0 || lits.any(l)
		tryTool := verbs.any(l)
		if !tryFooters && !tryTool {
			continue
		}
		quoted := s.lineMasked(l, mQuote)
		// A squash may join a message's lines with runs of blanks: each
		// piece after two or more blanks is read as a line of its own.
		for _, off := range joinedPieces(l.s, &pieces) {
			piece := l.s[off:]
			if off > 0 {
				// Footers start a line: a joined piece is read only at
				// its start, which keeps long lines linear.
				piece = piece[:min(len(piece), 400)]
			}
			for ti := range s.p.tools {
				if !tryFooters {
					break
				}
				t := &s.p.tools[ti]
				for fi := range t.footers {
					f := &t.footers[fi]
					if f.Subject && (!s.commit || li != 0 || off > 0) || f.musts != nil && !lits.inLine(f.lits, l) {
						continue
					}
					s.footer(t, f, l, off, piece)
				}
			}
			if tryTool && !quoted {
				s.toolFooter(l, off)
			}
		}
	}
}

// footer reports f's match in a piece of line l, if any.
func (s *state) footer(t *ctool, f *cpattern, l tline, off int, piece string) {
	m := f.re.FindStringSubmatchIndex(piece)
	if m == nil || s.masked(l.start+off+m[0], mCode) || !f.Quoted && s.masked(l.start+off+m[0], mQuote) {
		return
	}
	e := Evidence{Kind: KindFooter, Rule: f.Rule, Tool: t.spec.Name, Stance: firstStance(f.Stance, t.spec.Stance),
		Start: l.start + off + m[0], End: l.start + off + m[1]}
	if f.Subject {
		e.Kind = KindPrefix
	}
	if len(m) >= 4 && m[2] >= 0 {
		e.Model = piece[m[2]:m[3]]
	}
	if e.Stance == StanceGenerated && helpAfterRE.MatchString(piece[m[1]:]) {
		// "Generated with Claude Code assistance": help, not authorship.
		e.Kind, e.Rule, e.Stance = KindSentence, "made-with-tool", StanceAssisted
	}
	s.add(e)
}

// literalScan finds literals in a text line by line, in one pass over
// the text for each literal: next[k] is where literal k next occurs at
// or after the line last asked about, so that a line costs a comparison,
// whatever the number of literals, and the text is searched once from
// occurrence to occurrence.
type literalScan struct {
	text  string
	lits  []string
	next  []int // len(text) when there is none further, -1 before the first search
	first int   // the least of next
}

// newLiteralScan returns the scan of lits in text, keeping next in buf
// when it is long enough.
func newLiteralScan(text string, lits []string, buf []int) literalScan {
	next := buf[:0]
	if len(lits) > len(buf) {
		next = make([]int, 0, len(lits))
	}
	for range lits {
		next = append(next, -1)
	}
	return literalScan{text: text, lits: lits, next: next, first: -1}
}

// any reports whether a literal may occur within line l: false says
// none does. Lines must be asked about in order; the literals' next
// occurrences are searched again only once a line has passed the first
// of them, so most lines cost one comparison.
func (ls *literalScan) any(l tline) bool {
	if ls.first < l.start && ls.first < len(ls.text) {
		ls.first = len(ls.text)
		for k := range ls.lits {
			ls.first = min(ls.first, ls.from(k, l.start))
		}
	}
	return ls.first < l.end
}

// from returns where literal k first occurs at or after start, which
// must not be less than in an earlier call.
func (ls *literalScan) from(k, start int) int {
	if at := ls.next[k]; at >= start || at == len(ls.text) {
		return at
	}
	ls.next[k] = indexFrom(ls.text, ls.lits[k], start)
	return ls.next[k]
}

// indexFrom returns where lit first occurs in text at or after start,
// or len(text). A literal longer than 16 bytes is looked for by its first
// 16, then compared whole: strings.Index looks for a needle of up to 63
// bytes with vector instructions and for a longer one by a rolling hash
// of every byte, several times slower.
func indexFrom(text, lit string, start int) int {
	needle := lit[:min(len(lit), 16)]
	for i := start; i < len(text); i++ {
		j := strings.Index(text[i:], needle)
		if j < 0 {
			break
		}
		if i += j; strings.HasPrefix(text[i:], lit) {
			return i
		}
	}
	return len(text)
}

// inLine reports whether one of the literals ks occurs within line l,
// which is what strings.Contains of the line's text says: the occurrence
// at or after the line's start that starts first lies within the line
// if any does. Lines must be asked about in order.
func (ls *literalScan) inLine(ks []int, l tline) bool {
	for _, k := range ks {
		if ls.from(k, l.start)+len(ls.lits[k]) <= l.end {
			return true
		}
	}
	return false
}

// lowerText returns asciiLower of the text, computed once.
func (s *state) lowerText() string {
	if s.lower == "" && s.text != "" {
		s.lower = asciiLower(s.text)
	}
	return s.lower
}

// maxPieces bounds the pieces joinedPieces returns for a line.
const maxPieces = 16

// joinedPieces returns the offsets of a line's pieces: 0, and each
// place after a run of two or more blanks, at most maxPieces, in buf.
func joinedPieces(line string, buf *[maxPieces]int) []int {
	out := buf[:1]
	out[0] = 0
	for i := 0; i+2 < len(line); i++ {
		if line[i] == ' ' && line[i+1] == ' ' {
			j := i + 2
			for j < len(line) && line[j] == ' ' {
				j++
			}
			if j < len(line) && len(out) < maxPieces {
				out = append(out, j)
			}
			i = j
		}
	}
	return out
}

// toolFooterVerbs are the verbs of toolFooterRE, one of which starts
// every line it matches (mayToolFooter).
var toolFooterVerbs = [...]string{"Generated", "Created", "Written", "Made", "Authored"}

// toolFooterRE is the "Generated with [Tool](https://tool.example)" line
// many agents write; the tool is told by its name or its link's domain.
var toolFooterRE = lazyre.New(`^\W{0,8}(Generated|Created|Written|Made|Authored)\s+(?:with|by|using)\s+(?:\[([^\]\n]{2,40})\]\((https?://[^)\s]+)\)|([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2}))\s*\.?\s*$`)

// mayToolFooter reports whether toolFooterRE may match s: its verb is
// a capitalised word after at most 8 runes that are not ASCII word
// characters, so the first such character starts it. It spares most
// lines the matcher.
func mayToolFooter(s string) bool {
	i := 0
	for n := 0; i < len(s) && !isWordByte(s[i]); n++ {
		if n == 8 {
			return false
		}
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	rest := s[i:]
	for _, v := range toolFooterVerbs {
		if strings.HasPrefix(rest, v) {
			return true
		}
	}
	return false
}

// toolFooter reports a "Generated with [Tool](link)" footer for a tool
// that has no footer of its own in the catalogue.
func (s *state) toolFooter(l tline, off int) {
	piece := l.s[off:]
	if len(piece) > 200 || !strings.Contains(piece, " ") || !mayToolFooter(piece) {
		return
	}
	m := toolFooterRE.FindStringSubmatchIndex(piece)
	if m == nil {
		return
	}
	name := ""
	if m[4] >= 0 {
		name = piece[m[4]:m[5]]
	} else {
		name = piece[m[8]:m[9]]
	}
	lo, hi := l.start+off+m[0], l.start+off+m[1]
	// Footer evidence comes only from footers, in line order: the
	// evidence of earlier lines ends before this one starts, so the
	// look-back stops there instead of reading every footer so far.
	for i := len(s.d.Evidence) - 1; i >= s.footFrom && s.d.Evidence[i].End > l.start; i-- {
		if e := &s.d.Evidence[i]; e.Kind == KindFooter && e.Start < hi && lo < e.End {
			return // the tool's own footer pattern matched
		}
	}
	tool := s.p.toolByAlias(name, true)
	toolName := ""
	if tool >= 0 {
		toolName = s.p.tools[tool].spec.Name
	} else if m[6] >= 0 {
		u := piece[m[6]:m[7]]
		host := strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
		host, _, _ = strings.Cut(host, "/")
		if vi, dom := s.p.vendors.vendorOf(strings.ToLower(host)); vi >= 0 {
			toolName = firstNonEmpty(s.p.vendors.vendors[vi].DomainTools[dom], s.p.vendors.vendors[vi].Tool)
		}
	}
	if toolName == "" {
		return
	}
	st := StanceGenerated
	if helpAfterRE.MatchString(piece[m[1]:]) {
		st = StanceAssisted
	}
	s.add(Evidence{Kind: KindFooter, Rule: "tool-footer", Tool: toolName, Stance: st, Start: lo, End: hi,
		Note: "a tool's \"Generated with\" line"})
}

func firstStance(a, b Stance) Stance {
	if a != StanceNone {
		return a
	}
	return b
}

// links finds session and task links outside code and quotes, in text,
// link targets and HTML attributes alike.
func (s *state) links() {
	if !strings.Contains(s.text, "://") {
		return
	}
	for ti := range s.p.tools {
		t := &s.p.tools[ti]
		for _, f := range t.links {
			for _, m := range f.re.FindAllStringSubmatchIndex(s.text, -1) {
				if s.masked(m[0], mCode) || !f.Quoted && s.masked(m[0], mQuote) {
					continue
				}
				e := Evidence{Kind: KindLink, Rule: f.Rule, Tool: t.spec.Name, Stance: firstStance(f.Stance, t.spec.Stance), Start: m[0], End: m[1]}
				if len(m) >= 4 && m[2] >= 0 {
					e.Model = s.text[m[2]:m[3]]
				}
				s.add(e)
			}
		}
	}
}

// author reports an author, committer or pull request author that is
// an AI identity (see Parser.Identify); a plain bot or a person is not
// evidence.
func (s *state) author(a, note string) {
	id := s.p.Identify(a)
	if !id.Kind.AI() {
		return
	}
	s.d.Evidence = append(s.d.Evidence, Evidence{Kind: KindAuthor, Rule: "agent-author", Tool: id.Tool, Vendor: id.Vendor, Model: id.Model,
		Stance: StanceGenerated, Text: a, Note: note + " is an AI identity (" + id.Rule + ")"})
}

// finish sorts the evidence, collects the tools and decides the stance.
func (s *state) finish() {
	d := s.d
	// A tool's own footer also reads as a sentence ("Generated with
	// Claude Code"): keep the footer.
	var footers []Evidence
	for _, e := range d.Evidence {
		if e.Kind == KindFooter || e.Kind == KindLink || e.Kind == KindPrefix {
			footers = append(footers, e)
		}
	}
	if len(footers) > 0 {
		d.Evidence = slices.DeleteFunc(d.Evidence, func(e Evidence) bool {
			return e.Kind == KindSentence && slices.ContainsFunc(footers, func(f Evidence) bool { return f.Start < e.End && e.Start < f.End })
		})
	}
	slices.SortStableFunc(d.Evidence, func(a, b Evidence) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	d.Evidence = slices.CompactFunc(d.Evidence, func(a, b Evidence) bool {
		return a.Start == b.Start && a.End == b.End && a.Kind == b.Kind && a.Tool == b.Tool && a.Model == b.Model && a.Stance == b.Stance && a.Rule == b.Rule
	})
	s.decide()
}

// decide collects the tools and decides the stance from the evidence.
func (s *state) decide() {
	d := s.d
	noAI := false
	for _, e := range d.Evidence {
		switch {
		case e.Stance.AI() && e.Stance > d.Stance:
			d.Stance = e.Stance
		case e.Stance == StanceNoAI:
			noAI = true
		}
		if e.Stance.AI() && (e.Tool != "" || e.Model != "") {
			s.addTool(e)
		}
	}
	if d.Stance == StanceNone && noAI {
		d.Stance = StanceNoAI
	}
	// People's words about "AI" or "an assistant" next to a named tool
	// mean that tool: drop the unknown tool they added, unless an
	// identity (an unknown AI account) added it too.
	if len(d.Tools) > 1 && slices.ContainsFunc(d.Tools, func(t Tool) bool { return t.Name == UnknownTool }) &&
		!slices.ContainsFunc(d.Evidence, func(e Evidence) bool { return e.Tool == UnknownTool && e.Stance.AI() && !e.prose() }) {
		d.Tools = slices.DeleteFunc(d.Tools, func(t Tool) bool { return t.Name == UnknownTool })
	}
}

// prose reports whether the evidence is a person's words rather than an
// identity or a tool's marker.
func (e Evidence) prose() bool {
	return e.Kind == KindSentence || e.Kind == KindCheckbox || e.Kind == KindSection
}

func (s *state) addTool(e Evidence) {
	name := e.Tool
	if name == "" {
		name = s.p.modelTool(e.Model)
	}
	if name == "" {
		return
	}
	t := Tool{Name: name, Model: e.Model}
	if i, ok := s.p.byName[name]; ok {
		t.Vendor = s.p.tools[i].spec.Vendor
	} else {
		for _, m := range s.p.models {
			if m.Tool == name {
				t.Vendor = m.Vendor
				break
			}
		}
	}
	if t.Vendor == "" {
		t.Vendor = e.Vendor
	}
	t.Version = e.Version
	for i := range s.d.Tools {
		o := &s.d.Tools[i]
		if o.Name != t.Name {
			continue
		}
		if o.Model == t.Model || t.Model == "" {
			if o.Version == "" {
				o.Version = t.Version
			}
			return
		}
		if o.Model == "" {
			o.Model = t.Model
			if o.Version == "" {
				o.Version = t.Version
			}
			return
		}
	}
	s.d.Tools = append(s.d.Tools, t)
}

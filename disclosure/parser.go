package disclosure

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"

	"github.com/heft-dev/heft/internal/lazyre"
)

// DefaultMaxBytes is the default for Options.MaxBytes: 1 MiB, far more
// than any real description or commit message.
const DefaultMaxBytes = 1 << 20

// Options tunes a Parser. The zero value, or nil, means the defaults.
type Options struct {
	// MaxBytes is the most input read. Longer input is cut at the last line
	// break before the limit and Disclosure.Truncated is set. Default
	// DefaultMaxBytes (1 MiB).
	MaxBytes int `json:"max_bytes,omitempty"`
}

// ErrInvalidCatalogue is wrapped by the CatalogueError NewParser returns.
var ErrInvalidCatalogue = errors.New("disclosure: invalid catalogue")

// CatalogueError says which entry of a Catalogue is wrong.
type CatalogueError struct {
	Where string // e.g. `tools[3] "cursor" links[0]`
	Err   error  // what is wrong, such as a regexp syntax error
}

// Error says which catalogue entry is wrong and why.
func (e *CatalogueError) Error() string {
	return fmt.Sprintf("disclosure: catalogue: %s: %v", e.Where, e.Err)
}

// Unwrap returns ErrInvalidCatalogue and the underlying error, so that
// errors.Is(err, ErrInvalidCatalogue) holds.
func (e *CatalogueError) Unwrap() []error { return []error{ErrInvalidCatalogue, e.Err} }

// Source is a text to parse and what is known about it.
type Source struct {
	Text string
	// Commit says Text is a commit message: trailers are read from its last
	// paragraph by git's rules, and its first line is a subject.
	Commit bool
	// Author is the author's login ("copilot-swe-agent[bot]") or
	// "Name <email>", if known. Known agent accounts are evidence.
	Author string
}

// Parser parses disclosures with one catalogue. It is safe for concurrent
// use.
type Parser struct {
	cat        Catalogue
	max        int
	tools      []ctool
	byName     map[string]int
	hasAliases bool                    // the catalogue has aliases or words
	alias      map[string]int          // lower-cased, space-collapsed alias → tool
	word       map[string]int          // exact word → tool
	words      []string                // the keys of word, sorted
	firstWords map[string]bool         // lower-case first tokens of aliases and words
	byFirst    map[string][]aliasEntry // first token → aliases and words starting with it, longest first
	digitless  bool                    // the catalogue has models other than the built-in ones
	emails     map[string]int
	bots       map[string]int
	models     []cmodel
	roles      map[string]TrailerRole
	blocks     []cblock
	footAlways bool     // a footer is tried on every line (no literal known)
	footLits   []string // the footers' musts, each once
	vendors    *cvendors
	ids        identities // Identify's answers, by input
	// firstLens has bit n set when a first token is n bytes long (n < 64;
	// bit 0 for all longer), firstBytes the bytes they start with: a
	// cheap test before the look-up in firstWords.
	firstLens  uint64
	firstBytes [256]bool
}

type ctool struct {
	spec    ToolSpec
	footers []cpattern
	links   []cpattern
}

type cpattern struct {
	Pattern
	re *regexp.Regexp
	// musts are lower-case literals one of which every match holds, nil
	// if none are known: lines without one are not tried.
	musts []string
	lits  []int // the musts' places in Parser.footLits
}

// cmodel is a compiled ModelSpec. Its expression's literal test (see
// package lazyre) skips text that names none of the family's words, so
// no list of families is kept beside the catalogue.
type cmodel struct {
	ModelSpec
	re *lazyre.Regexp
}

type cblock struct {
	kind BlockKind
	re   *regexp.Regexp
}

var (
	nameRE = lazyre.New(`^[a-z0-9]+(?:[-.][a-z0-9]+)*$`)
	keyRE  = lazyre.New(`^[A-Za-z0-9-]+$`)
)

// NewParser compiles a catalogue. It returns a *CatalogueError for an
// entry without a name or rule, a duplicate tool name, a trailer key git
// would not accept, or a regular expression that does not compile.
func NewParser(cat Catalogue, opts *Options) (*Parser, error) {
	p := &Parser{
		cat:        cat,
		max:        DefaultMaxBytes,
		byName:     map[string]int{},
		alias:      map[string]int{},
		word:       map[string]int{},
		emails:     map[string]int{},
		bots:       map[string]int{},
		roles:      map[string]TrailerRole{},
		firstWords: map[string]bool{},
		byFirst:    map[string][]aliasEntry{},
	}
	if opts != nil && opts.MaxBytes > 0 {
		p.max = opts.MaxBytes
	}
	for i, t := range cat.Tools {
		where := fmt.Sprintf("tools[%d] %q", i, t.Name)
		if !nameRE.MatchString(t.Name) {
			return nil, &CatalogueError{where, errors.New("name must be lower-case kebab-case")}
		}
		if _, dup := p.byName[t.Name]; dup {
			return nil, &CatalogueError{where, errors.New("duplicate tool name")}
		}
		if t.Stance == StanceNone {
			t.Stance = StanceAssisted
		}
		p.byName[t.Name] = i
		ct := ctool{spec: t}
		for _, a := range t.Aliases {
			if strings.TrimSpace(a) == "" {
				return nil, &CatalogueError{where, errors.New("empty alias")}
			}
			p.alias[collapse(strings.ToLower(a))] = i
			p.noteAlias(a, i, false)
		}
		for _, w := range t.Words {
			if strings.TrimSpace(w) == "" {
				return nil, &CatalogueError{where, errors.New("empty word")}
			}
			p.word[collapse(w)] = i
			p.noteAlias(w, i, true)
		}
		for _, e := range t.Emails {
			p.emails[strings.ToLower(e)] = i
		}
		for _, b := range t.Bots {
			p.bots[strings.ToLower(b)] = i
		}
		for k, f := range t.Footers {
			c, err := compilePattern(f)
			if err != nil {
				return nil, &CatalogueError{fmt.Sprintf("%s footers[%d]", where, k), err}
			}
			ct.footers = append(ct.footers, c)
			p.footAlways = p.footAlways || c.musts == nil && !c.Subject
		}
		for k, f := range t.Links {
			c, err := compilePattern(f)
			if err != nil {
				return nil, &CatalogueError{fmt.Sprintf("%s links[%d]", where, k), err}
			}
			ct.links = append(ct.links, c)
		}
		p.tools = append(p.tools, ct)
	}
	p.noteFooterLiterals()
	for w := range p.word {
		p.words = append(p.words, w)
	}
	slices.Sort(p.words)
	builtin := map[string]bool{}
	for _, m := range DefaultCatalogue().Models {
		builtin[m.Regexp] = true
	}
	for i, m := range cat.Models {
		p.digitless = p.digitless || !builtin[m.Regexp]
		re, err := lazyre.Compile(m.Regexp)
		if err != nil {
			return nil, &CatalogueError{fmt.Sprintf("models[%d]", i), err}
		}
		p.models = append(p.models, cmodel{ModelSpec: m, re: re})
	}
	for i, t := range cat.Trailers {
		if !keyRE.MatchString(t.Key) {
			return nil, &CatalogueError{fmt.Sprintf("trailers[%d] %q", i, t.Key), errors.New("key must be letters, digits and '-'")}
		}
		p.roles[strings.ToLower(t.Key)] = t.Role
	}
	vs, err := compileVendors(cat.Vendors)
	if err != nil {
		return nil, &CatalogueError{"vendors", err}
	}
	p.vendors = vs
	for i, b := range cat.BlockSummaries {
		re, err := regexp.Compile(b.Regexp)
		if err != nil {
			return nil, &CatalogueError{fmt.Sprintf("block_summaries[%d]", i), err}
		}
		p.blocks = append(p.blocks, cblock{b.Kind, re})
	}
	return p, nil
}

// noteFooterLiterals collects the footers' musts in footLits, each once
// ("generated" starts two tools' footers), and where each footer's are.
func (p *Parser) noteFooterLiterals() {
	at := map[string]int{}
	for ti := range p.tools {
		for fi := range p.tools[ti].footers {
			f := &p.tools[ti].footers[fi]
			for _, m := range f.musts {
				k, ok := at[m]
				if !ok {
					k = len(p.footLits)
					at[m] = k
					p.footLits = append(p.footLits, m)
				}
				f.lits = append(f.lits, k)
			}
		}
	}
}

// aliasEntry is an alias or word split at its blanks; exact says its
// case must match (a word).
type aliasEntry struct {
	parts []string
	size  int
	tool  int
	exact bool
}

// noteAlias records an alias's first token, where aliases are tried, and
// the alias itself. An alias that starts with punctuation is not found.
func (p *Parser) noteAlias(a string, tool int, exact bool) {
	first := ""
	eachToken(asciiLower(a), func(tok string, at int) bool {
		if at == 0 {
			first = tok
		}
		return false // only the first token counts
	})
	if first == "" {
		return
	}
	p.firstWords[first] = true
	p.firstLens |= lenBit(first)
	p.firstBytes[first[0]] = true
	e := aliasEntry{parts: strings.Fields(a), size: len(a), tool: tool, exact: exact}
	list := append(p.byFirst[first], e)
	slices.SortStableFunc(list, func(x, y aliasEntry) int { return y.size - x.size })
	p.byFirst[first] = list
	p.hasAliases = true
}

// lenBit is the bit of firstLens for tok's length.
func lenBit(tok string) uint64 {
	if len(tok) >= 64 {
		return 1 // no token is empty: bit 0 stands for the long ones
	}
	return 1 << len(tok)
}

// mayFirst reports whether tok, a token eachToken found, is in
// firstWords, testing its length and first byte before the look-up.
func (p *Parser) mayFirst(tok string) bool {
	return p.firstLens&lenBit(tok) != 0 && p.firstBytes[tok[0]] && p.firstWords[tok]
}

// matchAlias returns the end of the longest alias or word that starts at
// str[at:] on word boundaries, and its tool: an alias in any case, a
// word in its own case, any run of blanks for a blank.
func (p *Parser) matchAlias(str string, at int, first string) (end, tool int, ok bool) {
	if at > 0 && aliasStopBefore(str[at-1]) {
		return 0, 0, false
	}
	best := -1
	for _, e := range p.byFirst[first] {
		pos, good := at, true
		for i, part := range e.parts {
			if i > 0 {
				q := pos
				for q < len(str) && isSpace(str[q]) {
					q++
				}
				if q == pos {
					good = false
					break
				}
				pos = q
			}
			if pos+len(part) > len(str) || !(e.exact && str[pos:pos+len(part)] == part || !e.exact && strings.EqualFold(str[pos:pos+len(part)], part)) {
				good = false
				break
			}
			pos += len(part)
		}
		if !good || !aliasEndOK(str, pos) || pos <= best {
			continue
		}
		best, tool = pos, e.tool
	}
	return best, tool, best >= 0
}

func isWordByte(c byte) bool { return isAlnum(c) || c == '_' }

// aliasStopBefore: an alias does not start after a word byte, '.', '/' or '-'.
func aliasStopBefore(c byte) bool { return isWordByte(c) || c == '.' || c == '/' || c == '-' }

// aliasEndOK: an alias ends at the end, before a byte that is not a word
// byte, '/' or '-', or before '.' or '-' that no word byte follows.
func aliasEndOK(str string, end int) bool {
	if end >= len(str) {
		return true
	}
	c := str[end]
	if c == '.' || c == '-' {
		return end+1 >= len(str) || !isWordByte(str[end+1]) || c == '.'
	}
	return !isWordByte(c) && c != '/'
}

func compilePattern(f Pattern) (cpattern, error) {
	if !nameRE.MatchString(f.Rule) {
		return cpattern{}, errors.New("rule must be a kebab-case ID")
	}
	re, err := regexp.Compile(f.Regexp)
	if err != nil {
		return cpattern{}, err
	}
	c := cpattern{Pattern: f, re: re}
	if must := mustLiteral(f.Regexp); must != "" {
		c.musts = []string{must}
	} else {
		c.musts = mustAnyLiteral(f.Regexp)
	}
	return c, nil
}

// mustLiteral returns the longest literal, lower-cased, that every match
// of the pattern holds: a literal at the top level of the pattern's
// concatenation, or "" when there is none of four bytes or more.
func mustLiteral(pattern string) string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return ""
	}
	best := ""
	for _, sub := range lazyre.Parts(re.Simplify()) {
		if sub.Op != syntax.OpLiteral {
			continue
		}
		lit := strings.ToLower(string(sub.Rune))
		if len(lit) > len(best) && !hasNonASCII(lit) {
			best = lit
		}
	}
	if len(best) < 4 {
		return ""
	}
	return best
}

// mustAnyLiteral is for a pattern mustLiteral finds nothing in: literals,
// lower-cased by asciiLower, one of which every match holds. They come
// from case-sensitive literals only (where a text holds a literal,
// asciiLower of the text holds asciiLower of the literal, whatever its
// letters), at the top level of the pattern's concatenation or one in
// each branch of an alternation there ("^\s*(?:<!--...|💡 You can...)").
// It returns nil when none is known.
func mustAnyLiteral(pattern string) []string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	parts := lazyre.Parts(re.Simplify())
	if lit := exactLiteral(parts); lit != "" {
		return []string{lit}
	}
	for _, sub := range parts {
		if sub.Op != syntax.OpAlternate {
			continue
		}
		var lits []string
		for _, branch := range sub.Sub {
			lit := exactLiteral(lazyre.Parts(branch))
			if lit == "" {
				lits = nil
				break
			}
			lits = append(lits, lit)
		}
		if lits != nil {
			return lits
		}
	}
	return nil
}

// exactLiteral returns the longest case-sensitive literal among parts,
// lower-cased by asciiLower, or "" when there is none of four bytes or
// more.
func exactLiteral(parts []*syntax.Regexp) string {
	best := ""
	for _, sub := range parts {
		if sub.Op == syntax.OpLiteral && sub.Flags&syntax.FoldCase == 0 && len(string(sub.Rune)) > len(best) {
			best = string(sub.Rune)
		}
	}
	if len(best) < 4 {
		return ""
	}
	return asciiLower(best)
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// DefaultParser returns the parser for DefaultCatalogue, built on first
// use and shared; it is safe for concurrent use.
func DefaultParser() *Parser { return defaultParser() }

var defaultParser = sync.OnceValue(func() *Parser {
	p, err := NewParser(DefaultCatalogue(), nil)
	if err != nil {
		panic(err) // the built-in catalogue is tested
	}
	return p
})

// Parse reads a pull request description (Markdown) with the default
// catalogue.
func Parse(text string) *Disclosure { return DefaultParser().Parse(text) }

// ParseCommit reads a commit message with the default catalogue.
func ParseCommit(message string) *Disclosure { return DefaultParser().ParseCommit(message) }

// Parse reads a pull request description (Markdown).
func (p *Parser) Parse(text string) *Disclosure { return p.ParseSource(Source{Text: text}) }

// ParseCommit reads a commit message.
func (p *Parser) ParseCommit(message string) *Disclosure {
	return p.ParseSource(Source{Text: message, Commit: true})
}

// ParseSource reads a text and what is known about it. It never fails:
// text it cannot make sense of declares nothing.
func (p *Parser) ParseSource(src Source) *Disclosure {
	d := &Disclosure{Tools: []Tool{}}
	text := src.Text
	if len(text) > p.max {
		cut := strings.LastIndexByte(text[:p.max], '\n')
		if cut < 0 {
			cut = p.max
		}
		text = text[:cut]
		d.Truncated = true
	}
	if f, changed := foldText(text); changed {
		plain := p.parse(text, src, &Disclosure{Tools: []Tool{}})
		p.parse(f.text, src, d)
		f.unfold(d, text, plain)
		return d
	}
	return p.parse(text, src, d)
}

// linesPool holds the line arrays of parses done, for the next: a
// description's lines are most of what its parse allocates, and a fresh
// array of a megabyte is cleared and faulted in page by page each time.
// Nothing a parse returns refers to its lines.
var linesPool = sync.Pool{New: func() any { return new([]tline) }}

// parse runs the scanners over text, adding to d.
func (p *Parser) parse(text string, src Source, d *Disclosure) *Disclosure {
	buf := linesPool.Get().(*[]tline)
	defer func() {
		clear(*buf) // no old text is kept alive
		*buf = (*buf)[:0]
		linesPool.Put(buf)
	}()
	if n := strings.Count(text, "\n") + 1; cap(*buf) < n {
		*buf = make([]tline, 0, n)
	}
	*buf = appendLines((*buf)[:0], text)
	s := &state{p: p, d: d, text: text, commit: src.Commit, lines: *buf}
	s.layout = scanMarkdown(text)
	s.blocks()
	s.trailers()
	s.footers()
	s.links()
	s.branches()
	s.prose()
	if src.Author != "" {
		s.author(src.Author, "the author")
	}
	s.finish()
	return d
}

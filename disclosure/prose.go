package disclosure

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/heft-dev/heft/internal/lazyre"
	"github.com/heft-dev/heft/internal/wording"
)

// mention is a tool or a generic AI term named in text; tool is -1 for a
// generic term ("AI", "an LLM").
type mention struct {
	start, end int
	tool       int
	version    string
}

const (
	adverbs  = `(?:entirely|fully|mostly|largely|primarily|mainly|completely|partially|partly|heavily|initially|originally|automatically|substantially|significantly|also|then|just)`
	genVerb  = `generated|written|authored|created|produced|implemented|coded|vibe[- ]?coded|made|built|developed|wrote|generate|done|auto-?generated|auto-?updated`
	helpVerb = `drafted|assisted|refactored|reviewed|helped|polished|edited|improved|debugged|co-?authored|co-?written|fixed|tested|documented|translated|scaffolded|prototyped|outlined|suggested|spotted|found|caught|noticed|identified|flagged|proposed|pointed\s+out|investigated|analy[sz]ed|explained|summari[sz]ed|researched|checked|verified|rewritten|rewrote|cleaned\s+up|converted|ported`
	toward   = `(?:by|with|using|via|through|from|in|in\s+conjunction\s+with|alongside)\s+(?:the\s+|some\s+)?(?:help\s+(?:of|from)\s+|assistance\s+(?:of|from)\s+|support\s+of\s+|(?:asking|prompting|having|telling|letting|instructing|getting)\s+)?(?:an?\s+|the\s+)?`
)

var (
	// phraseRE ends in a phrase that makes what follows a helper:
	// "thanks to", "credit to", "with help from", "using", "via".
	phraseRE = newEndRE(`(?i)(?:\b(?:thanks\s+to|thank\s+you\s+to|credits?\s+(?:goes\s+|go\s+)?to|kudos\s+to|courtesy\s+of|shout-?outs?\s+to|h/t|hat\s+tip\s+to|in\s+conjunction\s+with|with\s+(?:the\s+|some\s+|a\s+(?:little\s+|bit\s+of\s+)?)?(?:help|assistance|support)\s+(?:of|from))|\b(?:PR|pull\s+request|patch)\s+(?:\w+\s+)?from|^\[\s*from|(?:^|[\s(\[])(using|via|(?:an?\s+)?experiment\s+(?:using|with)|try(?:ing)?\s+out|tested\s+out))\s+(?:the\s+|an?\s+|some\s+)?$`)
	// topicAfterRE, right after a tool's name, makes the sentence about
	// the tool as a product: "using the Copilot API".
	topicAfterRE = lazyre.New(`(?i)^(?:['’]s)?\s*(?:API|SDK|provider|integration|support|models?\s+(?:list|picker|support|provider|via|through|on|with|in|from|that|which)\b|client|extension|plugin|endpoint|keys?|tokens?|server|backend|adapter|connector|pricing|rate\s+limits?|library|package|configuration|config|settings|usage\s+limits?)\b`)
	// topicBeforeRE, anywhere before a bare "using"/"via", makes the
	// sentence about a feature: "add a summary step using an LLM".
	topicBeforeRE = lazyre.New(`(?i)\b(?:adds?|added|adding|supports?|integrat(?:e|es|ed|ing)|configur(?:e|es|ed|ing)|calls?|calling|switch(?:es|ed)?|migrat(?:e|es|ed|ing)|implement(?:s|ed|ing)?\s+(?:a|an|the)|feature|option|endpoint|summari[sz]ation|query|queries|requests?)\b`)
	// exampleRE and exampleEndRE, before a mention, make it an example:
	// "e.g. Claude", "tools like Claude". They are one expression split
	// in two, so that the part that must end the text runs as an endRE.
	exampleRE    = lazyre.New(`(?i)(?:\be\.g\.|\bi\.e\.|\bfor\s+(?:example|instance)\b|\bsuch\s+as\b|\bexample\s*:)`)
	exampleEndRE = newEndRE(`(?i)\blike\s+$`)
	// elsewhereRE in a sentence says its AI use is about other work.
	elsewhereRE = lazyre.New(`(?i)\b(?:elsewhere|in\s+(?:another|other|a\s+(?:previous|separate|different)|the\s+(?:previous|linked|original|upstream))\s+(?:PRs?|pull\s+requests?|issues?|commits?|changes?|projects?|repos?(?:itory)?)|(?:in|for|on)\s+#\d+)`)
	// didRE, right after an actor, says the actor did something: "Codex
	// couldn't run certain commands", "ChatGPT spotted the bug".
	didRE = lazyre.New(`(?i)^(?:['’]s\s+(?:help|suggestions?|assistance)\b|\s*(?:\([^()]{0,60}\)\s*)?(?:also\s+|then\s+|just\s+|initially\s+|originally\s+|mostly\s+|quickly\s+|first\s+)?(?:(?:has|had|have)\s+|did\s*n[o']t\s+|could\s*n[o']t\s+|could\s+not\s+|did\s+not\s+)?(?:(wrote|write|generated|created|made|implemented|built|authored|produced|coded|did|handled|put|added|drafted)|(fixed|found|spotted|caught|noticed|suggested|proposed|refactored|reviewed|ran|run|got|updated|removed|translated|converted|identified|pointed\s+out|came\s+up\s+with|helped|assisted|explained|debugged|flagged))\s+(?:\S))`)
	// clauseStartRE, at the end of a prefix, puts the actor at the start
	// of a clause, where a subject stands.
	clauseStartRE = newEndRE(`(?i)(?:^|[.;:!?(\[\n]\s*|,\s*|\b(?:so|and|then|but|because|since|as|while|where|after|note:?)\s+)(?:(?:the|an?|our|my)\s+)?(?:\w+['’]s\s+)?$`)
	// conditionRE before an actor describes a product's behaviour, not a
	// use: "when Copilot suggests", "if Claude writes".
	conditionRE = newEndRE(`(?i)\b(?:when|whenever|if|unless|whether|once|until)\s+(?:the\s+)?$`)
	// signatureRE is a signed line: "-- Claude, acting for @jdoe".
	signatureRE = lazyre.New(`^\s*(?:--|—|–|~~?)\s*([^,\n]{2,60}?)\s*(?:,\s*|\s+)(?:acting|writing|posting|working|speaking|commenting)\s+(?:for|on\s+behalf\s+of)\s+@?[\w.-]+`)
	// aiHeadingToolRE is a heading naming a prompt or session: "Codex prompt".
	promptHeadingRE = lazyre.New(`(?i)\b(?:prompts?|conversation|session|transcript|chat\s+log)\b`)
	usedRE          = newEndRE(`(?i)(?:\b(?:I|we|I've|we've|author)\s+|(?:^|[(\[]|\bnote:|\bnb:|\bn\.b\.)\s*)(?:(?:have|had|also|mostly|heavily|partially|then|extensively|initially|just)\s+)*(?:used|leveraged|utili[sz]ed|asked|prompted|employed|relied\s+on|worked\s+with|paired\s+with|collaborated\s+with|consulted|enlisted)\s+(?:the\s+help\s+of\s+|some\s+help\s+from\s+)?(?:an?\s+|the\s+)?$`)
	negUsedRE       = newEndRE(`(?i)\b(?:I|we)\s+(?:did\s*n[o']t|did\s+not|have\s+not|haven't|never|do\s+not|don't)\s+(?:use|rely\s+on|ask|consult)\s+(?:any\s+)?(?:an?\s+|the\s+)?$`)
	withoutRE       = newEndRE(`(?i)\b(?:written|created|authored|coded|implemented|made|done|produced|developed)\s+(?:\w+\s+){0,2}?without\s+(?:using\s+|the\s+(?:help|use|aid)\s+of\s+)?(?:any\s+)?(?:an?\s+)?$`)
	passiveRE       = newEndRE(`(?i)\b(?:was|were|is|are|been|got|being)\s+(?:` + adverbs + `\s+)*(?:(?:AI|LLM)-)?(` + genVerb + `|` + helpVerb + `)\s+(?:\w+\s+){0,3}?` + toward + `$`)
	// leadRE is a participle that starts a sentence or follows a comma,
	// colon or dash: "Written by Claude Code", "More tips, written by X".
	leadRE    = newEndRE(`(?i)(?:^[^\w]*|[,;:(—–]\s*|\s-\s+)(?:` + adverbs + `\s+)*(?:(?:AI|LLM)-)?(` + genVerb + `|` + helpVerb + `)\s+(?:\w+\s+){0,3}?` + toward + `$`)
	firstRE   = newEndRE(`(?i)\b(?:I|we)\s+(?:\w+\s+)?(wrote|generated|created|drafted|made|built|implemented|developed|refactored|fixed|coded|vibe[- ]coded|did)\s+(?:\w+\s+){0,4}?(?:with|using|via|through)\s+(?:the\s+|some\s+)?(?:help\s+(?:of|from)\s+|assistance\s+(?:of|from)\s+)?(?:an?\s+|the\s+)?$`)
	helpRE    = newEndRE(`(?i)\bwith\s+(?:the\s+|some\s+)?(?:help|assistance|support)\s+(?:of|from)\s+(?:an?\s+|the\s+)?$`)
	suffixRE  = lazyre.New(`(?i)^\s*(?:\([^()]{0,60}\)\s*)?(?:(was|were)\s+used\b|(helped|assisted)\s+(?:me|us|with|in|to)\b|(wrote|generated|authored|produced|created)\s+(?:(?:most|all|much|parts?|some|the\s+(?:bulk|majority))\s+of\s+)?(?:this|these|the\s+(?:initial|first)\s+(?:draft|version|implementation))\b)`)
	genWordRE = lazyre.New(`(?i)^(?:` + genVerb + `)$`)

	noAIRE = lazyre.New(`(?i)` +
		`\bno\s+(?:generative\s+)?(?:AI|LLMs?|A\.I\.)(?:[- ](?:generated\s+code|tools?|assistance|assistants?|models?|agents?))?\s+(?:was|were|has\s+been|have\s+been)\s+used\b` +
		`|\b(?:I|we)\s+(?:did\s*n[o']t|did\s+not|have\s+not|haven't|never|do\s+not|don't)\s+use[d]?\s+(?:any\s+)?(?:generative\s+)?(?:AI|LLMs?)\b` +
		`|\b(?:written|created|authored|coded|implemented|made|done|produced|developed)\s+(?:(?:entirely|completely|fully|100%)\s+(?:by\s+(?:a\s+)?human|by\s+hand|manually)|(?:entirely\s+|completely\s+|fully\s+)?without\s+(?:the\s+(?:help|use)\s+of\s+)?(?:any\s+)?(?:AI|LLMs?|generative\s+AI))\b` +
		`|\b(?:is|was|are|were)\s+not\s+(?:AI|LLM)[- ](?:generated|assisted|written)\b` +
		`|\bwithout\s+(?:any\s+)?(?:AI|LLM)\s+(?:assistance|help|tools?)\b` +
		`|\bno\s+AI\s+(?:involved|involvement)\b`)
	// scopedRE, after a no-AI statement, limits it to part of the work:
	// "No AI was used to write the comments", "... except for grammar".
	scopedRE = lazyre.New(`(?i)^\s*,?\s*(?:except|other\s+than|apart\s+from|besides|beyond|outside|to\s+[a-z]+|for\s+(?:the\s+|any\s+)?(?:\w+\s+){0,2}?(?:code|implementation|comments?|descriptions?|docs?|documentation|commit\s+messages?|messages?|text|writing|tests?|translations?|grammar|spelling|research)\b|in\s+(?:writing|the\s+(?:description|comments?|docs?|documentation|commit\s+messages?|tests?))\b|when\s)`)
	selfRE   = lazyre.New(`(?i)(?:^|[^a-z0-9])(?:this|the)\s+(?:PR|pull\s+request|change(?:set|s)?|patch|commit|code|implementation|fix|contribution)\s+(?:(?:is|was|has\s+been|were|are|contains|includes)\s+)?(?:` + adverbs + `\s+)*(AI|LLM)[- ](generated|assisted|written|authored)\b`)

	headingRE   = lazyre.New(`^\s{0,3}(?:#{1,6}\s+(.+?)\s*#*\s*$|\*\*([^*]+?)\*\*:?\s*$|__([^_]+?)__:?\s*$)`)
	aiHeadingRE = lazyre.New(`(?i)\b(?:AI|LLMs?|generative|artificial\s+intelligence|machine[- ]generated)\b.*\b(?:disclosure|assistance|assisted|usage|use|used|tools?|involvement|declaration|statement|generated)\b|\b(?:disclosure|use|usage)\s+of\s+(?:AI|LLMs?|generative)|\b(?:use|used|using)\s+(?:any\s+)?(?:AI|LLMs?|generative)\b`)
	checkboxRE  = lazyre.New(`^\s*(?:[-*+]|\d+[.)])\s+\[([ xX✓✔])\]\s*(.*)$`)
	bareLabelRE = lazyre.New(`^(?:\*\*)?(?:AI|LLM|A\.I\.)(?:\*\*)?\s*[:：](?:\*\*)?\s+(\S.*)$`)
	labelRE     = lazyre.New(`(?i)^\W*(?:AI[- ](?:assistance|assisted|usage|use|used|tools?(?:\s+used)?|disclosure|generated)|LLM[- ](?:used|usage|assistance)|Generated[- ]by|Assisted[- ]by|Tool(?:s|\(s\))?\s+used|Models?\s+used|Which\s+(?:AI\s+)?tools?)\W*?\s*(?:[:：]|\?|\s\|)\**\s*(\S.*?)\s*\|?\s*$`)
	noAnswerRE  = lazyre.New(`(?i)^\W*(?:no|none|nope|n/?a|not\s+used|nothing|no\s+AI(?:\s+(?:was\s+)?used)?|I\s+did\s*n[o']t)\W*$`)
	yesRE       = lazyre.New(`(?i)^\W*yes\b`)
	instrRE     = lazyre.New(`(?i)\?|^\W*(?:please|if\s|describe|explain|list|mention|note|tick|check|select|delete|remove|replace|state|specify|indicate)\b|\bsuch\s+as\b|\be\.g\.|\bfor\s+example\b|<!--`)
	negRE       = lazyre.New(`(?i)\b(?:no|not|never|without|none)\b|n't\b`)
	usageRE     = lazyre.New(`(?i)\b(?:used?|using|generated|written|wrote|assisted|assistance|helped|created|authored|drafted|contains?|includes?|with|by)\b`)
	policyRE    = lazyre.New(`(?i)\b(?:read|understand|agree|acknowledge|follow(?:ed)?|policy|guidelines?|aware)\b`)
	genAnswerRE = lazyre.New(`(?i)\bgenerat(?:ed|e|ing)\b|\b(?:written|authored|coded|created)\s+(?:\w+\s+)?by\s+(\w+)|vibe[- ]?cod|\bused\s+to\s+(?:write|implement|generate|create|build|produce|code)\b`)
	byPersonRE  = lazyre.New(`(?i)^(?:me|myself|hand|us|ourselves|a|the|humans?|people|someone|my|our)$`)
	versionRE   = lazyre.New(`^\s*(?:v|version\s*)?(\d+\.\d+(?:\.\d+)*)\b`)
)

// toolMentions finds the tools named in str; words says whether words
// such as "Cursor" also match case-insensitively (in trailer values).
// Aliases are looked up only where a word starts one (matchAlias).
func (s *state) toolMentions(str string, words bool) []mention {
	if !s.p.hasAliases {
		return nil
	}
	return s.toolMentionsLower(str, asciiLower(str), words)
}

// toolMentionsLower is toolMentions with str lower-cased (asciiLower)
// by the caller, who needs it too.
func (s *state) toolMentionsLower(str, lower string, words bool) []mention {
	return s.toolMentionsKinds(str, lower, words, nil)
}

// toolMentionsKinds is toolMentionsLower, which also sets *kinds, when
// kinds is not nil, to the kinds of the tokens of lower (tokenKind): the
// sentence reader needs both, and one pass over the tokens tells both.
func (s *state) toolMentionsKinds(str, lower string, words bool, kinds *uint8) []mention {
	var out []mention
	if !s.p.hasAliases {
		if kinds != nil {
			*kinds = tokensIn(lower, tokAI|tokNeg|tokHand)
		}
		return nil
	}
	next := 0
	eachToken(lower, func(tok string, at int) bool {
		if kinds != nil {
			*kinds |= tokenKind(tok)
		}
		if at < next || !s.p.mayFirst(tok) {
			return true
		}
		end, tool, ok := s.p.matchAlias(str, at, tok)
		if !ok {
			return true
		}
		mt := mention{start: at, end: end, tool: tool}
		next = mt.end
		if v := versionRE.FindStringSubmatch(str[mt.end:min(len(str), mt.end+24)]); v != nil {
			mt.version = v[1]
		}
		out = append(out, mt)
		return true
	})
	if words && s.p.hasAliases {
		// Words in other case: "Assisted-by: cursor".
		for _, w := range s.p.words {
			lw := strings.ToLower(w)
			for off := 0; off < len(lower); {
				idx := strings.Index(lower[off:], lw)
				if idx < 0 {
					break
				}
				idx += off
				off = idx + len(lw)
				if wordAt(str, idx, len(w)) && !overlaps(out, idx, idx+len(w)) && !(idx+len(w) < len(str) && str[idx+len(w)] == '-') {
					out = append(out, mention{start: idx, end: idx + len(w), tool: s.p.word[w]})
				}
			}
		}
		slices.SortFunc(out, func(a, b mention) int { return a.start - b.start })
	}
	return out
}

func overlaps(ms []mention, lo, hi int) bool {
	for _, m := range ms {
		if m.start < hi && lo < m.end {
			return true
		}
	}
	return false
}

func wordAt(s string, i, n int) bool {
	isW := func(c byte) bool { return isAlnum(c) || c == '_' }
	return (i == 0 || !isW(s[i-1])) && (i+n >= len(s) || !isW(s[i+n]))
}

// allMentions is toolMentions plus generic AI terms.
func (s *state) allMentions(str string) []mention {
	return s.allMentionsLower(str, asciiLower(str))
}

// allMentionsLower is allMentions with str lower-cased by the caller.
// Generic terms are looked for in every text: a test for the words they
// need before looking (a token such as "ai" or "agent") missed "some
// chatbots", "our coding models" and a lone "A.I.".
func (s *state) allMentionsLower(str, lower string) []mention {
	return withGeneric(s.toolMentionsLower(str, lower, false), str)
}

// withGeneric appends the generic AI terms of str to tool mentions.
func withGeneric(out []mention, str string) []mention {
	genericMentions(str, func(lo, hi int) {
		out = append(out, mention{start: lo, end: hi, tool: -1})
	})
	return out
}

// The kinds of token noAIRE needs (mayNoAI).
const (
	tokAI   uint8 = 1 << iota // ai, llm, llms
	tokNeg                    // no, not, without, use, used
	tokHand                   // hand, human, manually
)

// tokenKind returns the kind of a token noAIRE needs, so that one pass
// over a sentence, one switch a token, tells them all. A switch on the
// string needs no hashing, which a map look-up a token did.
func tokenKind(tok string) uint8 {
	switch tok {
	case "ai", "llm", "llms":
		return tokAI
	case "no", "not", "without", "use", "used":
		return tokNeg
	case "hand", "human", "manually":
		return tokHand
	}
	return 0
}

// mayNoAI reports whether noAIRE may match text whose asciiLower is
// lower. Each of its statements needs the token hand, human or manually
// (written by hand), or an AI token (ai, llm, llms, or "a.i.", whose
// tokens are a and i) and one of no, not, without, use and used. The
// tokens are ASCII: where the text holds ſ or K, which (?i) reads as s
// and k, it says yes.
func mayNoAI(lower string) bool { return mayNoAIKinds(tokensIn(lower, tokAI|tokNeg|tokHand), lower) }

// mayNoAIKinds is mayNoAI told k, the kinds of lower's tokens.
func mayNoAIKinds(k uint8, lower string) bool {
	switch {
	case k&tokHand != 0:
		return true
	case k&tokNeg == 0:
		return strings.Contains(lower, "ſ") || strings.Contains(lower, "\u212a")
	}
	return k&tokAI != 0 || strings.Contains(lower, "a.i.") || strings.Contains(lower, "ſ") || strings.Contains(lower, "\u212a")
}

// noAIMatches returns noAIRE's matches in text, told the kinds of its
// tokens and its asciiLower, lower.
func noAIMatches(kinds uint8, lower, text string) [][]int {
	if !mayNoAIKinds(kinds, lower) {
		return nil
	}
	return noAIRE.FindAllStringIndex(text, -1)
}

// selfMatches returns selfRE's matches in text, told the kinds of its
// tokens: selfRE needs an AI token ("AI-generated", "LLM assisted").
func selfMatches(kinds uint8, text string) [][]int {
	if kinds&tokAI == 0 {
		return nil
	}
	return selfRE.FindAllStringSubmatchIndex(text, -1)
}

// tokensIn returns the kinds among want of the tokens lower holds,
// reading no further once it has found them all.
func tokensIn(lower string, want uint8) uint8 {
	var got uint8
	eachToken(lower, func(tok string, _ int) bool {
		got |= tokenKind(tok) & want
		return got != want
	})
	return got
}

// eachToken calls fn with every run of ASCII letters and digits in a
// lower-cased string and its offset, until fn returns false.
func eachToken(lower string, fn func(tok string, at int) bool) {
	start := -1
	for i := 0; i <= len(lower); i++ {
		if i < len(lower) && (lower[i] >= 'a' && lower[i] <= 'z' || lower[i] >= '0' && lower[i] <= '9') {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if !fn(lower[start:i], start) {
				return
			}
			start = -1
		}
	}
}

// prose reads people's words: sentences, checkboxes, "AI disclosure"
// sections and labelled lines, outside code, quotes, comments, prompt
// blocks and trailer blocks.
func (s *state) prose() {
	inAI := false
	chunkStart := -1
	flush := func(end int) {
		if chunkStart >= 0 {
			s.sentences(chunkStart, end, inAI)
			chunkStart = -1
		}
	}
	for li, l := range s.lines {
		if blank(l.s) || s.lineMasked(l, mCode|mQuote|mComment|mBlock) || s.trailerLine[li+1] {
			flush(l.start)
			continue
		}
		if s.commit && li == 0 {
			// The subject: a sentence of its own.
			s.sentences(l.start, l.end, false)
			continue
		}
		may := lineShapes(l.s)
		if h := may.match(shapeHeading, headingRE, l.s); h != nil {
			flush(l.start)
			title := h[1] + h[2] + h[3]
			inAI = aiHeadingRE.MatchString(title)
			s.promptHeading(l, title)
			continue
		}
		if m := may.index(shapeSignature, signatureRE, l.s); m != nil {
			flush(l.start)
			s.signature(l, m)
			continue
		}
		if m := may.index(shapeCheckbox, checkboxRE, l.s); m != nil {
			flush(l.start)
			if l.s[m[2]:m[3]] != " " {
				s.checkbox(l.start+m[4], l.start+m[5], inAI)
			}
			continue
		}
		if m := may.index(shapeBareLabel, bareLabelRE, l.s); m != nil && !(s.commit && li == 0) {
			// "AI: Claude Code (model). Helped with the tests." A bare
			// "AI:" is also a component prefix ("ai: add a provider"), so
			// it counts only when it names a tool or model as the actor.
			v := l.s[m[2]:]
			model := s.modelIn(v)
			if ms := s.toolMentions(v, false); len(ms) > 0 && ms[0].start < 4 && !topicAfterRE.MatchString(v[ms[0].end:]) || model != "" && strings.Index(v, model) < 4 {
				flush(l.start)
				if s.answer(l.start, l.end, l.start+m[2], "ai-label") {
					continue
				}
			}
		}
		if m := may.index(shapeLabel, labelRE, l.s); m != nil {
			flush(l.start)
			if !s.answer(l.start, l.end, l.start+m[2], "ai-label") {
				// "AI disclosure: Drafted with AI assistance": the value is a sentence.
				s.sentences(l.start+m[2], l.end, false)
			}
			continue
		}
		if inAI {
			flush(l.start)
			if q := strings.LastIndexByte(l.s, '?'); q >= 0 && strings.TrimSpace(l.s[q+1:]) != "" && !strings.Contains(l.s, "<!--") {
				// "Which tool did you use? Cursor": the answer follows.
				s.answer(l.start, l.end, l.start+q+1, "ai-section")
				continue
			}
			if instrRE.MatchString(l.s) {
				continue
			}
			if !s.answer(l.start, l.end, l.start, "ai-section") {
				s.sentences(l.start, l.end, false)
			}
			continue
		}
		if chunkStart < 0 {
			chunkStart = l.start
		}
	}
	flush(len(s.text))
}

// promptHeading reports a heading that names a tool's prompt or session:
// "## Codex prompt", "### Claude Code session".
func (s *state) promptHeading(l tline, title string) {
	if !promptHeadingRE.MatchString(title) {
		return
	}
	ms := s.toolMentions(title, true)
	if len(ms) == 0 || instrRE.MatchString(title) {
		return
	}
	s.add(Evidence{Kind: KindSection, Rule: "ai-prompt-heading", Tool: s.p.tools[ms[0].tool].spec.Name, Stance: StanceAssisted,
		Start: l.start, End: l.end, Note: "a section holding a tool's prompt or session"})
}

// signature reports a line signed by an AI identity: "-- Claude Opus
// 4.5, acting for @jdoe". m is signatureRE's match in the line.
func (s *state) signature(l tline, m []int) {
	who := l.s[m[2]:m[3]]
	id := s.p.Identify(who)
	if !id.Kind.AI() {
		if t := s.p.toolByAlias(who, true); t >= 0 {
			id = Identity{Kind: IdentityAITool, Tool: s.p.tools[t].spec.Name, Model: s.modelIn(who)}
		} else {
			return
		}
	}
	s.add(Evidence{Kind: KindSentence, Rule: "ai-signature", Tool: id.Tool, Vendor: id.Vendor, Model: id.Model, Stance: StanceGenerated,
		Start: l.start + m[0], End: l.start + m[1], Note: "signed by an AI identity acting for a person"})
}

// answer reads the text[valStart:hi] of a line in an AI section or after
// an "AI assistance:" label; lo is where the evidence starts.
func (s *state) answer(lo, hi, valStart int, rule string) bool {
	v := s.text[valStart:hi]
	v = strings.TrimSpace(strings.TrimRight(v, "\r"))
	if v == "" {
		return false
	}
	e := Evidence{Kind: KindSection, Rule: rule, Start: lo, End: hi}
	if noAnswerRE.MatchString(v) || mayNoAI(asciiLower(v)) && noAIRE.MatchString(v) {
		e.Stance = StanceNoAI
		s.add(e)
		return true
	}
	ms := s.toolMentions(v, true)
	model := s.modelIn(v)
	if at := strings.Index(v, model); model != "" && len(ms) > 1 {
		// "Claude Code (Claude Opus 4.6)": the second Claude is the model.
		ms = slices.DeleteFunc(ms, func(m mention) bool { return m.start >= at && m.start < at+len(model) })
	}
	stance := StanceAssisted
	if generatedAnswer(v) || len(ms) > 0 && suffixGenerated(v[ms[0].end:]) {
		stance = StanceGenerated
	}
	switch {
	case len(ms) > 0:
		for i, m := range ms {
			e := e
			e.Stance, e.Tool, e.Version = stance, s.p.tools[m.tool].spec.Name, m.version
			if i == 0 {
				e.Model = model
			}
			s.add(e)
		}
	case model != "":
		e.Stance, e.Model, e.Tool = stance, model, s.p.modelTool(model)
		s.add(e)
	case yesRE.MatchString(v):
		e.Stance, e.Tool = stance, UnknownTool
		s.add(e)
	default:
		return false
	}
	return true
}

// generatedAnswer reports whether an answer says a tool wrote the work:
// "generated", "written by Claude", but not "written by me".
func generatedAnswer(v string) bool {
	for _, m := range genAnswerRE.FindAllStringSubmatchIndex(v, -1) {
		if m[2] < 0 || !byPersonRE.MatchString(v[m[2]:m[3]]) {
			return true
		}
	}
	return false
}

// suffixGenerated reports whether what follows a tool's name says the
// tool wrote the change: "wrote the first draft".
func suffixGenerated(after string) bool {
	m := suffixRE.FindStringSubmatchIndex(after)
	return m != nil && m[6] >= 0
}

// checkbox reads a ticked checkbox's label, text[lo:hi].
func (s *state) checkbox(lo, hi int, inAI bool) {
	label := s.text[lo:hi]
	if inAI && yesRE.MatchString(label) && len(strings.Fields(label)) <= 3 {
		// "Did you use AI?" then "- [x] Yes": the heading asks, the box answers.
		s.add(Evidence{Kind: KindCheckbox, Rule: "ticked-checkbox", Tool: UnknownTool, Stance: StanceAssisted, Start: lo, End: hi})
		return
	}
	if inAI && noAnswerRE.MatchString(label) {
		s.add(Evidence{Kind: KindCheckbox, Rule: "ticked-checkbox", Stance: StanceNoAI, Start: lo, End: hi})
		return
	}
	ms := s.allMentions(label)
	if len(ms) == 0 || policyRE.MatchString(label) {
		return
	}
	e := Evidence{Kind: KindCheckbox, Rule: "ticked-checkbox", Start: lo, End: hi}
	if noAIRE.MatchString(label) || negRE.MatchString(label) {
		e.Stance = StanceNoAI
		s.add(e)
		return
	}
	if !usageRE.MatchString(label) {
		return
	}
	e.Stance = StanceAssisted
	if generatedAnswer(label) {
		e.Stance = StanceGenerated
	}
	model := s.modelIn(label)
	added := false
	for _, m := range ms {
		if m.tool >= 0 {
			e := e
			e.Tool, e.Version, e.Model = s.p.tools[m.tool].spec.Name, m.version, model
			s.add(e)
			added = true
		}
	}
	if !added {
		e.Tool = UnknownTool // "I used AI tools": some tool, not told which
		s.add(e)
	}
}

// shape is a set of the line expressions prose tries on each line that a
// line could match, told from its first bytes: the expressions are
// anchored at the line's start, which their literal tests (package
// lazyre) leave out, and most lines match none of them.
type shape uint8

const (
	shapeHeading   shape = 1 << iota // headingRE: '#', '*' or '_' after at most 3 blanks
	shapeSignature                   // signatureRE: "--", '~', '—' or '–' after blanks (maySignature)
	shapeCheckbox                    // checkboxRE: a '['
	shapeBareLabel                   // bareLabelRE: '*', 'A' or 'L' first
	shapeLabel                       // labelRE: the first letter or digit starts one of its words (mayLabel)
)

// isBlank reports whether c is a blank of \s, as Go's regexp has it.
func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// lineShapes returns the expressions a line could match. It says no only
// where an expression cannot match: each needs what its comment above
// says at the line's start. labelRE's (?i) folds no letter outside ASCII
// to a, l, g, t, m or w (only k and s have such forms), and every byte
// outside ASCII is of a \W rune, which ^\W* passes over, as this does.
func lineShapes(l string) shape {
	var may shape
	i := 0
	for i < len(l) && isBlank(l[i]) {
		i++
	}
	if i < len(l) {
		switch c := l[i]; {
		case i <= 3 && (c == '#' || c == '*' || c == '_'):
			if mayHeading(l, i) {
				may |= shapeHeading
			}
		case c == '-' || c == '~' || c == 0xE2:
			if maySignature(l, i) {
				may |= shapeSignature
			}
		}
	}
	if strings.IndexByte(l, '[') >= 0 {
		may |= shapeCheckbox
	}
	if l != "" && (l[0] == '*' || l[0] == 'A' || l[0] == 'L') {
		may |= shapeBareLabel
	}
	for j := 0; j < len(l); j++ {
		c := l[j] | 0x20 // lower-case for letters
		if isAlnum(l[j]) || l[j] == '_' {
			if (c == 'a' || c == 'l' || c == 'g' || c == 't' || c == 'm' || c == 'w') && mayLabel(l, j) {
				may |= shapeLabel
			}
			break
		}
	}
	return may
}

// maySignature reports whether signatureRE may match l, whose first
// character that is not a blank, at i, is '-', '~' or starts with byte
// 0xE2: it needs "--", '~', '—' or '–' there, and further on one of its
// verbs, which all end in "ing", and "for" or "behalf", in this case.
func maySignature(l string, i int) bool {
	rest := l[i:]
	if !strings.HasPrefix(rest, "--") && rest[0] != '~' && !strings.HasPrefix(rest, "—") && !strings.HasPrefix(rest, "–") {
		return false
	}
	return strings.Contains(rest, "ing") && (strings.Contains(rest, "for") || strings.Contains(rest, "behalf"))
}

// labelWords are the words one of which labelRE needs where its first
// letter or digit is, in any case.
var labelWords = [...]string{"ai", "llm", "generated", "assisted", "tool", "model", "which"}

// mayLabel reports whether labelRE may match l, whose first letter,
// digit or '_' is at j: one of labelWords must start there. Where l
// holds ſ, which (?i) reads as the s of "assisted", it says yes.
func mayLabel(l string, j int) bool {
	for _, w := range labelWords {
		if wording.HasFoldAt(l, j, w) {
			return true
		}
	}
	return strings.Contains(l, "ſ")
}

// mayHeading reports whether headingRE may match l, whose first
// character that is not a blank, at i, is '#', '*' or '_': one to six
// '#' and a blank, or a line that ends, but for a colon and blanks, in
// "**" or "__" as it starts.
func mayHeading(l string, i int) bool {
	c := l[i]
	if c == '#' {
		n := 0
		for i+n < len(l) && l[i+n] == '#' {
			n++
		}
		return n <= 6 && i+n < len(l) && isBlank(l[i+n])
	}
	t := strings.TrimRight(l, " \t\n\f\r")
	t = strings.TrimSuffix(t, ":")
	return len(t) >= i+4 && t[len(t)-1] == c && t[len(t)-2] == c
}

// match is re.FindStringSubmatch(l) when l may have shape s, nil
// otherwise.
func (may shape) match(s shape, re *lazyre.Regexp, l string) []string {
	if may&s == 0 {
		return nil
	}
	return re.FindStringSubmatch(l)
}

// index is re.FindStringSubmatchIndex(l) when l may have shape s, nil
// otherwise.
func (may shape) index(s shape, re *lazyre.Regexp, l string) []int {
	if may&s == 0 {
		return nil
	}
	return re.FindStringSubmatchIndex(l)
}

// sentences reads text[lo:hi], a run of prose lines.
func (s *state) sentences(lo, hi int, _ bool) {
	chunk := s.text[lo:hi]
	lower := s.lowerText()[lo:hi]
	var noAI []mention
	var kinds uint8
	tools := s.toolMentionsKinds(chunk, lower, false, &kinds)
	for _, m := range noAIMatches(kinds, lower, chunk) {
		if !s.masked(lo+m[0], mCode|mComment) {
			e := Evidence{Kind: KindSentence, Rule: "no-ai-statement", Stance: StanceNoAI, Start: lo + m[0], End: lo + m[1]}
			if sm := scopedRE.FindStringIndex(chunk[m[1]:]); sm != nil {
				e.Rule, e.End = "no-ai-scoped", lo+m[1]+sm[1]
				e.Note = "no AI for part of the work only"
			}
			s.add(e)
			noAI = append(noAI, mention{start: m[0], end: m[1]})
		}
	}
	for _, m := range selfMatches(kinds, chunk) {
		if s.masked(lo+m[0], mCode|mComment) {
			continue
		}
		st := StanceAssisted
		if genWordRE.MatchString(chunk[m[4]:m[5]]) {
			st = StanceGenerated
		}
		s.add(Evidence{Kind: KindSentence, Rule: "ai-self-statement", Stance: st, Start: lo + m[0], End: lo + m[1]})
	}
	for _, mt := range withGeneric(tools, chunk) {
		if s.masked(lo+mt.start, mCode|mComment) || overlaps(noAI, mt.start, mt.end) {
			continue
		}
		if s.mentionsRead >= maxMentions {
			return // no real text names tools thousands of times
		}
		s.mentionsRead++
		prefix := sentencePrefix(chunk[:mt.start])
		pstart := mt.start - len(prefix)
		e := Evidence{Kind: KindSentence, Start: lo + pstart, End: lo + mt.end, Version: mt.version}
		if mt.tool >= 0 {
			e.Tool = s.p.tools[mt.tool].spec.Name
		}
		if !s.readActor(&e, chunk, mt, prefix, pstart, lo) {
			continue
		}
		if e.Stance.AI() {
			e.Model = s.modelIn(s.text[e.Start:min(len(s.text), e.End+80, lo+len(chunk))])
			if e.Tool == "" && e.Model != "" {
				e.Tool = s.p.modelTool(e.Model)
			}
			if e.Tool == "" {
				e.Tool = UnknownTool // "an AI assistant": some tool, not told which
			}
		}
		s.add(e)
	}
}

// readActor decides what a sentence says about an actor mentioned in it:
// prefix is the sentence up to the mention, which starts at pstart in
// chunk, itself at lo in the input. The grammar, tried in order: an
// example ("e.g. Claude") says nothing; a negated use ("I did not use
// Copilot") says no AI; a use verb with a person as subject ("I used
// ChatGPT to"); a passive or leading doing verb with the actor as agent
// ("was written by Claude", "Spotted by ChatGPT", "I wrote this with
// Cursor"); a helper phrase ("thanks to", "with help from", "using",
// "via"), unless the sentence is about the tool as a product ("using the
// Copilot API", "add a summary step using an LLM"); the actor as the
// subject of a doing verb ("Codex couldn't run certain commands"). A
// sentence that puts the use elsewhere ("in another PR") declares
// nothing for this change. It reports whether e was filled in.
func (s *state) readActor(e *Evidence, chunk string, mt mention, prefix string, pstart, lo int) bool {
	after := chunk[mt.end:]
	if s.prefixHas(testExample, prefix, func() bool { return isExample(prefix) }) {
		return false
	}
	bare := prefix
	if n := s.prefixTest(testActor, prefix, func() []int { return []int{actorPrefixLen(prefix)} })[0]; n < len(prefix) {
		bare = prefix[:n] + " "
	}
	rev := ""
	reversed := func() string {
		if rev == "" {
			rev = reverseText(bare)
		}
		return rev
	}
	at := func(m []int) { e.Start = lo + pstart + m[0] }
	neg := func() []int {
		if m := negUsedRE.indexRev(bare, reversed()); m != nil {
			return m
		}
		return withoutRE.indexRev(bare, reversed())
	}
	verb := func() []int {
		if !hasVerbWord(bare) {
			return nil
		}
		if re := firstRev(bare, reversed(), passiveRE, leadRE); re != nil {
			return re.submatchRev(bare, reversed())
		}
		return nil
	}
	var m []int
	// found keeps a test's match for its case.
	found := func(v []int) bool { m = v; return v != nil }
	switch {
	case found(s.prefixTest(testNeg, bare, neg)):
		if mt.tool < 0 {
			return false // the no-AI statements cover generic terms
		}
		e.Rule, e.Stance = "no-ai-statement", StanceNoAI
		at(m)
		return true
	case found(s.prefixTest(testUsed, bare, func() []int { return usedRE.indexRev(bare, reversed()) })):
		if topicAfterRE.MatchString(after) {
			return false
		}
		e.Rule, e.Stance = "used-tool", StanceAssisted
		if s.prefixHas(testDelegate, bare, func() bool { return delegateRE.matchRev(bare, reversed()) }) && delegatedRE.MatchString(after) {
			// "asked Codex to handle this": the tool did the work.
			e.Stance = StanceGenerated
		}
		at(m)
	case found(s.prefixTest(testVerb, bare, verb)):
		e.Rule, e.Stance = "made-with-tool", StanceAssisted
		if genWordRE.MatchString(bare[m[2]:m[3]]) && !helpAfterRE.MatchString(after) && !helpWordRE.MatchString(bare[m[3]:]) {
			e.Stance = StanceGenerated
		}
		at(m)
	case found(s.prefixTest(testFirst, bare, func() []int {
		if !hasIWe(bare) {
			return nil
		}
		return firstRE.indexRev(bare, reversed())
	})):
		// A person did the work with the tool: assisted, whatever the verb.
		e.Rule, e.Stance = "made-with-tool", StanceAssisted
		at(m)
	case found(s.prefixTest(testHelp, bare, func() []int { return helpRE.indexRev(bare, reversed()) })):
		e.Rule, e.Stance = "help-from-tool", StanceAssisted
		at(m)
	case found(s.prefixTest(testPhrase, bare, func() []int { return phraseRE.submatchRev(bare, reversed()) })):
		sm := m
		if topicAfterRE.MatchString(after) || sm[2] >= 0 && s.prefixHas(testTopic, bare, func() bool {
			return topicBeforeRE.MatchString(bare[:sm[2]]) || conditionRE.MatchString(bare[:sm[2]])
		}) {
			return false // about the tool as a product
		}
		if sm[2] >= 0 && mt.tool < 0 && !strings.Contains(strings.ToLower(bare[sm[2]:]), "experiment") {
			return false // "using AI" alone is too often a feature
		}
		e.Rule, e.Stance = "help-from-tool", StanceAssisted
		at(sm)
	default:
		var sm []int
		if mayDid(after) {
			sm = didRE.FindStringSubmatchIndex(after)
		}
		if sm != nil && s.prefixHas(testClause, bare, func() bool { return clauseStartRE.matchRev(bare, reversed()) && !conditionRE.MatchString(bare) }) &&
			(mt.tool >= 0 || genericActor(chunk[mt.start:mt.end])) {
			e.Rule, e.Stance = "tool-did", StanceAssisted
			if sm[2] >= 0 {
				e.Stance = StanceGenerated
			}
			e.Start, e.End = lo+mt.start, lo+mt.end+sm[1]-1
			break
		}
		sm = nil
		if mayDid(after) { // a necessary test for suffixRE too
			sm = suffixRE.FindStringSubmatchIndex(after)
		}
		if sm == nil {
			return false
		}
		e.Rule, e.Stance = "tool-did", StanceAssisted
		if sm[6] >= 0 {
			e.Stance = StanceGenerated
		}
		e.Start, e.End = lo+mt.start, lo+mt.end+sm[1]
	}
	if s.prefixHas(testElsewhere, bare, func() bool { return elsewhereRE.MatchString(bare) }) || elsewhereRE.MatchString(sentenceRest(after)) {
		e.Rule, e.Stance = "ai-elsewhere", StanceNone
		e.Note = "AI use in other work, not this change"
	}
	return true
}

// The tests of a mention's sentence prefix that prefixTest remembers.
const (
	testExample uint8 = iota
	testActor
	testNeg
	testUsed
	testDelegate
	testVerb
	testFirst
	testHelp
	testPhrase
	testTopic
	testClause
	testElsewhere
)

// memoKey is one test of one prefix.
type memoKey struct {
	test   uint8
	prefix string
}

// memoFrom is the number of mentions a text must name before prefixTest
// remembers its answers: a real text names a handful, and a map would
// only cost it; a text that repeats one line thousands of times ("🤖
// Generated with Claude Code") asks the same questions of the same
// prefix each time.
var memoFrom = 32

// prefixTest returns f(), the answer to a test of a mention's sentence
// prefix, which depends on nothing else. Once the text has named tools
// memoFrom times it remembers the answer for the test and the prefix.
func (s *state) prefixTest(test uint8, prefix string, f func() []int) []int {
	if s.mentionsRead < memoFrom {
		return f()
	}
	k := memoKey{test, prefix}
	if v, ok := s.memo[k]; ok {
		return v
	}
	v := f()
	if s.memo == nil {
		s.memo = map[memoKey][]int{}
	}
	s.memo[k] = v
	return v
}

// prefixHas is prefixTest for a test that answers yes or no.
func (s *state) prefixHas(test uint8, prefix string, f func() bool) bool {
	return s.prefixTest(test, prefix, func() []int {
		if f() {
			return []int{}
		}
		return nil
	}) != nil
}

var (
	delegateRE  = newEndRE(`(?i)\b(?:asked|prompted|told|instructed|had|let)\s+(?:the\s+|an?\s+)?$`)
	delegatedRE = lazyre.New(`(?i)^\s+to\s+(?:handle|do|write|implement|generate|create|build|make|fix|add|take\s+care\s+of|code|port|rewrite)\b`)
)

// verbWords holds the words that start each of genVerb's and helpVerb's
// verbs, lower-case: "generated", "vibe" and "vibecoded" of
// vibe[- ]?coded, "pointed" of pointed\s+out.
var verbWords = sync.OnceValue(func() map[string]bool {
	words := map[string]bool{}
	var expand func(alt, word string)
	expand = func(alt, word string) {
		switch {
		case alt == "" || strings.HasPrefix(alt, `\s`):
			words[word] = true
		case strings.HasPrefix(alt, "[sz]"):
			expand(alt[4:], word+"s")
			expand(alt[4:], word+"z")
		case strings.HasPrefix(alt, "[- ]?") || strings.HasPrefix(alt, "-?"):
			words[word] = true
			expand(alt[strings.IndexByte(alt, '?')+1:], word)
		case alt[0] >= 'a' && alt[0] <= 'z':
			expand(alt[1:], word+alt[:1])
		default:
			panic("disclosure: verbWords cannot read " + alt)
		}
	}
	for _, alt := range strings.Split(genVerb+"|"+helpVerb, "|") {
		expand(alt, "")
	}
	return words
})

// hasVerbWord reports whether passiveRE or leadRE may match s: both need
// one of genVerb's or helpVerb's verbs, which starts after a character
// that is not a letter and whose first word (verbWords) ends before a
// blank or a hyphen. Where s holds one of the two letters outside ASCII
// that (?i) folds to ASCII ones (ſ, K), it says yes.
func hasVerbWord(s string) bool {
	if strings.Contains(s, "ſ") || strings.Contains(s, "\u212a") {
		return true
	}
	words := verbWords()
	var buf [24]byte
	for i := 0; i < len(s); {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z' {
			j++
		}
		if j-i <= len(buf) {
			w := buf[:j-i]
			for k := range w {
				w[k] = s[i+k] | 0x20
			}
			if words[string(w)] {
				return true
			}
		}
		i = j
	}
	return false
}

// isExample reports whether a mention after prefix is an example:
// exampleRE or exampleEndRE matches. Each runs only where prefix holds
// what it needs: exampleEndRE a blank after an 'e' at the end,
// exampleRE a '.', or "for", "uch" or "example" in any case ((?i) folds
// no letter outside ASCII to these but for k and s).
func isExample(prefix string) bool {
	t := strings.TrimRight(prefix, " \t\n\f\r")
	if len(t) < len(prefix) && t != "" && t[len(t)-1]|0x20 == 'e' && exampleEndRE.MatchString(prefix) {
		return true
	}
	if !strings.Contains(prefix, ".") && !containsFold(prefix, "for") && !containsFold(prefix, "uch") && !containsFold(prefix, "example") {
		return false
	}
	return exampleRE.MatchString(prefix)
}

// containsFold reports whether s holds sub, which is lower-case ASCII
// letters, in any ASCII case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && s[i+j]|0x20 == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// maxMentions bounds the tool and AI mentions the sentence reader reads
// in one text: each costs a few regular expressions over its sentence.
const maxMentions = 2000

var helpWordRE = lazyre.New(`(?i)\b(?:help|assistance|support)\b`)

var helpAfterRE = lazyre.New(`(?i)^\s*(?:help|assistance|support)\b`)

// hasIWe reports whether firstRE may match s: it needs the word "I" or
// "we", in any case, followed by a blank.
func hasIWe(s string) bool {
	for i := 0; i < len(s); i++ {
		n := 0
		switch {
		case s[i]|0x20 == 'i':
			n = 1
		case s[i]|0x20 == 'w' && i+1 < len(s) && s[i+1]|0x20 == 'e':
			n = 2
		default:
			continue
		}
		if (i == 0 || !isWordByte(s[i-1])) && i+n < len(s) && isBlank(s[i+n]) {
			return true
		}
	}
	return false
}

// firstRev returns the first of res that matches s, told rev,
// reverseText(s), or nil.
func firstRev(s, rev string, res ...*endRE) *endRE {
	for _, re := range res {
		if re.matchRev(s, rev) {
			return re
		}
	}
	return nil
}

// mayDid reports whether didRE may match s: after its blanks, s must
// start with an apostrophe, a parenthesis or a letter, and the only
// letters outside ASCII that (?i) folds to ASCII ones are ſ and K. It
// spares the matcher the mentions followed by a line break and an emoji,
// or punctuation, which are most.
func mayDid(s string) bool {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	if i == len(s) {
		return false
	}
	if c := s[i] | 0x20; c >= 'a' && c <= 'z' || s[i] == '(' || s[i] == '\'' {
		return true
	}
	rest := s[i:]
	return strings.HasPrefix(rest, "’") || strings.HasPrefix(rest, "ſ") || strings.HasPrefix(rest, "\u212a")
}

// genericActor reports whether a generic term can be a sentence's
// subject: "an agent", "the assistant", "AI", but not "LLMs" in general.
func genericActor(m string) bool {
	l := strings.ToLower(m)
	return strings.HasPrefix(l, "the ") || strings.HasPrefix(l, "an ") || strings.HasPrefix(l, "my ") || strings.HasPrefix(l, "our ")
}

// actorPrefixLen returns how much of prefix to keep once what may stand
// between a phrase and an actor's name without changing the grammar is
// trimmed from its end: emphasis marks, emoji, a vendor's possessive
// ("OpenAI's new"). The kept start, with a blank added when anything was
// trimmed, is what readActor reads, so offsets in it are offsets in
// prefix.
func actorPrefixLen(prefix string) int {
	p := prefix
	for {
		q := strings.TrimRightFunc(p, func(r rune) bool {
			return r == ' ' || r == '\t' || r == '\n' || r == '*' || r == '_' || r == '~' || r == '[' || r >= 0x2000 && (unicode.IsSymbol(r) || r == 0xFE0F || r == 0x200D)
		})
		// possessiveRE needs an apostrophe: most prefixes have none.
		if hasApostrophe(q) {
			if m := possessiveRE.FindStringIndex(q + " "); m != nil {
				q = q[:m[0]]
			}
		}
		if q == p || len(q) == len(p) {
			break
		}
		p = q
	}
	return len(p)
}

// hasApostrophe reports whether s holds ' or ’.
func hasApostrophe(s string) bool {
	return strings.IndexByte(s, '\'') >= 0 || strings.Contains(s, "’")
}

var possessiveRE = newEndRE(`(?i)\b[\w-]+['’]s\s+(?:(?:new|latest|own|experimental)\s+)?$`)

// sentenceRest returns text up to the end of its sentence.
func sentenceRest(s string) string {
	for i := 0; i < len(s) && i < 200; i++ {
		switch s[i] {
		case '.', '!', '?', ';', '\n':
			if i+1 >= len(s) || s[i+1] == ' ' || s[i+1] == '\n' || s[i] == '\n' {
				return s[:i]
			}
		}
	}
	return s[:min(len(s), 200)]
}

// sentencePrefix returns the end of s that belongs to the same sentence
// or list item as what follows it.
func sentencePrefix(s string) string {
	if len(s) > 200 {
		s = s[len(s)-200:]
		for len(s) > 0 && s[0]&0xC0 == 0x80 {
			s = s[1:]
		}
	}
	cut := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.', '!', '?', ';':
			if i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\n' || s[i+1] == '\r') {
				cut = i + 1
			}
		case '\n':
			rest := strings.TrimLeft(s[i+1:], " \t")
			if rest != "" && strings.ContainsRune("-*+#>|", rune(rest[0])) {
				cut = i + 1
			}
		}
	}
	return s[cut:]
}

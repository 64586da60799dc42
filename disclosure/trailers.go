package disclosure

import (
	"slices"
	"sort"
	"strings"
)

// tline is one line of the input: text[start:end] without its "\n".
// key is the text git's separator search reads: the line itself, or the
// line with its key folded in lenient mode.
type tline struct {
	start, end int
	s          string
	n          int32 // 1-based line number (int32: a line is 40 bytes, not 48)
	folded     bool  // lenient mode changed the key
}

// splitLines splits text into lines; a final line without "\n" counts.
func splitLines(text string) []tline {
	return appendLines(make([]tline, 0, strings.Count(text, "\n")+1), text)
}

// appendLines appends the lines of text to lines (splitLines).
func appendLines(lines []tline, text string) []tline {
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			lines = append(lines, tline{start: start, end: len(text), n: int32(len(lines) + 1), s: text[start:]})
			break
		}
		lines = append(lines, tline{start: start, end: start + end, n: int32(len(lines) + 1), s: text[start : start+end]})
		start += end + 1
	}
	return lines
}

// Trailers returns the trailers of a commit message exactly as
// "git interpret-trailers --parse" finds them with git's default
// configuration: the last paragraph, when it consists only of trailers,
// or holds a git-generated one (Signed-off-by, "(cherry picked from
// commit") and at least 25% trailers; the title paragraph never counts;
// a line starting with "---" and a space ends the message; comment lines
// starting with "#" are skipped. Values are trimmed and continuation
// lines unfolded. Keys hidden by invisible or look-alike characters are
// not trailers here, as for git; Parse reports them.
func Trailers(message string) []Trailer {
	return commitTrailers(message, splitLines(message), false)
}

// commitTrailers applies git's rules to a whole message. In lenient mode,
// keys are folded first (see fold) and trailers found through folding are
// marked Tampered.
func commitTrailers(text string, all []tline, lenient bool) []Trailer {
	// The message ends at a "---" divider ...
	n := len(all)
	for i, l := range all {
		if strings.HasPrefix(l.s, "---") && (len(l.s) == 3 || isSpace(l.s[3])) {
			if len(l.s) == 3 && l.end == len(text) {
				continue // "---" at EOF without newline: git sees NUL, not space
			}
			n = i
			break
		}
	}
	lines := all[:n]
	// ... and before trailing blank and comment lines (git's
	// ignore_non_trailer; blank means exactly "\n" there).
	boc, inConflicts := -1, false
	for i, l := range lines {
		switch {
		case l.s == "" && l.end < len(text) || strings.HasPrefix(l.s, "#"):
			if boc < 0 && i > 0 {
				boc = i
			}
		case l.s == "Conflicts:" && l.end < len(text):
			inConflicts = true
			if boc < 0 && i > 0 {
				boc = i
			}
		case inConflicts && strings.HasPrefix(l.s, "\t"):
		default:
			if boc >= 0 {
				boc, inConflicts = -1, false
			}
		}
	}
	if boc > 0 {
		lines = lines[:boc]
	}
	if lenient {
		lines = foldKeys(lines)
	}
	// The title paragraph cannot hold trailers.
	title := len(lines)
	for i, l := range lines {
		if strings.HasPrefix(l.s, "#") {
			continue
		}
		if blank(l.s) {
			title = i
			break
		}
	}
	start, ok := blockStart(lines, title, len(lines), true, false)
	if !ok {
		return nil
	}
	return parseBlock(text, lines[start:], true)
}

// foldKeys returns lines with the look-alike characters of each key
// before a colon (in the first 120 bytes) folded, marked folded. It
// returns lines itself, not a copy, when no key changes; callers do not
// write to the result.
func foldKeys(lines []tline) []tline {
	var out []tline
	for i, l := range lines {
		k := strings.IndexByte(l.s, ':')
		if k < 0 || k > 120 {
			continue
		}
		if f, changed := fold(l.s[:k]); changed {
			if out == nil {
				out = slices.Clone(lines)
			}
			out[i].s = f + l.s[k:]
			out[i].folded = true
		}
	}
	if out == nil {
		return lines
	}
	return out
}

func blank(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isSpace(s[i]) {
			return false
		}
	}
	return true
}

// findSeparator is git's find_separator with ":" as the only separator:
// the key is letters, digits and "-", optionally followed by blanks.
func findSeparator(s string) int {
	ws := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ':' {
			return i
		}
		if !ws && (isAlnum(c) || c == '-') {
			continue
		}
		if i != 0 && (c == ' ' || c == '\t') {
			ws = true
			continue
		}
		break
	}
	return -1
}

// blockStart is git's find_trailer_start over lines[lo:hi]: scanning back
// from hi, it returns the index of the first line of the trailer block.
// Reaching lo without a blank line means no trailers unless virtualBlank,
// which pretends a blank line precedes lines[lo] (a paragraph of a PR
// body that starts the text).
func blockStart(lines []tline, lo, hi int, comments, virtualBlank bool) (int, bool) {
	onlySpaces := true
	recognized := false
	trailerLines, nonTrailer, possibleCont := 0, 0, 0
	decide := func(first int) (int, bool) {
		nonTrailer += possibleCont
		if recognized && trailerLines*3 >= nonTrailer {
			return first, true
		}
		if trailerLines > 0 && nonTrailer == 0 {
			return first, true
		}
		return 0, false
	}
	for i := hi - 1; i >= lo; i-- {
		s := lines[i].s
		if comments && strings.HasPrefix(s, "#") {
			nonTrailer += possibleCont
			possibleCont = 0
			continue
		}
		if blank(s) {
			if onlySpaces {
				continue
			}
			return decide(i + 1)
		}
		onlySpaces = false
		if strings.HasPrefix(s, "Signed-off-by: ") || strings.HasPrefix(s, "(cherry picked from commit ") {
			trailerLines++
			possibleCont = 0
			recognized = true
			continue
		}
		if sep := findSeparator(s); sep >= 1 && !isSpace(s[0]) {
			trailerLines++
			possibleCont = 0
		} else if len(s) > 0 && isSpace(s[0]) {
			possibleCont++
		} else {
			nonTrailer++
			nonTrailer += possibleCont
			possibleCont = 0
		}
	}
	if virtualBlank && !onlySpaces {
		return decide(lo)
	}
	return 0, false
}

// parseBlock turns the lines of a trailer block into trailers, as git's
// parse_trailers and unfold_value do.
func parseBlock(text string, lines []tline, comments bool) []Trailer {
	var out []Trailer
	last := -1 // index in out of the trailer a continuation line extends
	var raw [][]string
	for _, l := range lines {
		if comments && strings.HasPrefix(l.s, "#") {
			continue
		}
		if last >= 0 && len(l.s) > 0 && isSpace(l.s[0]) {
			raw[last] = append(raw[last], l.s)
			out[last].End = l.end
			continue
		}
		sep := findSeparator(l.s)
		if sep < 1 {
			last = -1
			continue
		}
		out = append(out, Trailer{
			Key:      trimSpace(l.s[:sep]),
			Start:    l.start,
			End:      l.end,
			Line:     int(l.n),
			Tampered: l.folded,
		})
		raw = append(raw, []string{l.s[sep+1:]})
		last = len(out) - 1
	}
	for i := range out {
		out[i].Value = unfold(trimSpace(strings.Join(raw[i], "\n")))
	}
	return out
}

// unfold collapses each line break and the blanks after it to one space.
func unfold(v string) string {
	if !strings.Contains(v, "\n") {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); {
		c := v[i]
		i++
		if c == '\n' {
			for i < len(v) && isSpace(v[i]) {
				i++
			}
			b.WriteByte(' ')
			continue
		}
		b.WriteByte(c)
	}
	return trimSpace(b.String())
}

// lineAt returns the 1-based number of the line holding offset off.
func lineAt(lines []tline, off int) int {
	i := sort.Search(len(lines), func(i int) bool { return lines[i].start > off })
	return max(i, 1)
}

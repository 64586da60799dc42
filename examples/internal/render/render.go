// Package render formats a heuristics.Report for GitHub: as the Markdown
// of the bot's sticky comment and a workflow's step summary, and as
// workflow commands that show evidence as annotations on the diff. The
// heft command and the GitHub bot share it, so a maintainer sees the same
// report in both places.
package render

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/heft-dev/heft/heuristics"
)

// Marker is the hidden HTML comment by which the bot finds its own
// comment again.
const Marker = "<!-- heft -->"

// DefaultMaxBytes is the default limit of Markdown's output: GitHub's
// limit on a comment body and a check run summary (65,535 characters;
// counting bytes keeps within it for any text).
const DefaultMaxBytes = 65535

// Options configures Markdown. The zero value renders without a marker
// and within DefaultMaxBytes.
type Options struct {
	// Marker puts the Marker comment on the first line, as the bot's
	// sticky comment needs.
	Marker bool

	// Title replaces the heading's "heft"; a bot may name itself.
	// Default "heft".
	Title string

	// MaxBytes bounds the output. Evidence that does not fit is left out
	// and a note says so. Default DefaultMaxBytes; values below 1024 are
	// raised to 1024.
	MaxBytes int

	// Footer is a Markdown line put at the end, such as how to configure
	// the bot. Default none.
	Footer string
}

var verdictIcon = map[heuristics.Verdict]string{
	heuristics.VerdictUnknown: "❔",
	heuristics.VerdictPass:    "✅",
	heuristics.VerdictReview:  "🔍",
	heuristics.VerdictFlag:    "⚠️",
}

// Markdown renders rep as GitHub-flavoured Markdown: the verdict (or, for
// an exempt report, the exemption and its reason), a table
// of every scorer's score and summary, each scorer's advice, and its
// evidence in a collapsed <details> block. Text that comes from the pull
// request (paths, quotes) is escaped so it can neither break the layout
// nor mention anyone. It reports whether evidence was left out to keep
// within opts.MaxBytes.
func Markdown(rep *heuristics.Report, opts Options) (string, bool) {
	limit := opts.MaxBytes
	if limit == 0 {
		limit = DefaultMaxBytes
	}
	limit = max(limit, 1024)
	title := opts.Title
	if title == "" {
		title = "heft"
	}

	var head strings.Builder
	if opts.Marker {
		head.WriteString(Marker + "\n")
	}
	if rep.Exempt != "" {
		// Exempt: the reason first, and the verdict only as a number to
		// read, so nobody takes it for a judgement.
		fmt.Fprintf(&head, "### ⏭️ %s: exempt (score %.2f, not acted on)\n\n", escape(title), rep.Score)
		fmt.Fprintf(&head, "**Exempt**: %s. The scores below are for reading; the verdict (%s) is not acted on.\n\n",
			escape(rep.Exempt), rep.Verdict)
	} else {
		fmt.Fprintf(&head, "### %s %s: %s (score %.2f)\n\n", verdictIcon[rep.Verdict], escape(title), rep.Verdict, rep.Score)
	}
	if len(rep.Results) > 0 {
		head.WriteString("| scorer | score | summary |\n|---|---:|---|\n")
		for _, r := range rep.Results {
			fmt.Fprintf(&head, "| %s | %.2f | %s |\n", escapeCell(r.Scorer), r.Score, escapeCell(r.Summary))
		}
		head.WriteString("\n")
	} else {
		head.WriteString("No scorer had anything to say about this pull request.\n\n")
	}
	for _, r := range rep.Results {
		if r.Advice != "" {
			fmt.Fprintf(&head, "**%s**: %s\n\n", escape(r.Scorer), escape(r.Advice))
		}
	}

	var tail strings.Builder
	if len(rep.NotApplicable) > 0 {
		fmt.Fprintf(&tail, "Not applicable: %s.\n\n", escape(strings.Join(rep.NotApplicable, ", ")))
	}
	for _, e := range rep.Errors {
		fmt.Fprintf(&tail, "Error: %s\n\n", codeSpan(oneLine(e.Error(), 300)))
	}
	if len(rep.Labels) > 0 {
		var ls []string
		for _, l := range rep.Labels {
			ls = append(ls, codeSpan(l))
		}
		fmt.Fprintf(&tail, "Labels: %s\n\n", strings.Join(ls, ", "))
	}
	if opts.Footer != "" {
		tail.WriteString(opts.Footer + "\n")
	}

	// Evidence goes in as long as it fits; the note about what was left
	// out is budgeted up front.
	const note = "*This report was truncated to fit GitHub's limit: %d of %d pieces of evidence are shown. " +
		"Run `heft score --format json` for all of them.*\n\n"
	total := 0
	for _, r := range rep.Results {
		total += len(r.Evidence)
	}
	budget := limit - head.Len() - tail.Len() - len(note) - 20
	var body strings.Builder
	shown := 0
	truncated := false
	for _, r := range rep.Results {
		if len(r.Evidence) == 0 || truncated {
			continue
		}
		var block strings.Builder
		fmt.Fprintf(&block, "<details><summary>Evidence for %s (%d)</summary>\n\n", escape(r.Scorer), len(r.Evidence))
		n := 0
		for _, ev := range r.Evidence {
			item := evidenceItem(ev)
			if body.Len()+block.Len()+len(item)+len("</details>\n\n") > budget {
				truncated = true
				break
			}
			block.WriteString(item)
			n++
		}
		if n == 0 {
			break
		}
		block.WriteString("\n</details>\n\n")
		body.WriteString(block.String())
		shown += n
	}

	var out strings.Builder
	out.WriteString(head.String())
	out.WriteString(body.String())
	if truncated {
		fmt.Fprintf(&out, note, shown, total)
	}
	out.WriteString(tail.String())
	s := out.String()
	if len(s) > limit {
		// Even without evidence the report is too long (a huge summary
		// or error): cut it, on a rune boundary.
		truncated = true
		cut := "\n\n*This report was truncated to fit GitHub's limit.*\n"
		s = cutUTF8(s, limit-len(cut)) + cut
	}
	return s, truncated
}

func evidenceItem(ev heuristics.Evidence) string {
	var b strings.Builder
	b.WriteString("- " + codeSpan(ev.Rule))
	if loc := Location(ev); loc != "" {
		b.WriteString(" " + codeSpan(loc))
	}
	b.WriteString(": " + escape(oneLine(ev.Message, 500)))
	if ev.Snippet != "" {
		b.WriteString("<br>" + codeSpan(oneLine(ev.Snippet, 300)))
	}
	b.WriteString("\n")
	return b.String()
}

// Location formats where a piece of evidence is: path:line, the path, the
// commit, or field:line; empty when it has no location beyond its field.
func Location(ev heuristics.Evidence) string {
	switch {
	case ev.Path != "" && ev.Line > 0:
		return fmt.Sprintf("%s:%d", ev.Path, ev.Line)
	case ev.Path != "":
		return ev.Path
	case ev.Commit != "":
		return "commit " + ev.Commit
	case ev.Line > 0:
		return fmt.Sprintf("%s:%d", ev.Field, ev.Line)
	}
	return ""
}

// GitHub writes rep as GitHub Actions workflow commands: one notice with
// the verdict, and a warning for each piece of evidence with a path, so
// that it shows as an annotation on the file (and on the line, when the
// evidence is on the new side). Evidence without a path is in the
// Markdown report instead. An exempt report (Report.Exempt) is all
// notices, its first one giving the reason.
func GitHub(w io.Writer, rep *heuristics.Report) error {
	var b strings.Builder
	level, evLevel := "notice", "warning"
	if rep.Verdict >= heuristics.VerdictReview {
		level = "warning"
	}
	if rep.Exempt != "" {
		level, evLevel = "notice", "notice" // nothing to act on
	}
	var summaries []string
	for _, r := range rep.Results {
		if r.Score > 0 {
			summaries = append(summaries, fmt.Sprintf("%s %.2f: %s", r.Scorer, r.Score, r.Summary))
		}
	}
	msg := fmt.Sprintf("heft: %s (score %.2f)", rep.Verdict, rep.Score)
	title := "heft: " + rep.Verdict.String()
	if rep.Exempt != "" {
		msg = fmt.Sprintf("heft: exempt: %s (score %.2f, verdict %s not acted on)", rep.Exempt, rep.Score, rep.Verdict)
		title = "heft: exempt"
	}
	if len(summaries) > 0 {
		msg += "\n" + strings.Join(summaries, "\n")
	}
	fmt.Fprintf(&b, "::%s title=%s::%s\n", level, escapeProperty(title), escapeData(msg))
	for _, r := range rep.Results {
		if r.Score == 0 {
			continue
		}
		for _, ev := range r.Evidence {
			if ev.Path == "" {
				continue
			}
			props := "file=" + escapeProperty(ev.Path)
			if ev.Line > 0 && ev.Side != heuristics.SideOld {
				props += fmt.Sprintf(",line=%d", ev.Line)
			}
			props += ",title=" + escapeProperty("heft "+ev.Rule)
			text := ev.Message
			if ev.Snippet != "" {
				text += "\n" + oneLine(ev.Snippet, 300)
			}
			fmt.Fprintf(&b, "::%s %s::%s\n", evLevel, props, escapeData(text))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// escapeData escapes a workflow command's message as the Actions
// toolkit does: %, \r and \n.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value: as data,
// and also : and ,.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// mdEscaper makes text safe in Markdown prose: no HTML, no links, no
// accidental emphasis from underscores in paths. Mentions stay: advice
// addresses the author by name on purpose.
var mdEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
	"\\", "\\\\", "*", "\\*", "_", "\\_", "[", "\\[", "]", "\\]", "`", "\\`", "~", "\\~", "|", "\\|",
)

func escape(s string) string { return mdEscaper.Replace(s) }

func escapeCell(s string) string { return escape(oneLine(s, 1000)) }

// codeSpan quotes s verbatim in a code span, which GitHub renders without
// Markdown, HTML or mentions; the fence is longer than any run of
// backticks in s.
func codeSpan(s string) string {
	s = strings.ReplaceAll(s, "|", "¦") // a pipe in a span would still end a table cell
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || longest > 0 {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// oneLine folds whitespace and shortens s to n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > n {
		s = string([]rune(s)[:n-1]) + "…"
	}
	return s
}

func cutUTF8(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

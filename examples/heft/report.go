package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/heft-dev/heft/examples/internal/render"
	"github.com/heft-dev/heft/heuristics"
)

// maxEvidence is how many pieces of evidence the text report shows per
// scorer; --json has them all.
const maxEvidence = 5

// writeReport prints a report for a person at a terminal.
func writeReport(w io.Writer, rep *heuristics.Report) {
	var b strings.Builder
	if rep.Exempt != "" {
		// Exempt: the reason first, and the verdict only as something to
		// read; --fail-at does not act on it.
		fmt.Fprintf(&b, "heft: exempt: %s (score %.2f; verdict %s, not acted on)\n", rep.Exempt, rep.Score, rep.Verdict)
	} else {
		fmt.Fprintf(&b, "heft: %s (score %.2f)\n", rep.Verdict, rep.Score)
	}
	width := 0
	for _, r := range rep.Results {
		width = max(width, len(r.Scorer))
	}
	for _, r := range rep.Results {
		fmt.Fprintf(&b, "\n%-*s  %.2f  %s\n", width, r.Scorer, r.Score, r.Summary)
		indent := strings.Repeat(" ", width+8)
		if r.Advice != "" {
			fmt.Fprintf(&b, "%sadvice: %s\n", indent, r.Advice)
		}
		for i, ev := range r.Evidence {
			if i == maxEvidence {
				fmt.Fprintf(&b, "%s(%d more; --json shows all)\n", indent, len(r.Evidence)-maxEvidence)
				break
			}
			fmt.Fprintf(&b, "%s- %s", indent, ev.Rule)
			if loc := render.Location(ev); loc != "" {
				fmt.Fprintf(&b, " %s", loc)
			}
			fmt.Fprintf(&b, ": %s", ev.Message)
			if ev.Snippet != "" {
				fmt.Fprintf(&b, " %q", truncate(ev.Snippet, 100))
			}
			b.WriteByte('\n')
		}
	}
	if len(rep.NotApplicable) > 0 {
		fmt.Fprintf(&b, "\nnot applicable: %s\n", strings.Join(rep.NotApplicable, ", "))
	}
	for _, err := range rep.Errors {
		fmt.Fprintf(&b, "\nerror: %v\n", err)
	}
	if len(rep.Labels) > 0 {
		fmt.Fprintf(&b, "\nlabels: %s\n", strings.Join(rep.Labels, ", "))
	}
	io.WriteString(w, b.String())
}

func truncate(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

package eval

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// fewNonzero is the number of contributions scoring above 0 below which
// the text report marks a correlation as resting on a handful.
const fewNonzero = 30

// writeOutcomesText writes one table per effort outcome: each scorer's
// rank correlations with their intervals, and its coverage.
func (r *Result) writeOutcomesText(b *strings.Builder) {
	if r.AsOpened && len(r.Outcomes) > 0 {
		b.WriteString("\nscored as opened: timelines cut at the opening, so no scorer sees the effort it is ranked against\n")
	}
	pct := int(math.Round(r.Level * 100))
	for _, o := range r.Outcomes {
		fmt.Fprintf(b, "\noutcome %s (%s): %d of %d contributions carry it\n", o.Outcome, o.Description, o.Contributions, r.Scored)
		fmt.Fprintf(b, "%-12s %6s %8s %6s  %-24s %-24s\n", "scorer", "n", "coverage", ">0",
			fmt.Sprintf("spearman [%d%% ci]", pct), fmt.Sprintf("kendall tau-b [%d%% ci]", pct))
		few := false
		for _, c := range o.Scorers {
			if c.Undefined != "" {
				fmt.Fprintf(b, "%-12s %6d %8s %6d  undefined: %s\n", c.Scorer, c.N, percent(c.Coverage), c.Nonzero, c.Undefined)
				continue
			}
			fmt.Fprintf(b, "%-12s %6d %8s %6d  %-24s %-24s", c.Scorer, c.N, percent(c.Coverage), c.Nonzero,
				withCI(c.Spearman, c.SpearmanLow, c.SpearmanHigh), withCI(c.Kendall, c.KendallLow, c.KendallHigh))
			if c.Nonzero < fewNonzero {
				b.WriteString(" *")
				few = true
			}
			b.WriteString("\n")
		}
		if few {
			fmt.Fprintf(b, "* fewer than %d contributions score above 0: the correlation rests on them, and its interval on whether a resample draws them\n", fewNonzero)
		}
		writeByAgent(b, o.ByAgent)
	}
}

// writeAgentIDText writes the agent-identification table.
func (r *Result) writeAgentIDText(b *strings.Builder) {
	if len(r.AgentID) == 0 {
		return
	}
	b.WriteString("\nagent identification (package disclosure): share of each agent's contributions that name it\n")
	fmt.Fprintf(b, "%-14s %-12s %6s %12s %12s %12s %12s %12s %12s\n", "agent", "as tool", "n", "description", "commits", "identities", "any", "other tool", "no marker")
	for _, s := range r.AgentID {
		fmt.Fprintf(b, "%-14s %-12s %6d %12s %12s %12s %12s %12d %12s\n", trunc(s.Agent, 14), trunc(s.Tool, 12), s.Contributions,
			percent(s.DescriptionRate), percent(s.CommitsRate), percent(s.IdentitiesRate), percent(s.AnyRate), s.OtherTool,
			fmt.Sprintf("%d %s", s.NoMarker, percent(s.NoMarkerRate)))
	}
}

// writeByAgent writes an outcome's per-agent rho, one row per agent:
// "rho (above 0)" per scorer.
func writeByAgent(b *strings.Builder, rows []AgentCorrelation) {
	if len(rows) == 0 {
		return
	}
	var scorers, agents []string
	for _, r := range rows {
		if !slices.Contains(scorers, r.Scorer) {
			scorers = append(scorers, r.Scorer)
		}
		if !slices.Contains(agents, r.Agent) {
			agents = append(agents, r.Agent)
		}
	}
	b.WriteString("by agent: spearman (contributions above 0)\n")
	fmt.Fprintf(b, "%-14s", "agent")
	for _, s := range scorers {
		fmt.Fprintf(b, " %16s", trunc(s, 16))
	}
	b.WriteString("\n")
	for _, g := range agents {
		fmt.Fprintf(b, "%-14s", trunc(g, 14))
		for _, r := range rows {
			if r.Agent == g {
				fmt.Fprintf(b, " %16s", fmt.Sprintf("%s (%d)", num(r.Spearman), r.Nonzero))
			}
		}
		b.WriteString("\n")
	}
}

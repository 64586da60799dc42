package engagement

import (
	"slices"

	"github.com/heft-dev/heft/heuristics"
)

// Rule IDs of the engagement scorer.
const (
	ruleUnansweredQuestion = "engagement-unanswered-question"
	ruleUnansweredReview   = "engagement-unanswered-review"
	rulePushWithoutReply   = "engagement-push-without-reply"
	ruleSuggestClose       = "engagement-suggest-close"
)

// rules is the one table of the engagement scorer's rules; doc.go lists
// them and a test keeps the two in step.
var rules = []heuristics.Rule{
	{
		ID:             ruleUnansweredQuestion,
		Finds:          "a maintainer's question or request the author has not replied to.",
		FalsePositives: "a rhetorical question (\"why not, right?\") or a request meant for the maintainers themselves, without an @-mention, counts as asked of the author; an author who answers elsewhere (chat, a linked issue) looks silent.",
	},
	{
		ID:             ruleUnansweredReview,
		Finds:          "a change request the author has neither replied to nor pushed after.",
		FalsePositives: "an author whose pushes carry another login looks silent.",
	},
	{
		ID:             rulePushWithoutReply,
		Finds:          "a change request the author pushed after but did not reply to.",
		FalsePositives: "a push that answers the request in full, which needs no words.",
	},
	{
		ID:             ruleSuggestClose,
		Finds:          "the oldest request has waited past Config.CloseDays.",
		FalsePositives: "a maintainer who asked and then forgot still raises the author's clock; Now should be the time of scoring, not the last event's.",
	},
}

// Rules returns the rules the engagement scorer's evidence cites.
func (s *Scorer) Rules() []heuristics.Rule { return slices.Clone(rules) }

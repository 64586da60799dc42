// Package disclosure is heft's disclosure scorer: it reads what the
// description and commits say about AI assistance (see package
// github.com/heft-dev/heft/disclosure). An honest disclosure is
// information with score 0, never a penalty. Findings: a disclosure the
// repository requires is missing (Config.Require), the text denies AI use
// that a tool's marker shows, an AI tool signs off a commit (only people
// can certify the DCO), or a trailer hides behind invisible or look-alike
// characters.
//
// The score is in [0, 1]: 0 for no disclosure (unless one is required)
// and for any honest disclosure; otherwise the highest score of the
// findings, as set in Config. Metrics: stance (0 none, 1 no-ai, 2
// assisted, 3 generated), tools (how many distinct tools), commits,
// ai_commits (commits whose message shows AI involvement), prompt_blocks
// (collapsed prompt or transcript blocks).
//
// # Rules
//
// Evidence carries one of these stable rule IDs, which programs may depend on:
//
//	disclosure-missing        the repository requires a disclosure and neither the description nor a
//	                          commit has one (with BodyOnly, the description has none)
//	disclosure-contradiction  the text says no AI was used (not just for part of the work), yet the
//	                          commits, description or author carry an AI tool's marker: a co-author
//	                          trailer, footer, session link or agent account
//	disclosure-ai-signoff     Signed-off-by names an AI tool; only people can certify the DCO (Linux
//	                          kernel, Nextcloud rules)
//	disclosure-tampered       a trailer key or value hides invisible or look-alike characters, which
//	                          hides it from git
//	disclosure-found          information: what was disclosed (score 0)
//
// # Known false positives
//
// English only; a sentence without a helping verb ("Elvish written by
// Copilot") is missed; a no-AI statement scoped to part of the work ("no
// AI was used for the tests") is not a denial, so a denial phrased that
// way is missed. See package disclosure for the parser's.
package disclosure

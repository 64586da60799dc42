// Package template is heft's template scorer: how a pull request's
// description follows the repository's pull request template, the check
// anti-slop calls require-pr-template, made to explain itself.
//
// It needs Contribution.Template (the repository's
// .github/pull_request_template.md or similar) and is not applicable
// without it. Both texts are read as Markdown with goldmark (through
// heft's internal/mdsplit), so a "# comment" in a code block is not a
// heading, an HTML comment is hidden text rather than the author's words,
// and a line of the template the author left as it was is told apart
// from what they wrote. Sections are matched by their heading's text,
// whatever its level, case, emphasis or trailing colon.
//
// The defaults are lenient: a first-time contributor who filled in the
// template in their own words gets nothing, and one who wrote a good
// description without the template's headings gets a small score (at most
// 0.3 from missing sections) that stays under the default review
// threshold. What the maintainers insist on goes in Config.Strict, and
// Config.Severity raises any rule.
//
// The score is in [0, 1]: each rule that fires adds its severity (for
// missing sections, empty sections, checklists and placeholders, a little
// per finding up to a cap), combined as independent concerns,
// 1 - Π(1 - sᵢ). An untouched template is reported alone; the other
// rules have nothing to compare then.
//
// # Rules
//
// Evidence carries one of these stable rule IDs, which programs may depend on:
//
//	template-untouched         the description is empty, the template unchanged, or has fewer own words than Config.MinOwnWords (0.45; 0.3 for a few words)
//	template-missing-section   a section of the template is missing, unless Config.Optional lists it (0.15 each, at most 0.3)
//	template-empty-section     a section is kept but holds only the template's text (0.05 each, at most 0.15)
//	template-checkboxes        a section whose template has two or more checkboxes: none ticked, or all removed (0.1 each, at most 0.2)
//	template-strict            a Config.Strict section missing, or one of its checkboxes missing or unticked (0.5 each, at most 0.75)
//	template-extra-sections    more sections the template lacks than Config.MaxExtraSections (off by default; 0.2)
//	template-placeholder       the template's instructions left next to the author's own words, or placeholder text ("TODO", "Fixes #") (0.05 each, at most 0.15)
//
// # Known false positives
//
// A heading the author reworded counts as missing. A section that has
// nothing to say ("Screenshots" for a back-end change) is empty unless
// Config.Optional lists it. A one-line typo fix whose title says it all
// has few own words. "n/a" or "none" under a section that does not apply
// is an answer, not an empty section and not placeholder text. A strict section's name that the template does not
// have is ignored, not an error: the template may change after the
// configuration was written.
package template

// Package hygiene is heft's hygiene scorer: the house rules anti-slop
// checks one by one, each explained with the file, line, branch or
// commit it is about and a sentence a maintainer could paste to a
// first-time contributor.
//
// What it looks at: which files a pull request changes (paths and
// extensions, allowed or blocked, such as the drive-by edit of a LICENSE),
// which branches it goes from and to, whether maintainers may push to it,
// the form of its title and commits (Conventional Commits, length,
// blocked authors), files left without a final newline and the volume of
// added comments (both from the diff alone: diffstat keeps git's "\ No
// newline at end of file"), emoji and code references in the
// description, a linked issue, blocked issues and terms, and negative
// reactions. Inputs the contribution does not carry (no diff, no
// branches, MaintainerCanModify nil) are not judged.
//
// Every rule is configurable, and off, lenient or low-scored by default
// where anti-slop's default would hold up a newcomer's honest pull
// request. README.md is not a blocked path. A pull request from the
// author's main, one that does not allow maintainer edits and a missing
// final newline are shown with advice but score 0 (they are what
// first-timers most often get wrong, and even a small score would add up
// with the account scorer's newcomer cap of 0.4 to send an honest first
// pull request to review). A project raises any rule with
// Config.Severity: {"hygiene-head-branch": 0.5} makes it count as
// anti-slop's failure does.
//
// The score is in [0, 1]: each rule that fires adds its severity once,
// however many findings it has, combined as independent concerns,
// 1 - Π(1 - sᵢ).
//
// # Rules
//
// Evidence carries one of these stable rule IDs, which programs may depend on
// (default severity; "off" means off until configured):
//
//	hygiene-blocked-path           a file matching Config.BlockedPaths; by default LICENSE, COPYING, CODE_OF_CONDUCT and SECURITY files at the root (0.2)
//	hygiene-allowed-path           a file outside Config.AllowedPaths (off; 0.5)
//	hygiene-extension              an extension not in Config.AllowedExtensions or in Config.BlockedExtensions (off; 0.5)
//	hygiene-base-branch            a base branch not allowed or blocked (off; 0.5)
//	hygiene-head-branch            a head branch blocked (by default main and master) or not allowed (shown, 0)
//	hygiene-maintainer-edits       the pull request does not allow edits by maintainers (shown, 0)
//	hygiene-conventional-title     a title that is not a Conventional Commits subject (off; 0.3)
//	hygiene-conventional-commit    a commit subject that is not one, merges, fixups and "(#123)" squash titles aside (off; 0.3)
//	hygiene-commit-length          a commit message over Config.MaxCommitMessage characters (off; 0.2)
//	hygiene-commit-author          a commit author name or email in Config.BlockedCommitAuthors (0.5)
//	hygiene-final-newline          a changed text file without a final newline (shown, 0)
//	hygiene-comments               more than 10 added comment lines that are also more than 35% of the added code lines (0.25)
//	hygiene-emoji                  more than 5 emoji in the title and visible description (0.2)
//	hygiene-code-references        more than 15 paths and calls named in the description's prose (0.15)
//	hygiene-linked-issue           no linked or referenced issue when Config.RequireLinkedIssue (off; 0.3)
//	hygiene-blocked-issue          a reference to an issue in Config.BlockedIssues (0.5)
//	hygiene-blocked-term           a term from Config.BlockedTerms in the visible description (0.5)
//	hygiene-reactions              more negative reactions than Config.MaxNegativeReactions (off; 0.3)
//	hygiene-description            an empty description when Config.RequireDescription (off; 0.3)
//
// # Known false positives
//
// A welcome fix to a licence year trips hygiene-blocked-path; a pull
// request from an organisation's fork cannot allow maintainer edits; a
// thorough documentation pass adds many comments; a refactoring's
// description rightly names what moved; some projects live by gitmoji.
// Comment lines are recognised by their first characters per file
// extension, so a line starting with "#" in a Python string counts. That
// is why most rules are low-scored by default: hygiene is one signal
// among several.
package hygiene

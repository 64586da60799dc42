package workaround

import "github.com/heft-dev/heft/internal/wording"

// mayReplaced lets through every line ctxReplacedRE could match: each
// of its alternatives names a workaround or a hack.
func mayReplaced(line string) bool {
	return wording.ContainsFold(line, "workaround") || wording.ContainsFold(line, "hack")
}

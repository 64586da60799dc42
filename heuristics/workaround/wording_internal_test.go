package workaround

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestWordingFunctions pins the summary, advice and evidence sentences
// for shapes that once read badly: "1 of 2 dependencies have",
// "requests, urllib3" without "and", a dependency's stable form in the
// evidence ("dependency: runtime:cpython"), and advice that named only
// the first of a dependency's two workarounds, and a second pair of
// parentheses after what a finding adds.
func TestWordingFunctions(t *testing.T) {
	req := &Finding{What: "a monkeypatch of requests.Session.send", Dependency: "requests"}
	pin := &Finding{What: "a git pin of requests to a fork", Dependency: "requests"}
	py := &Finding{What: "a workaround for CPython", Dependency: "runtime:cpython"}
	mux := &Finding{What: "a replace directive for a fork", Dependency: "github.com/gorilla/mux", Upstream: "gorilla/mux#42"}
	urllib := &Finding{What: "a vendored copy", Dependency: "urllib3"}

	assert.Equal(t, "Adds a workaround for CPython; no upstream issue or pull request linked.", findingMessage(py))
	assert.Equal(t, "Adds a vendored copy, for urllib3; no upstream issue or pull request linked.", findingMessage(urllib))
	assert.Equal(t, "Adds a vendored copy, for a dependency it does not name; no upstream issue or pull request linked.", findingMessage(&Finding{What: "a vendored copy"}))
	assert.Equal(t, "Adds a patch to the upstream source (fix.patch), for the code under src; no upstream issue or pull request linked.",
		findingMessage(&Finding{What: "a patch to the upstream source (fix.patch)", Dependency: "path:src"}), "one pair of parentheses")
	assert.Equal(t, "Adds a replace directive for a fork, for github.com/gorilla/mux; upstream: gorilla/mux#42.", findingMessage(mux))

	two := []*depGroup{{name: "requests", findings: []*Finding{req}}, {name: "github.com/gorilla/mux", findings: []*Finding{mux}, linked: true}}
	assert.Equal(t, "2 workarounds for requests and github.com/gorilla/mux; 1 of the 2 dependencies has no upstream issue or pull request linked.",
		workaroundSummary(make([]Finding, 2), two, 1))
	three := append(two, &depGroup{name: "urllib3", findings: []*Finding{urllib}})
	assert.Equal(t, "3 workarounds for requests, github.com/gorilla/mux and urllib3; 2 of the 3 dependencies have no upstream issue or pull request linked.",
		workaroundSummary(make([]Finding, 3), three, 2))

	assert.Equal(t, "This adds a monkeypatch of requests.Session.send and a git pin of requests to a fork; if they work around a bug in requests, "+
		"please link the upstream issue (or open one) so the fix can reach everyone.",
		workaroundAdvice([]*depGroup{{name: "requests", findings: []*Finding{req, pin}}}))
	assert.Equal(t, "This adds a workaround for CPython; if it works around a bug in CPython, please link the upstream issue (or open one) so the fix can reach everyone.",
		workaroundAdvice([]*depGroup{{name: "runtime:cpython", findings: []*Finding{py}}}))
}

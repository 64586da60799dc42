// Package tools holds no code: its go.mod pins, as tool directives, the
// release tools CI runs (GoReleaser and cyclonedx-gomod), so that
// `go tool goreleaser` uses the version tested here.
package tools

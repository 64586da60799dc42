module github.com/heft-dev/heft/examples

go 1.26.0

require (
	github.com/heft-dev/heft v0.0.0
	github.com/rogpeppe/go-internal v1.16.0
)

require (
	github.com/go-enry/go-enry/v2 v2.9.6 // indirect
	github.com/go-enry/go-oniguruma v1.2.1 // indirect
	github.com/sourcegraph/go-diff v0.9.0 // indirect
	golang.org/x/mod v0.41.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	golang.org/x/tools v0.49.0 // indirect
)

replace github.com/heft-dev/heft => ../

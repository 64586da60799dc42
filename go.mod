module github.com/heft-dev/heft

go 1.26.0

require (
	github.com/go-enry/go-enry/v2 v2.9.6
	github.com/sourcegraph/go-diff v0.9.0
	github.com/stretchr/testify v1.12.1
	golang.org/x/mod v0.41.0
)

require (
	github.com/go-enry/go-oniguruma v1.2.1 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)

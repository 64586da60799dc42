//go:build !parquet

package eval

import "fmt"

func openPerfPatch(dir string, _ *AIDevOptions) (Source, error) {
	return nil, fmt.Errorf("%s: %w", dir, ErrNoParquet)
}

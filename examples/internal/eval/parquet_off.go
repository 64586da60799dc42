//go:build !parquet

package eval

import "fmt"

func openAIDevParquet(dir string, _ *AIDevOptions) (Source, error) {
	return nil, fmt.Errorf("%s: %w", dir, ErrNoParquet)
}

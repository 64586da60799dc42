package template_test

import (
	"context"
	"strings"
	"testing"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/template"
)

func BenchmarkScore(b *testing.B) {
	for _, bc := range []struct {
		name string
		body string
	}{
		{"filled", filled},
		{"long", filled + strings.Repeat("\nThe retry loop now stops when the context is cancelled, and a test says so.\n", 400)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			s, err := template.New(template.Config{Strict: []string{"Checklist"}})
			if err != nil {
				b.Fatal(err)
			}
			c := &heuristics.Contribution{Template: prTemplate, Body: bc.body}
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.body) + len(prTemplate)))
			for b.Loop() {
				if _, err := s.Score(context.Background(), c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

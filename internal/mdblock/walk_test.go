package mdblock

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// describe returns one line for a node a walk visits: its kind, where it
// opened, its lines and whatever else of it heft's readers could look at.
func describe(n ast.Node, entering bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v %s pos=%d", entering, n.Kind(), n.Pos())
	if !entering {
		return b.String()
	}
	if n.Type() == ast.TypeBlock {
		fmt.Fprintf(&b, " blank=%v lines=%v", n.HasBlankPreviousLines(), segs(n.Lines()))
	}
	switch n := n.(type) {
	case *ast.Text:
		fmt.Fprintf(&b, " seg=%v soft=%v hard=%v raw=%v", n.Segment, n.SoftLineBreak(), n.HardLineBreak(), n.IsRaw())
	case *ast.String:
		fmt.Fprintf(&b, " value=%q", n.Value)
	case *ast.RawHTML:
		fmt.Fprintf(&b, " segs=%v", segs(n.Segments))
	case *ast.HTMLBlock:
		fmt.Fprintf(&b, " type=%d closure=%v", n.HTMLBlockType, n.ClosureLine)
	case *ast.FencedCodeBlock:
		if n.Info != nil {
			fmt.Fprintf(&b, " info=%v", n.Info.Segment)
		}
	case *ast.List:
		fmt.Fprintf(&b, " marker=%c tight=%v start=%d", n.Marker, n.IsTight, n.Start)
	case *ast.ListItem:
		fmt.Fprintf(&b, " offset=%d", n.Offset)
	case *ast.Heading:
		fmt.Fprintf(&b, " level=%d", n.Level)
	case *ast.AutoLink:
		fmt.Fprintf(&b, " type=%d", n.AutoLinkType)
	case *extast.Table:
		fmt.Fprintf(&b, " align=%v", n.Alignments)
	case *extast.TableCell:
		fmt.Fprintf(&b, " align=%v", n.Alignment)
	}
	return b.String()
}

func segs(s *text.Segments) []text.Segment {
	if s == nil {
		return nil
	}
	return s.Sliced(0, s.Len())
}

// wholeTrace walks a whole-document parse of src.
func wholeTrace(src []byte, table bool) []string {
	p := Parser()
	if table {
		p = TableParser()
	}
	doc := p.Parse(text.NewReader(src[:len(src):len(src)]))
	var out []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Kind() != ast.KindDocument {
			out = append(out, describe(n, entering))
		}
		return ast.WalkContinue, nil
	})
	return out
}

// chunkTrace walks src with chunks of max bytes.
func chunkTrace(t testing.TB, src []byte, table bool, max int) ([]string, bool) {
	var out []string
	exact, err := walk(src, table, max, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		out = append(out, describe(n, entering))
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatalf("walk: %v", err)
	}
	return out, exact
}

// diffTrace returns the first line where got and want differ, or "".
func diffTrace(got, want []string) string {
	for i := range max(len(got), len(want)) {
		g, w := "(end)", "(end)"
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return fmt.Sprintf("node %d: chunked %s, whole %s", i, g, w)
		}
	}
	return ""
}

// walkInputs are documents whose blocks a chunk boundary falls between
// or inside, at the chunk sizes TestWalkSameAsParse tries.
var walkInputs = []string{
	"# h\n\npara one\nline two\n\n> quote\n> more\n\n- a\n- b\n\n  in b\n\n- c\n\n1. x\n2. y\n\n```go\ncode\n\nmore code\n```\n\nend\n",
	"a `code\n\nspan` b\n\n<!-- comment\n\nstill comment -->\n\n<details>\n<summary>s</summary>\n\nbody\n\n</details>\n",
	"|a|b|\n|-|-|\n|1|2|\n\n|c|\n|:-:|\n|3|\n\ntext\n===\n\nmore\n---\n\n    indented\n\n    code\n\nafter\n",
	"- a\n\n  ```\n\nb\n\n```\ncode\n\nc\n```\n\n<pre>\n\nx\n\n</pre>\n\n[ref]: /url\n'title'\n\n* * *\n\n***\n",
	"<div>\nhtml\n</div>\n\n<a href=\"x\">\n\n<?php\n\n?>\n\n<!DOCTYPE html>\n\n<![CDATA[\n\n]]>\n\ntext <span\nclass=\"x\">y</span> and <https://example.com/a>\n",
	"\n\n\n   lead\n\n\t tab\n\n> > nested\n>\n> > deeper\n\n1) one\n\n3) three\n\n+ plus\n\n- minus\n",
	"crlf\r\nline\r\n\r\n> q\r\n\r\n```\r\nc\r\n```\r\n",
}

// TestWalkSameAsParse: Walk's nodes are a whole-document parse's, node
// for node, wherever no block is longer than a chunk.
func TestWalkSameAsParse(t *testing.T) {
	for i, in := range walkInputs {
		for _, table := range []bool{false, true} {
			want := wholeTrace([]byte(in), table)
			for _, size := range []int{8, 13, 21, 34, 55, 89, 4096} {
				got, exact := chunkTrace(t, []byte(in), table, size)
				if !exact {
					continue
				}
				if d := diffTrace(got, want); d != "" {
					t.Errorf("input %d, table %v, chunks of %d: %s", i, table, size, d)
				}
			}
			if got, exact := chunkTrace(t, []byte(in), table, 4096); !exact || diffTrace(got, want) != "" {
				t.Errorf("input %d, table %v: one chunk is not the whole parse", i, table)
			}
		}
	}
}

// TestWalkCutsLongBlocks: a block longer than a chunk is cut, before a
// line that starts with a letter where there is one, and every byte is
// still read.
func TestWalkCutsLongBlocks(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		texts    int // Text nodes, or -1 for any
	}{
		{"paragraph", strings.Repeat("word\n", 40), 32, 40},
		{"one-line", strings.Repeat("`a``", 100), 64, -1},
		{"no-spaces", strings.Repeat("é", 100), 16, -1},
	}
	for _, tt := range tests {
		var got strings.Builder
		texts := 0
		exact, err := walk([]byte(tt.in), false, tt.max, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if t, ok := n.(*ast.Text); ok && entering {
				texts++
				_ = t
			}
			return ast.WalkContinue, nil
		})
		if err != nil || exact {
			t.Errorf("%s: exact %v, err %v; want a cut", tt.name, exact, err)
		}
		if tt.texts >= 0 && texts != tt.texts {
			t.Errorf("%s: %d text nodes, want %d", tt.name, texts, tt.texts)
		}
		_ = got
	}
}

// TestWalkStops: ast.WalkStop and an error end the walk.
func TestWalkStops(t *testing.T) {
	src := []byte(strings.Repeat("para\n\n", 2000))
	n := 0
	err := Walk(src, false, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		n++
		if n == 3 {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if err != nil || n != 3 {
		t.Errorf("WalkStop: %d nodes, err %v; want 3, nil", n, err)
	}
	boom := fmt.Errorf("boom")
	n = 0
	err = Walk(src, false, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		n++
		return ast.WalkContinue, boom
	})
	if err != boom || n != 1 {
		t.Errorf("error: %d nodes, err %v; want 1, boom", n, err)
	}
}

// FuzzWalk: Walk never panics, its segments stay inside the input, and
// wherever it did not cut a block its nodes are a whole-document parse's.
// The first byte picks the chunk size (8 to 263 bytes) and tables.
func FuzzWalk(f *testing.F) {
	for _, in := range walkInputs {
		f.Add("\x10" + in)
		f.Add("\x91" + in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) < 1 || len(in) > 1<<14 {
			return
		}
		size, table, src := 8+int(in[0]&0x7f)*2, in[0]&0x80 != 0, []byte(in[1:])
		got, exact := chunkTrace(t, src, table, size)
		if !exact {
			return
		}
		if d := diffTrace(got, wholeTrace(src, table)); d != "" {
			t.Fatalf("chunks of %d, table %v: %s", size, table, d)
		}
	})
}

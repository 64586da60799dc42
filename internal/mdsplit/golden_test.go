package mdsplit

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/split.golden from the current Split")

// goldenUnits are the pieces goldenInputs builds descriptions from:
// every block the splitter tells apart, the worst cases' units, line
// breaks of each kind, and bytes that are not ASCII or not UTF-8.
var goldenUnits = []string{
	">", "> ", "- ", ">\n", "`a``", "`", "*a_", "**_", "[", "![a](", "<!-- a ", "<!--", "-->",
	"<details>\n", "<details open>", "</details>\n", "<details><summary>a</summary>", "<a ",
	"|a|b|\n", "|-|-|\n", "|", "```\n", "~~~\n", "1. a\n   ", "&#", "&amp;", "<http://a", "#", "# h\n",
	"a\n=\n", "\r\n", "\n", "\n\n", "text ", "word\n", "<pre>\n", "</pre>\n", "<PRE>", "<script>",
	"</script>", "    code\n", "    <", "- [x] item\n", "- [ ] item\n", "## Why\n", "<!-- hidden -->\n",
	"x <!-- c --> y\n", "İ", "ſ", "\xff", "é", " ", "\t",
}

// goldenTemplates are the templates goldenInputs splits against, in turn.
var goldenTemplates = []string{"", "## Why\n\n- [ ] item\n\n<!-- hidden -->\nword\n", "text \n|a|b|\n"}

// goldenInputs returns named descriptions, with the template to split
// each against: runs of goldenUnits, from a fixed pseudo-random sequence,
// up to 10 KB so that most are cut into chunks, and each unit repeated
// across the first chunk boundaries.
func goldenInputs() (names, bodies, tmpls []string) {
	x := uint64(0x9e3779b97f4a7c15)
	next := func(n int) int { // xorshift64: the same sequence on every Go version
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return int(x % uint64(n))
	}
	for i := range 80 {
		var b strings.Builder
		size := 100 + next(10000)
		for b.Len() < size {
			u, k := goldenUnits[next(len(goldenUnits))], 1+next(8)
			if next(10) == 0 {
				k = 50 + next(800)
			}
			b.WriteString(strings.Repeat(u, k))
		}
		names = append(names, fmt.Sprintf("random-%d", i))
		bodies = append(bodies, b.String())
		tmpls = append(tmpls, goldenTemplates[i%len(goldenTemplates)])
	}
	for i, u := range goldenUnits {
		for _, n := range []int{9000} {
			names = append(names, fmt.Sprintf("unit-%d-%d", i, n))
			bodies = append(bodies, strings.Repeat(u, n/len(u)+1)+" x")
			tmpls = append(tmpls, "")
		}
	}
	return names, bodies, tmpls
}

// TestSplitGolden checks Split against the digests of its parts in
// testdata/split.golden, recorded when Split was restructured to keep
// less in memory (and checked then, part by part, against the version
// before on these inputs and on a fuzzed comparison): a change in any
// part of any of them is a change in behaviour. Run with -update to
// record a deliberate one.
func TestSplitGolden(t *testing.T) {
	names, bodies, tmpls := goldenInputs()
	got := make(map[string]string, len(names))
	var lines []string
	for i, name := range names {
		ps, err := Split(bodies[i], &Options{Template: tmpls[i]})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		js, err := json.Marshal(ps)
		if err != nil {
			t.Fatal(err)
		}
		got[name] = fmt.Sprintf("%x", sha256.Sum256(js))
		lines = append(lines, name+" "+got[name])
	}
	const path = "testdata/split.golden"
	if *update {
		if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, sum, _ := strings.Cut(sc.Text(), " ")
		want[name] = sum
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(got) {
		t.Errorf("%s has %d digests, the test makes %d inputs", path, len(want), len(got))
	}
	for _, name := range names {
		if got[name] != want[name] {
			t.Errorf("%s: parts changed (digest %s, recorded %s)", name, got[name], want[name])
		}
	}
}

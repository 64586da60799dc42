package workaround_test

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/heft-dev/heft/heuristics/workaround"
	"github.com/heft-dev/heft/internal/scorertest"
)

// shapesDir holds the cases of TestSixthRoundShapes.
const shapesDir = "testdata/shapes6"

// TestSixthRoundShapes covers the classes the fifth round's fresh split
// (test5) showed: the project's owner as its own name, removals and
// upgrades the message rule misread, the project blaming itself or its
// own change, a swap to the official successor, a Ruby patch rewritten
// in place; and, as workarounds, catches of a third party's exception,
// platform branches whose comment blames without naming anyone, links
// in added comments, pins whose reason is a link, pins in documentation
// builds, and code copied from a runtime. Every input is made up in the
// shape of the real ones.
//
// Each case is a file of testdata/shapes6: its comment is the reason;
// "repository" the project (Config.Repository); "title" and "body" the
// description; "before/PATH" and "after/PATH" one file before and after
// the change (diffed with git); "want" the findings, one a line: rule,
// dependency, line, and "linked" when the finding links its upstream
// report. A case with no findings is a contrast.
func TestSixthRoundShapes(t *testing.T) {
	runShapeCases(t, shapesDir)
}

// TestSeventhRoundShapes covers the classes of the message rule's false
// flags on the sixth round's fresh split (test6), as classes: a bump to
// the release that upstream says fixed the bug (whether the message
// names a version, a patch release or "the release of"), and a pin whose
// reason is a policy (a licence, a linter's new rules); and, as the
// workaround it must not hide, a downgrade until a fixed release ships.
// The cases are in testdata/shapes7, in the shape TestSixthRoundShapes
// reads.
func TestSeventhRoundShapes(t *testing.T) {
	runShapeCases(t, "testdata/shapes7")
}

// runShapeCases runs every case of dir, one scorer per repository.
func runShapeCases(t *testing.T, dir string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in %s: %v", dir, err)
	}
	scorers := map[string]*workaround.Scorer{}
	for _, file := range files {
		repo, tc := readShapeCase(t, file)
		if scorers[repo] == nil {
			scorers[repo] = newWorkaround(t, workaround.Config{Repository: repo})
		}
		runFindingCases(t, scorers[repo], []findingCase{tc})
	}
}

// readShapeCase reads one case of testdata/shapes6 (see
// TestSixthRoundShapes) and returns its repository and the case.
func readShapeCase(t *testing.T, file string) (string, findingCase) {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	tc := findingCase{name: strings.TrimSuffix(filepath.Base(file), ".txtar"), reason: strings.TrimSpace(string(a.Comment)),
		base: map[string]*string{}, change: map[string]*string{}}
	repo := ""
	for _, f := range a.Files {
		data := string(f.Data)
		switch {
		case f.Name == "repository":
			repo = strings.TrimSpace(data)
		case f.Name == "title":
			tc.title = strings.TrimSuffix(data, "\n")
		case f.Name == "body":
			tc.body = strings.TrimSuffix(data, "\n")
		case strings.HasPrefix(f.Name, "before/"):
			tc.base[strings.TrimPrefix(f.Name, "before/")] = scorertest.Text(data)
		case strings.HasPrefix(f.Name, "after/"):
			tc.change[strings.TrimPrefix(f.Name, "after/")] = scorertest.Text(data)
		case f.Name == "want":
			for line := range strings.Lines(data) {
				tc.want = append(tc.want, parseWant(t, file, line))
			}
		default:
			t.Fatalf("%s: unknown section %q", file, f.Name)
		}
	}
	if repo == "" || tc.title == "" || len(tc.change) == 0 {
		t.Fatalf("%s: a case needs a repository, a title and an after/ file", file)
	}
	return repo, tc
}

// parseWant reads a want line: rule, dependency, line, optional "linked".
func parseWant(t *testing.T, file, line string) wf {
	t.Helper()
	fields := strings.Fields(line)
	if len(fields) < 3 || len(fields) > 4 || len(fields) == 4 && fields[3] != "linked" {
		t.Fatalf("%s: want line %q: need RULE DEPENDENCY LINE [linked]", file, line)
	}
	n, err := strconv.Atoi(fields[2])
	if err != nil {
		t.Fatalf("%s: want line %q: %v", file, line, err)
	}
	return wf{rule: fields[0], dep: fields[1], line: n, linked: len(fields) == 4}
}

// TestEighthRoundShapes covers the classes of the false flags on the
// seventh round's fresh split (test7), where a message says workaround
// about the project's own code: a title whose workaround clause names a
// file or directory of the diff, a sentence denying a workaround or
// telling what the project already does as one, a name that is only a
// version, another repository's issue the change fixes, a pin matching
// another platform's version, and pip-compile's provenance comments;
// and, as workarounds they must not hide, a title blaming the platform
// itself and the project saying it "now" works around a compiler. The
// cases are in testdata/shapes8, in the shape TestSixthRoundShapes
// reads.
func TestEighthRoundShapes(t *testing.T) {
	runShapeCases(t, "testdata/shapes8")
}

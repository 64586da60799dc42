package scoring

import (
	"errors"
	"math"
	"testing"

	"github.com/heft-dev/heft/heuristics"
)

var testRules = []heuristics.Rule{{ID: "x-one", Finds: "one"}, {ID: "x-two", Finds: "two"}}

func TestCheckRuleSettings(t *testing.T) {
	tests := []struct {
		name       string
		severity   map[string]float64
		disable    []string
		field, msg string
	}{
		{"nothing set is fine", nil, nil, "", ""},
		{"declared rules in range are fine", map[string]float64{"x-one": 0, "x-two": 1}, []string{"x-two"}, "", ""},
		{"an unknown severity key is named", map[string]float64{"x-three": 0.5}, nil, "severity", `unknown rule "x-three"`},
		{"the first bad key in sorted order wins", map[string]float64{"x-two": 2, "x-one": -1}, nil, "severity", "x-one: -1 is not in [0, 1]"},
		{"severity is checked before disable", map[string]float64{"x-one": 2}, []string{"nope"}, "severity", "x-one: 2 is not in [0, 1]"},
		{"a bad disable entry is named by index", nil, []string{"x-one", "nope"}, "disable[1]", `unknown rule "nope"`},
	}
	for _, tt := range tests {
		field, msg := CheckRuleSettings(testRules, tt.severity, tt.disable)
		if field != tt.field || msg != tt.msg {
			t.Errorf("%s: got (%q, %q), want (%q, %q)", tt.name, field, msg, tt.field, tt.msg)
		}
	}
}

// TestCheckRuleValues checks a setting keyed by rule ID under a key of
// its own, as the workaround scorer's weights are.
func TestCheckRuleValues(t *testing.T) {
	declared := func(id string) bool { return id == "x-one" || id == "x-two" }
	tests := []struct {
		name       string
		values     map[string]float64
		field, msg string
	}{
		{"nothing set is fine", nil, "", ""},
		{"0 and 1 are in range", map[string]float64{"x-one": 0, "x-two": 1}, "", ""},
		{"an unknown key is named", map[string]float64{"x-one": 0.5, "x-nine": 0.5}, "weights", `unknown rule "x-nine"`},
		{"NaN is out of range", map[string]float64{"x-two": math.NaN()}, "weights", "x-two: NaN is not in [0, 1]"},
	}
	for _, tt := range tests {
		field, msg := CheckRuleValues("weights", declared, tt.values)
		if field != tt.field || msg != tt.msg {
			t.Errorf("%s: got (%q, %q), want (%q, %q)", tt.name, field, msg, tt.field, tt.msg)
		}
	}
}

type cfg struct{ n int }

func (c cfg) Validate() error {
	if c.n < 0 {
		return Invalid("test", "n %d is negative", c.n)
	}
	return nil
}

func TestNew(t *testing.T) {
	defaults := func(c cfg) cfg {
		if c.n == 0 {
			c.n = 7
		}
		return c
	}
	build := func(c cfg) *int { return &c.n }
	got, err := New(cfg{}, defaults, build)
	if err != nil || *got != 7 {
		t.Errorf("New(zero) = %v, %v; want the default 7", got, err)
	}
	got, err = New(cfg{n: -1}, defaults, build)
	if got != nil || !errors.Is(err, heuristics.ErrInvalidConfig) || err.Error() != "test: invalid configuration: n -1 is negative" {
		t.Errorf("New(-1) = %v, %v; want nil and the invalid configuration", got, err)
	}
}

func TestRamp(t *testing.T) {
	tests := []struct {
		name      string
		got, want float64
	}{
		{"at lo", Ramp(10, 10, 100), 0},
		{"below lo", Ramp(5, 10, 100), 0},
		{"at hi", Ramp(100, 10, 100), 1},
		{"above hi", Ramp(1000, 10, 100), 1},
		{"halfway on the log scale", Ramp(100, 10, 1000), 0.5},
		{"floats as ints", Ramp(100.0, 10.0, 1000.0), 0.5},
		{"lo 0 starts the scale at 1", Ramp(10, 0, 100), 0.5},
		{"a float below 1 with lo 0 is 0, not negative", Ramp(0.5, 0, 100.0), 0},
	}
	for _, tt := range tests {
		if d := tt.got - tt.want; d > 1e-12 || d < -1e-12 {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestTable(t *testing.T) {
	rules := Table[heuristics.Rule]([]byte(`[{"id": "x-one", "finds": "one"}, {"id": "x-two", "finds": "two", "false_positives": "some"}]`))
	got := rules()
	want := []heuristics.Rule{{ID: "x-one", Finds: "one"}, {ID: "x-two", Finds: "two", FalsePositives: "some"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	if &rules()[0] != &got[0] {
		t.Error("a second call decoded the table again")
	}
}

func TestTableRejectsUnknownFields(t *testing.T) {
	defer func() {
		if r := recover(); r == nil {
			t.Error("a misspelt field did not panic")
		}
	}()
	Table[heuristics.Rule]([]byte(`[{"id": "x-one", "find": "one"}]`))()
}

func TestTableRejectsTrailingData(t *testing.T) {
	defer func() {
		if r := recover(); r == nil {
			t.Error("a second array after the table (a bad merge of rules.json) did not panic")
		}
	}()
	Table[heuristics.Rule]([]byte(`[{"id": "x-one", "finds": "one"}]` + "\n" + `[{"id": "x-two", "finds": "two"}]`))()
}

func TestCheckFractions(t *testing.T) {
	tests := []struct {
		name, data string
		ok         bool
	}{
		{"all set", `[{"id": "x-a", "severity": 0.5, "cap": 1}]`, true},
		{"zero is a value", `[{"id": "x-a", "severity": 0}]`, true},
		{"missing", `[{"id": "x-a", "severity": 0.5}, {"id": "x-b"}]`, false},
		{"above one", `[{"id": "x-a", "severity": 0.5, "cap": 1.5}]`, false},
		{"negative", `[{"id": "x-a", "severity": -0.1}]`, false},
		{"not JSON", `[{`, false},
	}
	for _, tt := range tests {
		if err := CheckFractions([]byte(tt.data), "severity"); (err == nil) != tt.ok {
			t.Errorf("%s: CheckFractions = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}

func TestCheckLimits(t *testing.T) {
	tests := []struct {
		name       string
		limits     []Limit
		field, msg string
	}{
		{"no limits", nil, "", ""},
		{"values in range pass", []Limit{NonNegative("a", 0), InRange("b", 1.0, 0, 1), Above("c", 3, "d", 2)}, "", ""},
		{"a negative value is named", []Limit{NonNegative("a", -2)}, "a", "-2 is negative"},
		{"a fraction out of [0, 1]", []Limit{InRange("b", 1.5, 0, 1)}, "b", "1.5 is not in [0, 1]"},
		{"NaN is never in range", []Limit{InRange("b", math.NaN(), 0, 1)}, "b", "NaN is not in [0, 1]"},
		{"an int range", []Limit{InRange("p", 11, 0, 10)}, "p", "11 is not in [0, 10]"},
		{"equal is not above", []Limit{Above("close", 7, "pending", 7)}, "close", "7 must be above pending 7"},
		{"NaN is not above anything", []Limit{Above("hi", math.NaN(), "lo", 1.0)}, "hi", "NaN must be above lo 1"},
		{"a negative lower threshold is its own fault", []Limit{Above("hi", 10, "lo", -1)}, "lo", "-1 is negative"},
		{"a positive scale passes", []Limit{Positive("half", 0.6)}, "", ""},
		{"zero is not positive", []Limit{Positive("half", 0)}, "half", "0 must be positive"},
		{"NaN is not positive", []Limit{Positive("half", math.NaN())}, "half", "NaN must be positive"},
		{"an infinite scale is refused", []Limit{Positive("half", math.Inf(1))}, "half", "+Inf must be positive"},
		{"the first broken limit wins", []Limit{NonNegative("a", 1), NonNegative("b", -1), NonNegative("c", -2)}, "b", "-1 is negative"},
	}
	for _, tt := range tests {
		field, msg := CheckLimits(tt.limits...)
		if field != tt.field || msg != tt.msg {
			t.Errorf("%s: got (%q, %q), want (%q, %q)", tt.name, field, msg, tt.field, tt.msg)
		}
	}
}

// TestRevert pins the shapes of a revert that the size and verbosity
// scorers share.
func TestRevert(t *testing.T) {
	revert := "Revert \"store: keep rows in a B-tree\"\n\nThis reverts commit 3f2a9c1d7e4b.\n"
	tests := []struct {
		name string
		c    heuristics.Contribution
		want bool
	}{
		{"git revert's subject", heuristics.Contribution{Title: `Revert "store: keep rows in a B-tree"`}, true},
		{"squash-merged", heuristics.Contribution{Title: `Revert "store: keep rows in a B-tree" (#31)`}, true},
		{"reapply", heuristics.Contribution{Title: `Reapply "store: index by key"`}, true},
		{"the line git adds", heuristics.Contribution{Title: "Undo the store", Body: "Broke CI.\n\nThis reverts commit 3f2a9c1d7e4b."}, true},
		{"GitHub's button", heuristics.Contribution{Title: "Back out #12", Body: "Reverts acme/store#12"}, true},
		{"every commit a revert", heuristics.Contribution{Title: "store: back to the map", Commits: []heuristics.Commit{{Message: revert}, {Message: revert}}}, true},
		{"a revert among new work", heuristics.Contribution{Title: `Revert "store: keep rows in a B-tree"`,
			Commits: []heuristics.Commit{{Message: revert}, {Message: "store: add a cache\n"}}}, false},
		{"revert in words", heuristics.Contribution{Title: "Revert the store to a map"}, false},
		{"in prose", heuristics.Contribution{Title: "Store", Body: "This partly reverts commit 3f2a9c1d7e4b."}, false},
		{"nothing", heuristics.Contribution{}, false},
	}
	for _, tt := range tests {
		if got := Revert(&tt.c); got != tt.want {
			t.Errorf("%s: Revert = %v, want %v", tt.name, got, tt.want)
		}
	}
}

package heuristics_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
)

func TestExemptions(t *testing.T) {
	draft := true
	notDraft := false
	exempt := heuristics.Exemptions{
		Bots:         true,
		Users:        []string{"Release-Helper"},
		Associations: []heuristics.Association{heuristics.AssociationOwner, heuristics.AssociationMember},
		Labels:       []string{"skip-heft"},
		Milestones:   []string{"v2.0"},
		Drafts:       true,
	}
	cases := []struct {
		name string
		c    heuristics.Contribution
		want string // a word the reason must hold; "" means not exempt
	}{
		{"first-timer is judged", heuristics.Contribution{Author: heuristics.Author{Login: "newcomer", Association: heuristics.AssociationFirstTimer}}, ""},
		{"unknown author is judged", heuristics.Contribution{}, ""},
		{"bot", heuristics.Contribution{Author: heuristics.Author{Login: "deps[bot]", Bot: true}}, "bot"},
		{"user, any case", heuristics.Contribution{Author: heuristics.Author{Login: "release-helper"}}, "exempt list"},
		{"member, in words", heuristics.Contribution{Author: heuristics.Author{Login: "m", Association: heuristics.AssociationMember}}, "the author is a member of the organisation that owns the repository"},
		{"bot, by login", heuristics.Contribution{Author: heuristics.Author{Login: "deps[bot]", Bot: true}}, "the author @deps[bot] is a bot"},
		{"bot without a login: no double space", heuristics.Contribution{Author: heuristics.Author{Bot: true}}, "the author is a bot"},
		{"collaborator is not listed", heuristics.Contribution{Author: heuristics.Author{Login: "c", Association: heuristics.AssociationCollaborator}}, ""},
		{"draft", heuristics.Contribution{Draft: &draft}, "draft"},
		{"not a draft", heuristics.Contribution{Draft: &notDraft}, ""},
		{"milestone", heuristics.Contribution{Milestone: "v2.0"}, "v2.0"},
		{"other milestone", heuristics.Contribution{Milestone: "v3.0"}, ""},
		{"label, any case", heuristics.Contribution{Labels: []string{"bug", "Skip-Heft"}}, "Skip-Heft"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := exempt.Reason(&tc.c)
			if tc.want == "" {
				assert.Empty(t, got)
				return
			}
			assert.Contains(t, got, tc.want)
		})
	}
	t.Run("any milestone", func(t *testing.T) {
		e := heuristics.Exemptions{Milestones: []string{"*"}}
		assert.NotEmpty(t, e.Reason(&heuristics.Contribution{Milestone: "anything"}))
		assert.Empty(t, e.Reason(&heuristics.Contribution{}))
	})
}

func TestExemptReportStillScores(t *testing.T) {
	set, err := heuristics.NewSet(heuristics.Policy{Exempt: heuristics.Exemptions{Bots: true}}, fixed("a", 0.9))
	require.NoError(t, err)
	rep, err := set.Score(context.Background(), &heuristics.Contribution{Author: heuristics.Author{Login: "x[bot]", Bot: true}})
	require.NoError(t, err)
	assert.Contains(t, rep.Exempt, "bot")
	assert.Equal(t, heuristics.VerdictFlag, rep.Verdict, "the numbers are still there to read")

	rep, err = set.Score(context.Background(), &heuristics.Contribution{Author: heuristics.Author{Login: "person"}})
	require.NoError(t, err)
	assert.Empty(t, rep.Exempt)
}

func TestExemptionsValidate(t *testing.T) {
	for name, e := range map[string]heuristics.Exemptions{
		"unknown association": {Associations: []heuristics.Association{"maintainer"}},
		"empty label":         {Labels: []string{" "}},
		"empty user":          {Users: []string{""}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := heuristics.NewSet(heuristics.Policy{Exempt: e}, fixed("a", 0))
			require.ErrorIs(t, err, heuristics.ErrInvalidPolicy)
		})
	}
}

// TestKnownAssociations checks that Known accepts exactly the values
// KnownAssociations lists, GitHub's eight, and that the list is a copy.
func TestKnownAssociations(t *testing.T) {
	known := heuristics.KnownAssociations()
	assert.Len(t, known, 8)
	for _, a := range known {
		assert.True(t, a.Known(), a)
	}
	for _, a := range []heuristics.Association{"", "owner", "MAINTAINER", "FIRST_TIME"} {
		assert.False(t, a.Known(), "%q", a)
	}
	known[0] = "CHANGED"
	assert.Equal(t, heuristics.AssociationOwner, heuristics.KnownAssociations()[0], "the list is the caller's copy")
}

// TestExemptAssociationInWords: every association GitHub reports is
// said in words, never as its API constant ("association is MEMBER").
func TestExemptAssociationInWords(t *testing.T) {
	all := heuristics.KnownAssociations()
	e := heuristics.Exemptions{Associations: all}
	for _, a := range all {
		got := e.Reason(&heuristics.Contribution{Author: heuristics.Author{Login: "x", Association: a}})
		assert.True(t, strings.HasPrefix(got, "the author "), "%s: %q", a, got)
		assert.NotContains(t, got, string(a))
	}
}

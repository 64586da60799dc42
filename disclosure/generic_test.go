package disclosure

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/heft-dev/heft/internal/lazyre"
)

// genericRE is the expression genericMentions is written from, its
// reference in the tests.
var genericRE = lazyre.New(`(?:^|[^\w-])((?i:generative\s+AI|artificial\s+intelligence|large\s+language\s+models?|AI\s+(?:coding\s+)?(?:tools?|assistants?|assistance|agents?|models?|chatbots?)|(?:an|the|some|my|our)\s+(?:(?:AI|LLM|coding|autonomous)\s+){1,2}(?:agent|assistant|chatbot|model)s?|(?:an|some)\s+(?:agent|assistant|chatbot)s?)|AI|A\.I\.|LLMs?)(?:$|[^\w-]|-(?:$|[^\w]))`)

// genericSeeds are texts at the edges of genericRE: every alternative,
// each plural, the context before and after, ſ and invalid UTF-8.
var genericSeeds = []string{
	"", "AI", "ai", "A.I.", "A.I.x", "LLM", "LLMs", "llms", "LLMsx", "AI AI", "AI-AI", "AI--", "AI-", "-AI", "_AI", "xAI", "AI_", "AIs",
	"generative AI", "Generative\tai", "artificial  intelligence", "large language models", "large language model-based", "large\nlanguage\nmodelsx",
	"AI tools", "ai coding assistants", "AI coding x", "AI assistance", "AI agents-", "AI models!", "AI chatbots", "AI toolsx", "AI assistantc",
	"an AI agent", "the LLM coding assistants", "some AI", "ſome chatbots", "our autonomous AI models", "my coding model", "the ai ai ai agent",
	"an agent", "some assistants", "an chatbotx", "An Assistant.", "THE AI MODEL", "the AI modelſ", "AI\xff", "\xffAI\xff", "é AI é", "AI-é",
	"(AI)", "[LLM]", "\"an AI assistant\"", "the AI tool", "a AI", "AI\u212a",
}

// randomGenericText builds a text from words of genericRE, blanks and
// single bytes.
func randomGenericText(r *rand.Rand) string {
	words := []string{"AI", "ai", "A.I.", "LLM", "LLMs", "generative", "artificial", "intelligence", "large", "language", "model", "models",
		"tools", "tool", "assistant", "assistance", "agent", "chatbot", "coding", "autonomous", "an", "the", "some", "ſome", "my", "our", "s", "x",
		" ", " ", " ", "\t", "\n", "-", "_", ".", "é", "\xff", "\xc5", "(", "A", "I"}
	var b strings.Builder
	for range r.IntN(12) {
		b.WriteString(words[r.IntN(len(words))])
	}
	return b.String()
}

func genericSpans(str string) [][2]int {
	var out [][2]int
	genericMentions(str, func(lo, hi int) { out = append(out, [2]int{lo, hi}) })
	return out
}

func genericRESpans(str string) [][2]int {
	var out [][2]int
	for _, m := range genericRE.FindAllStringSubmatchIndex(str, -1) {
		out = append(out, [2]int{m[2], m[3]})
	}
	return out
}

// TestGenericMentions compares genericMentions with genericRE on the
// seeds, the seeds joined, and random texts of its words.
func TestGenericMentions(t *testing.T) {
	inputs := append([]string(nil), genericSeeds...)
	inputs = append(inputs, strings.Join(genericSeeds, " "), strings.Join(genericSeeds, ""), strings.Join(genericSeeds, "-"))
	r := rand.New(rand.NewPCG(11, 12))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		inputs = append(inputs, randomGenericText(r))
	}
	for _, s := range inputs {
		if got, want := genericSpans(s), genericRESpans(s); !slices.Equal(got, want) {
			t.Errorf("genericMentions(%q) = %v, genericRE finds %v", s, got, want)
		}
	}
}

// FuzzGenericMentions compares genericMentions with genericRE.
func FuzzGenericMentions(f *testing.F) {
	for _, s := range genericSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := genericSpans(s), genericRESpans(s); !slices.Equal(got, want) {
			t.Errorf("genericMentions(%q) = %v, genericRE finds %v", s, got, want)
		}
	})
}

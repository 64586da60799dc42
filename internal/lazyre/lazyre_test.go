package lazyre_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/heft-dev/heft/internal/lazyre"
)

var wordRE = lazyre.New(`\w+`)

func Example() {
	// Nothing is compiled until the first call.
	fmt.Println(wordRE.FindAllString("two words", -1))
	// Output: [two words]
}

func TestConcurrentFirstUse(t *testing.T) {
	re := lazyre.New(`a+b`)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if !re.MatchString("xaab") {
				t.Error("no match")
			}
		})
	}
	wg.Wait()
}

func TestCompile(t *testing.T) {
	if err := lazyre.New(`(`).Compile(); err == nil {
		t.Error("Compile of a bad expression: no error")
	}
	re := lazyre.New(`x`)
	if err := re.Compile(); err != nil || re.String() != "x" || !re.MatchString("x") {
		t.Errorf("Compile = %v", err)
	}
}

func TestCompileAll(t *testing.T) {
	lazyre.New(`[`)
	if err := lazyre.CompileAll(); err == nil {
		t.Fatal("CompileAll with a bad expression: no error")
	}
}

package chanflow_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/chanflow"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestFacts checks the summaries chanflow exports, across packages.
func TestFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), chanflow.Analyzer, "facts", "facts/lib")
}

// TestChansPerFunc checks that a function's channels past the bound are
// not followed: each costs a walk of the function.
func TestChansPerFunc(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), chanflow.Analyzer, "bound")
	chans := results[0].Result.(*chanflow.Result).Chans()
	if len(chans) != chanflow.MaxChansPerFunc {
		t.Errorf("%d channels followed in a function making 40, want %d", len(chans), chanflow.MaxChansPerFunc)
	}
	if name := chans[len(chans)-1].Var.Name(); name != "ch31" {
		t.Errorf("the last channel followed is %s, want the 32nd made, ch31", name)
	}
}

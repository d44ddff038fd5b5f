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

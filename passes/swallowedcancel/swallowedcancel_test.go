package swallowedcancel_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/testutil"
	"github.com/asynclint/asynclint/passes/swallowedcancel"
	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Data(t), swallowedcancel.Analyzer, "swallowedcancel", "swallowedcancel/dep")
}

func TestStrict(t *testing.T) {
	swallowedcancel.Analyzer.Flags.Set("strict", "true")
	defer swallowedcancel.Analyzer.Flags.Set("strict", "false")
	analysistest.Run(t, testutil.Data(t), swallowedcancel.Analyzer, "swallowedcancel/strict")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.Data(t), swallowedcancel.Analyzer, "swallowedcancel/fix")
	testutil.TypeCheckGoldens(t, "swallowedcancel/fix")
}

package cancelledcleanup_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/testutil"
	"github.com/asynclint/asynclint/passes/cancelledcleanup"
	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Data(t), cancelledcleanup.Analyzer, "cancelledcleanup", "cancelledcleanup/dep")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.Data(t), cancelledcleanup.Analyzer, "cancelledcleanup/fix")
	testutil.TypeCheckGoldens(t, "cancelledcleanup/fix")
}

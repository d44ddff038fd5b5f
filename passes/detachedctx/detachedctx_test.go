package detachedctx_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/testutil"
	"github.com/asynclint/asynclint/passes/detachedctx"
	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Data(t), detachedctx.Analyzer, "detachedctx", "detachedctx/dep", "detachedctx/cmd")
}

func TestTests(t *testing.T) {
	detachedctx.Analyzer.Flags.Set("tests", "true")
	defer detachedctx.Analyzer.Flags.Set("tests", "false")
	analysistest.Run(t, testutil.Data(t), detachedctx.Analyzer, "detachedctx/tests")
}

func TestGoroutines(t *testing.T) {
	detachedctx.Analyzer.Flags.Set("goroutines", "true")
	defer detachedctx.Analyzer.Flags.Set("goroutines", "false")
	analysistest.Run(t, testutil.Data(t), detachedctx.Analyzer, "detachedctx/goroutines")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.Data(t), detachedctx.Analyzer, "detachedctx/fix")
	testutil.TypeCheckGoldens(t, "detachedctx/fix")
}

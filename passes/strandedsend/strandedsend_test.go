package strandedsend_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/testutil"
	"github.com/asynclint/asynclint/passes/strandedsend"
	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Data(t), strandedsend.Analyzer, "strandedsend", "strandedsend/dep", "strandedsend/skipped")
}

func TestTests(t *testing.T) {
	strandedsend.Analyzer.Flags.Set("tests", "true")
	defer strandedsend.Analyzer.Flags.Set("tests", "false")
	analysistest.Run(t, testutil.Data(t), strandedsend.Analyzer, "strandedsend/tests")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.Data(t), strandedsend.Analyzer, "strandedsend/fix")
	testutil.TypeCheckGoldens(t, "strandedsend/fix")
}

func TestStreams(t *testing.T) {
	if err := strandedsend.Analyzer.Flags.Set("streams", "true"); err != nil {
		t.Fatal(err)
	}
	defer strandedsend.Analyzer.Flags.Set("streams", "false")
	analysistest.Run(t, testutil.Data(t), strandedsend.Analyzer, "strandedsend/streams")
}

package lostresult_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/testutil"
	"github.com/asynclint/asynclint/passes/lostresult"
	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Data(t), lostresult.Analyzer, "lostresult", "lostresult/dep", "lostresult/testhook")
}

func TestTests(t *testing.T) {
	lostresult.Analyzer.Flags.Set("tests", "true")
	defer lostresult.Analyzer.Flags.Set("tests", "false")
	analysistest.Run(t, testutil.Data(t), lostresult.Analyzer, "lostresult/tests")
}

func TestAll(t *testing.T) {
	lostresult.Analyzer.Flags.Set("all", "true")
	defer lostresult.Analyzer.Flags.Set("all", "false")
	analysistest.Run(t, testutil.Data(t), lostresult.Analyzer, "lostresult/all")
}

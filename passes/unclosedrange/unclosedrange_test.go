package unclosedrange_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/testutil"
	"github.com/asynclint/asynclint/passes/unclosedrange"
	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Data(t), unclosedrange.Analyzer, "unclosedrange", "unclosedrange/dep")
}

func TestTests(t *testing.T) {
	unclosedrange.Analyzer.Flags.Set("tests", "true")
	defer unclosedrange.Analyzer.Flags.Set("tests", "false")
	analysistest.Run(t, testutil.Data(t), unclosedrange.Analyzer, "unclosedrange/tests")
}

package spinloop_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/testutil"
	"github.com/asynclint/asynclint/passes/spinloop"
	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Data(t), spinloop.Analyzer, "spinloop", "spinloop/dep")
}

func TestTests(t *testing.T) {
	spinloop.Analyzer.Flags.Set("tests", "true")
	defer spinloop.Analyzer.Flags.Set("tests", "false")
	analysistest.Run(t, testutil.Data(t), spinloop.Analyzer, "spinloop/tests")
}

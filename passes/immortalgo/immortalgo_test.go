package immortalgo_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/testutil"
	"github.com/asynclint/asynclint/passes/immortalgo"
	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Data(t), immortalgo.Analyzer, "immortalgo", "immortalgo/dep", "immortalgo/cmd", "immortalgo/tests")
}

package suppress_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/suppress"
	"github.com/asynclint/asynclint/internal/testutil"
	"github.com/asynclint/asynclint/passes/lostresult"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestChecker(t *testing.T) {
	checker := suppress.Checker([]*analysis.Analyzer{lostresult.Analyzer}, []string{"lostresult", "immortalgo"})
	analysistest.Run(t, testutil.Data(t), checker, "ignore")
}

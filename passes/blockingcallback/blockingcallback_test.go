package blockingcallback_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/testutil"
	"github.com/asynclint/asynclint/passes/blockingcallback"
	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Data(t), blockingcallback.Analyzer, "blockingcallback", "blockingcallback/dep", "blockingcallback/tests")
}

func TestFuncs(t *testing.T) {
	const list = "(*blockingcallback/funcs/bus.Bus).Subscribe,blockingcallback/funcs/bus.On"
	if err := blockingcallback.Analyzer.Flags.Set("funcs", list); err != nil {
		t.Fatal(err)
	}
	defer blockingcallback.Analyzer.Flags.Set("funcs", "")
	analysistest.Run(t, testutil.Data(t), blockingcallback.Analyzer, "blockingcallback/funcs")
}

func TestWorkers(t *testing.T) {
	blockingcallback.Analyzer.Flags.Set("workers", "true")
	defer blockingcallback.Analyzer.Flags.Set("workers", "false")
	analysistest.Run(t, testutil.Data(t), blockingcallback.Analyzer, "blockingcallback/workers")
}

func TestLoops(t *testing.T) {
	blockingcallback.Analyzer.Flags.Set("loops", "true")
	defer blockingcallback.Analyzer.Flags.Set("loops", "false")
	analysistest.Run(t, testutil.Data(t), blockingcallback.Analyzer, "blockingcallback/loops")
}

func TestDeep(t *testing.T) {
	blockingcallback.Analyzer.Flags.Set("deep", "true")
	defer blockingcallback.Analyzer.Flags.Set("deep", "false")
	analysistest.Run(t, testutil.Data(t), blockingcallback.Analyzer, "blockingcallback/deep")
}

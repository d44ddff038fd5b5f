package uncancellable_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/testutil"
	"github.com/asynclint/asynclint/passes/uncancellable"
	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Data(t), uncancellable.Analyzer,
		"uncancellable", "uncancellable/dep", "uncancellable/cmd", "uncancellable/tests")
}

func withFlag(t *testing.T, flag, pkg string) {
	uncancellable.Analyzer.Flags.Set(flag, "true")
	defer uncancellable.Analyzer.Flags.Set(flag, "false")
	analysistest.Run(t, testutil.Data(t), uncancellable.Analyzer, pkg)
}

func TestChans(t *testing.T)      { withFlag(t, "chans", "uncancellable/chans") }
func TestWaits(t *testing.T)      { withFlag(t, "waits", "uncancellable/waits") }
func TestTimerDrain(t *testing.T) { withFlag(t, "timerdrain", "uncancellable/drain") }
